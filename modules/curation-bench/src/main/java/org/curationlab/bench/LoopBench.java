package org.curationlab.bench;

import org.curationlab.data.CurationException;
import org.curationlab.harness.summary.FinalRows;
import org.curationlab.models.ModelSize;
import org.curationlab.train.ComputeLedger;
import org.curationlab.train.EvalLog;
import org.curationlab.train.RunSpec;
import org.curationlab.train.Runs;
import org.curationlab.train.Trainer;
import org.curationlab.train.results.ResultRow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The {@code loop-SIZE} rows of {@code curate bench}: the model trained by the real
 * {@code curate train} loop (uniform batches from the default web pool, batch 256), in this
 * process, as ms per step from the run's own {@code wall_s}, which leaves evaluation out. Each
 * repeat is a whole run of {@link #STEPS} steps in a fresh folder; one untimed run warms up.
 * Against the same run's {@code train-SIZE} row it shows what the loop adds to the bare step
 * (batch assembly, token bags, the ledger).
 */
public final class LoopBench {
    public static final int STEPS = 100;
    private static final int BATCH = 256;

    private LoopBench() {
    }

    public static BenchResult run(ModelSize size, int repeats, BenchResult bareStep, int threads) {
        double[] msPerStep = new double[repeats];
        double flopsPerStep = Double.NaN;
        for (int r = -1; r < repeats; r++) {
            Path dir = createTempDir(size);
            try {
                ResultRow row = trainOnce(size, dir, threads);
                double wall = row.number("wall_s");
                flopsPerStep = row.number(ComputeLedger.TRAIN) / STEPS;
                if (r >= 0) {
                    msPerStep[r] = 1000 * wall / STEPS;
                }
            } finally {
                deleteQuietly(dir);
            }
        }
        Timing t = Timing.of(msPerStep);
        String note = String.format(Locale.ROOT, "curate train, uniform, web pool, batch %d, %d steps per repeat, "
                + "evaluation excluded (wall_s / steps)%s", BATCH, STEPS, bareStep == null ? ""
                : String.format(Locale.ROOT, "; %.2fx the train-%s step of this run", t.medianMs() / bareStep.ms(), size));
        return Bench.flopResult("loop-" + size, t, flopsPerStep, note);
    }

    private static ResultRow trainOnce(ModelSize size, Path dir, int threads) {
        RunSpec run = RunSpec.defaults().with("model", size.name()).with("method", "uniform").with("iterations", STEPS)
                .with("batch", BATCH).with("eval-every", STEPS).with("eval-size", 500).with("threads", threads).with("seed", 0);
        Runs.train(run, dir, false, Runs.Listener.SILENT);
        return FinalRows.of(new EvalLog(dir.resolve(Trainer.EVAL_CSV)).table().rows());
    }

    private static Path createTempDir(ModelSize size) {
        try {
            return Files.createTempDirectory("curate-bench-loop-" + size);
        } catch (IOException e) {
            throw new CurationException("bench: cannot create a temporary folder (" + e.getMessage() + ")", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is harmless
        }
    }
}
