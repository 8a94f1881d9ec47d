package org.curationlab.bench;

import org.curationlab.data.CurationException;
import org.curationlab.harness.summary.FinalRows;
import org.curationlab.models.ImageTowerKind;
import org.curationlab.models.ModelConfig;
import org.curationlab.models.TwoTowerModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The {@code loop-SIZE} rows of {@code curate bench} (and {@code loop-vit-SIZE}): the model trained by the real
 * {@code curate train} loop (uniform batches from the default web pool, batch 256), in this
 * process, as ms per step from the run's own {@code wall_s}, which leaves evaluation out. Each
 * repeat is a whole run of {@link #STEPS} steps in a fresh folder; one untimed run warms up.
 * Against the same run's {@code train-SIZE} row it shows what the loop adds to the bare step
 * (batch assembly, token bags, the ledger). {@code loop-M-rgb32} is the same loop on your own pairs
 * (generated RGB PNGs, the decoded-pairs cache warm) against {@code train-M-rgb32}.
 */
public final class LoopBench {
    public static final int STEPS = 100;
    private static final int BATCH = 256;
    /** The row name of the loop on your own pairs, which {@link BenchTargets} weighs against {@link #PAIRS_STEP}. */
    public static final String PAIRS_LOOP = "loop-M-rgb32";
    /**
     * The row name of the bare step of the very model {@link #PAIRS_LOOP} trains (its checkpoint's
     * config: the pairs' own vocabulary and caption length), timed for as many steps right after
     * each of its runs, so that the two share the machine's drift.
     */
    public static final String PAIRS_STEP = "step-M-rgb32";

    /** The row name of the ViT-M trained by JEST's learnability in the real loop, which {@link BenchTargets} weighs against loop-vit-M. */
    public static final String JEST_LOOP = "loop-vit-M-learnability";
    /**
     * Steps of the reference the JEST row's first, untimed run trains (a curated level's, then cached): what
     * a step of selection costs does not depend on how good the reference is.
     */
    static final int JEST_REFERENCE_STEPS = 50;

    private LoopBench() {
    }

    public static BenchResult run(ModelSize size, int repeats, BenchResult bareStep, int threads) {
        return run(ImageTowerKind.CNN, size, repeats, bareStep, threads);
    }

    /**
     * The {@code loop-SIZE} row of the CNN, or {@code loop-vit-SIZE} of the ViT (at its base patch):
     * against {@code bareStep} ({@code train-SIZE} or {@code train-vit-SIZE}) when given.
     */
    public static BenchResult run(ImageTowerKind tower, ModelSize size, int repeats, BenchResult bareStep, int threads) {
        RunSpec base = RunSpec.defaults().with("eval-size", 500).with("threads", threads).with("seed", 0);
        return run(tower, size, repeats, bareStep, base, STEPS, BATCH);
    }

    /**
     * The {@code loop-vit-M-learnability} row: the ViT M trained by the real loop with JEST's learnability
     * (joint selection, f = 0.8: B = 1 280 candidates scored for a batch of 256) against a curated reference
     * that the first, untimed run trains ({@link #JEST_REFERENCE_STEPS} steps) and whose pool embeddings it
     * caches. Its FLOPs per step are the ledger's over the timed steps: training, the learner's scoring and
     * the reference's B × B products, without the one-off embedding of the pool. Against the same run's
     * {@code loop-vit-M} ({@code uniformLoop}) it shows what selection costs beyond its FLOPs, which
     * {@link BenchTargets} judges.
     */
    public static BenchResult jest(int repeats, BenchResult uniformLoop, int threads) {
        RunSpec base = RunSpec.defaults().with("eval-size", 500).with("threads", threads).with("seed", 0)
                .with("reference", "curated").with("reference-iterations", JEST_REFERENCE_STEPS);
        return jest(repeats, uniformLoop, base, STEPS, BATCH);
    }

    /** As the public form, on {@code base}'s data, settings and reference, with runs of {@code steps} steps of {@code batch}. */
    static BenchResult jest(int repeats, BenchResult uniformLoop, RunSpec base, int steps, int batch) {
        Path cache = createTempDir("reference");
        try {
            RunSpec run = base.with("method", "learnability").with("selection", "joint").with("filter-ratio", 0.8)
                    .with("cache-dir", cache.toString());
            Measured m = measure(ImageTowerKind.VIT, ModelSize.M, repeats, run, steps, batch, null);
            String note = String.format(Locale.ROOT, "tower vit, curate train, learnability, joint, f = 0.8, web pool, batch %d, "
                    + "%d steps per repeat, reference %s, evaluation excluded (wall_s / steps); choosing the batch (select_s / steps: "
                    + "the super-batch's gather, learner and reference scoring, the selector) %.1f ms of it%s",
                    batch, steps, referenceNote(run), m.selectMs(), uniformLoop == null ? "" : String.format(Locale.ROOT,
                            "; %.2fx the time and %.2fx the FLOPs of the %s step of this run", m.timing().medianMs() / uniformLoop.ms(),
                            m.flopsPerStep() / uniformLoop.flops(), uniformLoop.name()));
            return Bench.flopResult(JEST_LOOP, m.timing(), m.flopsPerStep(), note);
        } finally {
            deleteQuietly(cache);
        }
    }

    /** As the public form, on {@code base}'s data and settings, with runs of {@code steps} steps of {@code batch}. */
    static BenchResult run(ImageTowerKind tower, ModelSize size, int repeats, BenchResult bareStep, RunSpec base, int steps,
                           int batch) {
        String name = tower == ImageTowerKind.CNN ? size.toString() : tower.name().toLowerCase(Locale.ROOT) + "-" + size;
        Measured m = measure(tower, size, repeats, base.with("method", "uniform"), steps, batch, null);
        String note = String.format(Locale.ROOT, "curate train, uniform, web pool, batch %d, %d steps per repeat, "
                + "evaluation excluded (wall_s / steps)%s", batch, steps, against(m.timing(), bareStep));
        return Bench.flopResult("loop-" + name, m.timing(), m.flopsPerStep(), (tower == ImageTowerKind.CNN ? "" : "tower "
                + tower.name().toLowerCase(Locale.ROOT) + ", ") + note);
    }

    /**
     * The {@code loop-M-rgb32} row and its {@code step-M-rgb32}: the CNN M trained by the real loop
     * on your own pairs, a folder of {@link Bench#DECODE_IMAGES} generated RGB PNGs with captions
     * ({@link DecodeBench#generate}) decoded to 32 × 32 RGB, and the bare step of the same model
     * timed after each run; the loop's note also weighs it against {@code rgbStep}
     * ({@code train-M-rgb32}) when given. A run reads the decoded-pairs cache once before its first
     * step and then gathers batches from memory; the untimed first run writes the cache, so every
     * timed run starts from a warm one.
     */
    public static List<BenchResult> onOwnPairs(int repeats, BenchResult rgbStep, int threads) {
        RunSpec base = RunSpec.defaults().with("eval-size", 500).with("threads", threads).with("seed", 0);
        return onOwnPairs(repeats, rgbStep, base, Bench.DECODE_IMAGES, STEPS, BATCH);
    }

    /** As the public form, on {@code base}'s settings, over {@code images} generated pairs, with runs of {@code steps} steps of {@code batch}. */
    static List<BenchResult> onOwnPairs(int repeats, BenchResult rgbStep, RunSpec base, int images, int steps, int batch) {
        Path dir = createTempDir("pairs");
        try {
            Path source = dir.resolve("pairs");
            DecodeBench.generate(source, images);
            RunSpec run = base.with("method", "uniform").with("pairs", source.toString()).with("image-size", DecodeBench.SIDE).with("channels", 3)
                    .with("cache-dir", dir.resolve("cache").toString());
            BareStep bare = new BareStep(steps, batch);
            Measured m = measure(ImageTowerKind.CNN, ModelSize.M, repeats, run, steps, batch, bare);
            String note = String.format(Locale.ROOT, "curate train --pairs, %d generated PNGs to %d x %d RGB, decoded-pairs cache "
                    + "warm, uniform, batch %d, %d steps per repeat, evaluation excluded (wall_s / steps); %.2fx the %s step "
                    + "timed after each run%s", images, DecodeBench.SIDE, DecodeBench.SIDE, batch, steps,
                    m.timing().medianMs() / m.bare().medianMs(), PAIRS_STEP, against(m.timing(), rgbStep));
            BenchResult loop = Bench.flopResult(PAIRS_LOOP, m.timing(), m.flopsPerStep(), note);
            BenchResult step = Bench.flopResult(PAIRS_STEP, m.bare(), m.flopsPerStep(), String.format(Locale.ROOT,
                    "the bare training step of the model each %s run trained (its checkpoint's config: the pairs' vocabulary "
                    + "and caption length), random images, %d steps timed right after each run", PAIRS_LOOP, steps));
            return List.of(loop, step);
        } finally {
            deleteQuietly(dir);
        }
    }

    /**
     * Loop ms per step, the bare step's ms per step timed after each run (or null), the ledger's FLOPs per step, and
     * the median ms per step of choosing the batch (the runs' {@code select_s}), a part of {@code timing}.
     */
    private record Measured(Timing timing, Timing bare, double flopsPerStep, double selectMs) {
    }

    /**
     * The bare step of the model a loop run trained: built once from the first run's checkpoint
     * config, then {@code steps} steps of {@code batch} random images timed as one block, the
     * loop's own definition of ms per step (wall / steps).
     */
    private static final class BareStep {
        private final int steps;
        private final int batch;
        private TwoTowerModel model;
        private INDArray images;
        private INDArray tokens;

        BareStep(int steps, int batch) {
            this.steps = steps;
            this.batch = batch;
        }

        double msPerStep(Path runDir) {
            if (model == null) {
                ModelConfig c = TwoTowerModel.readConfig(runDir.resolve(Trainer.CHECKPOINT));
                model = TwoTowerModel.create(c);
                images = Nd4j.rand(DataType.FLOAT, batch, c.imageShape().pixels());
                tokens = Bench.tokens(batch, c.vocabSize(), c.maxTokens());
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                model.trainStep(images, tokens);
            }
            return (System.nanoTime() - t0) / 1e6 / steps;
        }
    }

    /**
     * Runs of {@code steps} steps in fresh folders, one untimed first: ms per step from each timed
     * run's {@code wall_s}; with {@code bare}, its step timed after each run (the first untimed too).
     */
    private static Measured measure(ImageTowerKind tower, ModelSize size, int repeats, RunSpec base, int steps, int batch,
                                    BareStep bare) {
        double[] msPerStep = new double[repeats];
        double[] bareMs = new double[repeats];
        double[] selectMs = new double[repeats];
        double flopsPerStep = Double.NaN;
        for (int r = -1; r < repeats; r++) {
            Path dir = createTempDir(size.toString());
            try {
                List<ResultRow> rows = trainOnce(tower, size, base, steps, batch, dir);
                ResultRow row = FinalRows.of(rows);
                double wall = row.number("wall_s");
                // The ledger's FLOPs of the steps alone: the row of step 0 holds what came before them (a
                // reference's one-off embedding of the pool).
                flopsPerStep = (row.number(ComputeLedger.TOTAL) - rows.get(0).number(ComputeLedger.TOTAL)) / steps;
                double b = bare == null ? Double.NaN : bare.msPerStep(dir);
                if (r >= 0) {
                    msPerStep[r] = 1000 * wall / steps;
                    selectMs[r] = 1000 * row.number(EvalLog.SELECT_SECONDS) / steps;
                    bareMs[r] = b;
                }
            } finally {
                deleteQuietly(dir);
            }
        }
        return new Measured(Timing.of(msPerStep), bare == null ? null : Timing.of(bareMs), flopsPerStep, Bench.median(selectMs));
    }

    /** How the JEST row's reference came about: a level's, trained in the untimed run, or a checkpoint. */
    private static String referenceNote(RunSpec run) {
        Integer steps = run.reference().referenceIterations();
        return steps != null ? String.format(Locale.ROOT, "%s, trained %d steps in the untimed run", run.reference().reference(), steps)
                : run.reference().reference();
    }

    private static String against(Timing t, BenchResult bareStep) {
        return bareStep == null ? "" : String.format(Locale.ROOT, "; %.2fx the %s step of this run", t.medianMs() / bareStep.ms(),
                bareStep.name());
    }

    /** One run's evaluation rows in iteration order, from step 0 to its last. */
    private static List<ResultRow> trainOnce(ImageTowerKind tower, ModelSize size, RunSpec base, int steps, int batch, Path dir) {
        RunSpec run = base.with("model", size.name()).with("iterations", steps)
                .with("batch", batch).with("eval-every", steps);
        if (tower != ImageTowerKind.CNN) {
            run = run.with("tower", tower.name().toLowerCase(Locale.ROOT));
        }
        Runs.train(run, dir, false, Runs.Listener.SILENT);
        return FinalRows.inIterationOrder(new EvalLog(dir.resolve(Trainer.EVAL_CSV)).table().rows());
    }

    private static Path createTempDir(String what) {
        try {
            return Files.createTempDirectory("curate-bench-loop-" + what);
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
