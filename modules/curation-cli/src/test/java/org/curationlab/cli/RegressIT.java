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
 * {@code curate regress} against the committed CI baseline (results/baselines/ci) catches a real
 * regression and lets real noise through: the learnability score with its sign flipped (JEST then
 * picks the least learnable examples) must fail, and a run with a seed the baseline never saw must
 * pass. Both run the real sweep (one seed each, two cells, to keep CI short), as child processes,
 * from the repository root.
 */
@Tag("integration")
class RegressIT {
    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    record Outcome(int exit, String log) {
    }

    Outcome regress(String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=6g",
                "-cp", System.getProperty("java.class.path"), Curate.class.getName(), "regress",
                "--spec", "experiments/ci.yaml", "--baseline", "results/baselines/ci"));
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
    void flippingTheLearnabilityScoreIsARegression() throws Exception {
        // One seed is enough to see it; the bands widen to a one-seed run's standard error.
        Outcome o = regress("--set", "seed=0", "--set", "negate-scores=true", "--out", tmp.resolve("flipped").toString());
        assertEquals(1, o.exit(), o.log());
        assertTrue(o.log().lines().anyMatch(l -> l.startsWith("order") && l.contains("learnability > uniform")
                && l.endsWith("REGRESSION")), o.log());
        assertTrue(o.log().lines().noneMatch(l -> l.startsWith("final") && l.contains("uniform") && l.endsWith("REGRESSION")),
                "uniform training does not use the score: " + o.log());
    }

    @Test
    void aReseededRunPasses() throws Exception {
        // One fresh seed (the spec's seed 0 moved to 1000), judged with the bands widened to one seed.
        Outcome o = regress("--set", "seed=0", "--seed-offset", "1000", "--out", tmp.resolve("reseeded").toString());
        assertEquals(0, o.exit(), o.log());
        assertTrue(o.log().contains("0 regressions"), o.log());
    }
}
