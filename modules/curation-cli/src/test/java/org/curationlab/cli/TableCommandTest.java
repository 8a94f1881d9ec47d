package org.curationlab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableCommandTest {
    @TempDir
    Path tmp;

    private Path run(String name, double... finals) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        StringBuilder csv = new StringBuilder("iteration,zeroshot_top1,flops_total\n");
        for (int i = 0; i < finals.length; i++) {
            csv.append((i + 1) * 100).append(',').append(finals[i]).append(',').append((i + 1) * 1e12).append('\n');
        }
        Files.writeString(dir.resolve("eval.csv"), csv);
        return dir;
    }

    @Test
    void reportsTheMeanAndSdOfEachGroupsFinalRows() throws IOException {
        Path out = tmp.resolve("t/table.md");
        CliRun r = CliRun.of("table", "--run", "uniform=" + run("u0", 0.1, 0.70), "--run", "uniform=" + run("u1", 0.2, 0.74),
                "--run", "jest=" + run("j0", 0.3, 0.80), "--columns", "zeroshot_top1,flops_total", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        // uniform: mean 0.72, sd of {0.70, 0.74} = 0.0283; one jest run has no sd
        assertTrue(r.out().contains("| uniform | 2 | 200 | 0.720 ± 0.028 | 2.00e+12 |"), r.out());
        assertTrue(r.out().contains("| jest | 1 | 200 | 0.800 | 2.00e+12 |"), r.out());
        assertEquals(r.out(), Files.readString(out));
    }

    @Test
    void anUnknownColumnNamesTheColumns() throws IOException {
        CliRun r = CliRun.of("table", "--run", "u=" + run("u0", 0.7), "--columns", "accuracy");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("no column 'accuracy'") && r.err().contains("zeroshot_top1"), r.err());
        assertTrue(r.clean(), r.err());
    }
}
