package org.curationlab.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code curate regress} against the committed CI baselines (results/baselines/ci, zero-shot top-1;
 * results/baselines/ci-selection, the share of clean pairs in the trained batches) catches a real
 * regression and lets real noise through: the score without its reference term (hard learner run
 * in learnability's place) must fail, and a run with a seed the baselines never saw must pass both.
 * Both run the real sweep (one seed each, two cells, to keep CI short), as child processes, from
 * the repository root. experiments/ci-demos.sh records the same with the reference swapped too.
 */
@Tag("integration")
class RegressIT {
    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    record Outcome(int exit, String log) {
    }

    Outcome regress(String baseline, String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(JvmMemory.options());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Curate.class.getName(), "regress",
                "--spec", "experiments/ci.yaml", "--baseline", "results/baselines/" + baseline));
        cmd.addAll(List.of(extra));
        Path log = tmp.resolve("regress.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("CURATE_CACHE", tmp.resolve("cache").toString());
        int exit = pb.start().waitFor();
        String text = Files.readString(log);
        System.out.println("curate regress " + String.join(" ", extra) + " -> exit " + exit + "\n" + text);
        return new Outcome(exit, text);
    }

    @Test
    void theScoreWithoutItsReferenceTermIsARegression() throws Exception {
        // Hard learner in learnability's place, judged against learnability's bands; one seed (bands widen to it).
        Path run = tmp.resolve("hard");
        Outcome o = regress("ci", "--set", "seed=0", "--set", "method=[uniform,hard-learner]",
                "--compare-as", "hard-learner=learnability", "--out", run.toString());
        assertEquals(1, o.exit(), o.log());
        assertTrue(o.log().lines().anyMatch(l -> l.startsWith("final") && l.contains("learnability") && l.endsWith("REGRESSION")), o.log());
        assertTrue(o.log().lines().noneMatch(l -> l.startsWith("final") && l.contains("uniform") && l.endsWith("REGRESSION")),
                "uniform training does not use the score: " + o.log());
        Outcome selection = regress("ci-selection", "--from", run.toString(), "--compare-as", "hard-learner=learnability");
        assertEquals(1, selection.exit(), selection.log());
        assertTrue(selection.log().lines().anyMatch(l -> l.startsWith("final") && l.contains("learnability")
                && l.contains("batch_clean") && l.endsWith("REGRESSION")), selection.log());
    }

    @Test
    void aReseededRunPasses() throws Exception {
        // One fresh seed (the spec's seed 0 moved to 1000), judged with the bands widened to one seed.
        Path run = tmp.resolve("reseeded");
        Outcome o = regress("ci", "--set", "seed=0", "--seed-offset", "1000", "--out", run.toString());
        assertEquals(0, o.exit(), o.log());
        assertTrue(o.log().contains("0 regressions"), o.log());
        Outcome selection = regress("ci-selection", "--from", run.toString());
        assertEquals(0, selection.exit(), selection.log());
        assertTrue(selection.log().contains("0 regressions"), selection.log());
    }
}
