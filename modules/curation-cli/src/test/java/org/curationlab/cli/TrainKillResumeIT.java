package org.curationlab.cli;

import org.curationlab.train.EvalLog;
import org.curationlab.train.results.ResultsTable;
import org.curationlab.data.FashionMnistFixture;
import org.curationlab.harness.sweep.SweepResults;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real {@code curate train} process halted (as by kill -9: no finally, no shutdown hook) at a
 * crash point, then resumed with {@code --resume}: its rows equal an uninterrupted run's in every
 * column but the timing ones (EvalLog.TIMING). TrainerCrashResumeTest covers every point in-process; this checks the halt.
 */
@Tag("integration")
class TrainKillResumeIT {
    @TempDir
    Path tmp;

    List<String> train(Path out) {
        return new ArrayList<>(List.of("train", "--data-dir", FashionMnistFixture.dir().toString(), "--pool-size", "200",
                "--tower", "mlp", "--model", "S", "--iterations", "6", "--batch", "16", "--eval-every", "2", "--eval-size", "50",
                "--threads", "1", "--seed", "3", "--out", out.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"after-checkpoint", "after-evaluation"})
    void haltedThenResumedGivesTheUninterruptedRows(String point) throws Exception {
        Path whole = tmp.resolve("whole");
        assertEquals(0, CliRun.of(train(whole).toArray(String[]::new)).exitCode());
        Path cut = tmp.resolve("cut");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcurationlab.crash-at=" + point + "@4", "-cp", System.getProperty("java.class.path"), Curate.class.getName()));
        cmd.addAll(train(cut));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(137, p.exitValue(), "halted at the crash point");
        List<String> resume = train(cut);
        resume.add("--resume");
        CliRun r = CliRun.of(resume.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        List<Map<String, String>> a = ResultsTable.read(whole.resolve("eval.csv")).maps();
        List<Map<String, String>> b = ResultsTable.read(cut.resolve("eval.csv")).maps();
        assertEquals(4, a.size());
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            for (String col : a.get(i).keySet()) {
                if (!EvalLog.TIMING.contains(col)) {
                    assertEquals(a.get(i).get(col), b.get(i).get(col), "row " + i + " column " + col);
                }
            }
        }
    }

    /**
     * A kill storm on the default CNN (kernels engine): SIGKILL at seeded random moments —
     * start-up, a step, a checkpoint, an evaluation, whatever the moment holds — then
     * {@code --resume}, again and again; the finished run's rows equal an uninterrupted run's.
     */
    @org.junit.jupiter.api.Test
    void killStormOnTheKernelsEngineGivesTheUninterruptedRows() throws Exception {
        Path whole = tmp.resolve("whole-cnn");
        assertEquals(0, CliRun.of(cnn(whole).toArray(String[]::new)).exitCode());
        Path cut = tmp.resolve("cut-cnn");
        java.util.Random rng = new java.util.Random(11);
        int killed = 0;
        for (int attempt = 0; attempt < 8; attempt++) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Curate.class.getName()));
            cmd.addAll(cnn(cut));
            cmd.add("--resume");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("storm-" + attempt + ".log").toFile()).start();
            if (!p.waitFor(1500 + rng.nextInt(4500), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook runs
                p.waitFor();
                killed++;
            } else if (p.exitValue() == 0) {
                break;
            }
        }
        List<String> finish = cnn(cut);
        finish.add("--resume");
        CliRun r = CliRun.of(finish.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(killed >= 1, "the storm killed at least once");
        List<Map<String, String>> a = ResultsTable.read(whole.resolve("eval.csv")).maps();
        List<Map<String, String>> b = ResultsTable.read(cut.resolve("eval.csv")).maps();
        assertEquals(a.size(), b.size(), "rows after " + killed + " kills");
        for (int i = 0; i < a.size(); i++) {
            for (String col : a.get(i).keySet()) {
                if (!EvalLog.TIMING.contains(col)) {
                    assertEquals(a.get(i).get(col), b.get(i).get(col), "row " + i + " column " + col + " after " + killed + " kills");
                }
            }
        }
    }

    private List<String> cnn(Path out) {
        return new ArrayList<>(List.of("train", "--data-dir", FashionMnistFixture.dir().toString(), "--pool-size", "200",
                "--model", "S", "--iterations", "40", "--batch", "16", "--eval-every", "4", "--eval-size", "50",
                "--threads", "1", "--seed", "5", "--out", out.toString()));
    }
}
