package org.curationlab.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code curate fit-table}: the model-size record redrawn from its sweep, and bad flags as one line. */
class FitTableCommandTest {
    private static final Path SWEEP = Path.of("../../results/scaling");

    @TempDir
    Path tmp;

    /** experiments/scaling-report.sh's table, byte for byte (its title is the committed file's first paragraph). */
    @Test
    @Tag("integration")
    void theCommittedModelSizeTableIsRedrawnByteForByte() throws IOException {
        String committed = Files.readString(SWEEP.resolve("model-size.md"));
        String title = committed.substring(0, committed.indexOf("\n\n"));
        Path out = tmp.resolve("model-size.md");
        CliRun r = CliRun.of("fit-table", "--runs", SWEEP.resolve("results.csv").toString(), "--within", "model:size,iterations:steps",
                "--by", "method", "--baseline", "uniform", "--method", "learnability", "--x", "iteration:iterations,flops_total:FLOPs",
                "--target", "final", "--out", out.toString(), "--title", title);
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(committed, Files.readString(out));
        assertEquals(committed, r.out());
    }

    @Test
    void theBaselineAsTheMethodIsOneLineNamingTheFlag() {
        CliRun r = CliRun.of("fit-table", "--runs", SWEEP.resolve("results.csv").toString(), "--within", "model",
                "--baseline", "uniform", "--method", "uniform", "--x", "iteration");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--method: 'uniform' is the baseline itself") && r.clean(), r.err());
    }

    @Test
    void aResultsTableIsNeverWrittenOver() throws IOException {
        Path results = Files.writeString(tmp.resolve("results.csv"), "cell,method\n");
        CliRun r = CliRun.of("fit-table", "--runs", SWEEP.resolve("results.csv").toString(), "--within", "model",
                "--baseline", "uniform", "--method", "learnability", "--x", "iteration", "--out", results.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--out:") && r.clean(), r.err());
        assertEquals("cell,method\n", Files.readString(results));
    }
}
