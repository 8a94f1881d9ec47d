package org.curationlab.bench;

import org.curationlab.data.WordTokenizer;
import org.curationlab.models.AdamLayout;
import org.hipparchus.stat.regression.SimpleRegression;
import org.curationlab.models.FlopCount;
import org.curationlab.models.ImageResolution;
import org.curationlab.models.ImageShape;
import org.curationlab.models.ImageTowerKind;
import org.curationlab.models.ModelConfig;
import org.curationlab.models.ModelSize;
import org.curationlab.models.TowerEngine;
import org.curationlab.models.TwoTowerModel;
import org.curationlab.pruning.SphericalKMeans;
import org.curationlab.selection.BatchScorer;
import org.curationlab.selection.JointSelector;
import org.curationlab.selection.Scores;
import org.curationlab.selection.SigmoidScorer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The toolkit's own benchmark (`curate bench`): the machine's sgemm rate first, then training
 * steps per model size, learner scoring at 28 and 14, the joint selector, k-means, and decoding your
 * own pairs (cold and cached, {@link DecodeBench}), a CNN step on RGB 32×32, then the vision
 * transformer's ladder and scoring ({@link VitBench}), each as the median
 * of repeated runs after warm-up (with min and max), achieved GFLOP/s and the ratio to that
 * same-run sgemm rate. Each training step is timed interleaved with two twins on the same batch:
 * the whole model as one SameDiff graph ({@link TowerEngine#SAMEDIFF}, what the kernels engine
 * replaced) and one Adam updater per parameter array ({@link AdamLayout#PER_PARAMETER}), so the
 * table shows what each lever gains rather than asserting it.
 */
public final class Bench {
    /** Untimed runs before the timed ones: the JIT compiles SameDiff's session code over several calls. */
    static final int WARMUP = 3;
    /** The decode rows' generated PNGs (your own pairs at 32 x 32 RGB, {@link DecodeBench}). */
    static final int DECODE_IMAGES = 300;

    private final boolean quick;
    private final Consumer<BenchResult> sink;

    public Bench(boolean quick, Consumer<BenchResult> sink) {
        this.quick = quick;
        this.sink = sink;
    }

    /** Every row but the closing sgemm and the targets, without ratios: pass them to {@link #finish}. */
    public List<BenchResult> run() {
        List<BenchResult> all = new ArrayList<>();
        Consumer<BenchResult> emit = r -> {
            all.add(r);
            sink.accept(r);
        };
        emit.accept(sgemm(quick ? 512 : 1024));
        int batch = 256;
        warmUpJit(batch);
        double trainM = Double.NaN;
        for (ModelSize size : quick ? List.of(ModelSize.S, ModelSize.M) : List.of(ModelSize.values())) {
            List<BenchResult> rows = trainSteps(size, batch);
            rows.forEach(emit);
            if (size == ModelSize.M) {
                trainM = rows.get(0).ms();
            }
        }
        TwoTowerModel m = model(ModelSize.M);
        int superBatch = 1280;
        BenchResult score28 = scoring(m, superBatch, ImageResolution.FULL, null, trainM);
        emit.accept(score28);
        emit.accept(scoring(m, superBatch, ImageResolution.HALF, score28, trainM));
        int[] sizes = quick ? new int[]{256, 1280, 4096} : new int[]{256, 512, 1280, 2048, 4096, 8192};
        double[] selectMs = new double[sizes.length];
        warmUpSelector();
        for (int i = 0; i < sizes.length; i++) {
            BenchResult r = jointSelector(sizes[i], trainM);
            selectMs[i] = r.ms();
            emit.accept(r);
        }
        emit.accept(growth("select-joint-growth", sizes, selectMs, "B"));
        int[] ns = quick ? new int[]{10_000, 50_000} : new int[]{5_000, 10_000, 20_000, 50_000, 100_000};
        double[] kmeansMs = new double[ns.length];
        for (int i = 0; i < ns.length; i++) {
            BenchResult r = kmeans(ns[i], 64, 100);
            kmeansMs[i] = r.ms();
            emit.accept(r);
        }
        emit.accept(growth("kmeans-growth", ns, kmeansMs, "N"));
        DecodeBench.rows(DECODE_IMAGES, quick ? 3 : 5).forEach(emit);
        emit.accept(trainStepRgb(batch));
        vitRows(batch, superBatch, emit);
        return all;
    }

    /**
     * The ViT's rows ({@link VitBench}), after every CNN row so that those are timed as before:
     * a few untimed steps, the ladder's training steps, then learner M's scoring of the
     * super-batch at the base and the larger patch.
     */
    private void vitRows(int batch, int superBatch, Consumer<BenchResult> emit) {
        VitBench.warmUp(batch, quick ? 3 : 10);
        BenchResult vitM = null;
        for (ModelSize size : quick ? List.of(ModelSize.S, ModelSize.M) : List.of(ModelSize.values())) {
            BenchResult r = VitBench.trainStep(size, batch, quick ? 5 : 7);
            emit.accept(r);
            if (size == ModelSize.M) {
                vitM = r;
            }
        }
        VitBench.scoring(ModelSize.M, superBatch, vitM, 5).forEach(emit);
    }

    /**
     * A training step of the CNN M on RGB 32×32 (the shape your own pairs load at by default,
     * docs/data.md), timed alone: the step the cached decoded-pairs path is weighed against
     * ({@link BenchTargets}).
     */
    BenchResult trainStepRgb(int batch) {
        ImageShape rgb = new ImageShape(3, DecodeBench.SIDE);
        TwoTowerModel m = TwoTowerModel.create(config(ImageTowerKind.CNN, ModelSize.M).withImageShape(rgb));
        INDArray images = Nd4j.rand(DataType.FLOAT, batch, rgb.pixels());
        INDArray tokens = tokens(batch);
        Timing t = repeat(quick ? 5 : 7, () -> m.trainStep(images, tokens));
        return flopResult(BenchTargets.RGB_STEP, t, trainStepFlops(m, batch), m.parameterCount() + " parameters, CNN, "
                + rgb + " RGB (your own pairs' default shape), batch " + batch + ", kernels engine, fused Adam (1 op), timed alone");
    }

    /**
     * Untimed steps of both engines before any training row: the JIT compiles the Java side of
     * a step (ND4J's op plumbing, SameDiff's session) over the first tens of calls, which would
     * otherwise land on whichever row is timed first (train-S) and break the size ladder.
     */
    private void warmUpJit(int batch) {
        INDArray images = Nd4j.rand(DataType.FLOAT, batch, ImageResolution.FULL.pixels());
        INDArray tokens = tokens(batch);
        TwoTowerModel kernels = model(ModelSize.S);
        TwoTowerModel graph = TwoTowerModel.create(config(ModelSize.S), TowerEngine.SAMEDIFF);
        for (int i = 0; i < (quick ? 5 : 20); i++) {
            kernels.trainStep(images, tokens);
            graph.trainStep(images, tokens);
        }
    }

    /**
     * How a cost grows with its size: the least-squares slope of log(ms) on log(size), so 2.0 means
     * quadratic. The selector computes all B² pair losses of both models, then O(b·B) sampler
     * updates with b = B/5 here; k-means O(N·k·d) per
     * iteration times the iterations to converge.
     */
    public static BenchResult growth(String name, int[] sizes, double[] ms, String variable) {
        // A least-squares slope, not a scaling fit: a straight line in log-log needs no robust fitter.
        int n = sizes.length;
        SimpleRegression line = new SimpleRegression();
        for (int i = 0; i < n; i++) {
            line.addData(Math.log(sizes[i]), Math.log(ms[i]));
        }
        double slope = line.getSlope();
        return new BenchResult(name, Double.NaN, Double.NaN, Double.NaN, String.format(Locale.ROOT,
                "time grows as %s^%.2f from %s=%d to %d (log-log slope over %d sizes)", variable, slope, variable,
                sizes[0], sizes[n - 1], n));
    }

    /**
     * Spherical k-means (k-means++ start, then Lloyd iterations to convergence) of N random unit
     * vectors of dimension d. FLOPs count the gemm work only ({@link SphericalKMeans#gemmFlops}).
     */
    BenchResult kmeans(int n, int d, int k) {
        float[] x = clusteredUnitVectors(n, d, k);
        int[] iterations = new int[1];
        Timing t = repeat(5, () -> iterations[0] = new SphericalKMeans(k, 1, 100, 1e-6).fit(x, n, d).iterations());
        double flops = SphericalKMeans.gemmFlops(n, d, k, iterations[0]);
        return flopResult("kmeans-N" + n, t, flops, String.format(Locale.ROOT, "k=%d, d=%d, %d Lloyd iterations, gemm FLOPs only",
                k, d, iterations[0]));
    }

    /** n unit vectors of dimension d around k random centres, so Lloyd converges as on real embeddings. */
    public static float[] clusteredUnitVectors(int n, int d, int k) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
        float[] x = new float[n * d];
        float[] centres = new float[k * d];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (float) gaussian(rng);
        }
        for (int i = 0; i < n; i++) {
            int c = rng.nextInt(k);
            double norm = 0;
            for (int j = 0; j < d; j++) {
                float v = centres[c * d + j] + 0.5f * (float) gaussian(rng);
                x[i * d + j] = v;
                norm += v * v;
            }
            float inv = (float) (1 / Math.sqrt(norm));
            for (int j = 0; j < d; j++) {
                x[i * d + j] *= inv;
            }
        }
        return x;
    }

    private static double gaussian(java.util.SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    /** C = A·B for n×n float matrices: 2n³ FLOPs. */
    BenchResult sgemm(int n) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        Timing t = repeat(quick ? 5 : 10, () -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0));
        return new BenchResult("sgemm-" + n, t, 2.0 * n * n * n, Double.NaN,
                "C = A·B, n = " + n + "; the run's reference rate is the faster of this and sgemm-" + n + "-end");
    }

    /**
     * Measures sgemm once more and gives every row its ratio to the faster of the run's two
     * sgemm rates: a neighbour that slowed one sgemm measurement must not inflate every ratio.
     * The targets' rows come last ({@link BenchTargets}).
     */
    public List<BenchResult> finish(List<BenchResult> rows) {
        int n = quick ? 512 : 1024;
        BenchResult start = rows.get(0);
        BenchResult end = sgemm(n);
        end = new BenchResult("sgemm-" + n + "-end", end.timing(), end.flops(), Double.NaN,
                "the same sgemm after every other row");
        double reference = Math.max(start.gflops(), end.gflops());
        List<BenchResult> out = new ArrayList<>();
        for (BenchResult r : rows) {
            out.add(r.against(reference));
        }
        out.add(end.against(reference));
        out.addAll(BenchTargets.of(out));
        return out;
    }

    /**
     * A train step of the model as it trains (kernels engine, flattened Adam), timed alone: the
     * {@code train-SIZE} row. Then the same step and two twins that differ in one lever each, on
     * the same batch, timed in rotation so drift on a shared machine hits all three alike: the
     * whole model as one SameDiff graph, and one Adam updater per parameter array. The twins'
     * rows and notes give each lever's measured gain against the rotated kernels step (the
     * SameDiff twin's fresh off-heap arrays slow whatever runs after it, so the rotated kernels
     * step is slower than the one timed alone).
     */
    List<BenchResult> trainSteps(ModelSize size, int batch) {
        TwoTowerModel model = model(size, AdamLayout.FLATTENED);
        INDArray images = Nd4j.rand(DataType.FLOAT, batch, ImageResolution.FULL.pixels());
        INDArray tokens = tokens(batch);
        int reps = quick ? 5 : 7;
        Timing alone = repeat(reps, () -> model.trainStep(images, tokens));
        TwoTowerModel graph = TwoTowerModel.create(config(size), TowerEngine.SAMEDIFF);
        TwoTowerModel perParameter = model(size, AdamLayout.PER_PARAMETER);
        List<Double> fusedOptimiser = new ArrayList<>();
        List<Double> perParameterOptimiser = new ArrayList<>();
        Timing[] t = rotated(reps, () -> {
            model.trainStep(images, tokens);
            fusedOptimiser.add(model.lastOptimiserMillis());
        }, () -> graph.trainStep(images, tokens), () -> {
            perParameter.trainStep(images, tokens);
            perParameterOptimiser.add(perParameter.lastOptimiserMillis());
        });
        Timing fusedOpt = Timing.of(lastN(fusedOptimiser, reps));
        Timing perParameterOpt = Timing.of(lastN(perParameterOptimiser, reps));
        double flops = trainStepFlops(model, batch);
        String adamGain = String.format(Locale.ROOT,
                "%d Adam updater ops; fused Adam: optimiser part %.2f vs %.2f ms = %s%s; whole step (rotated) %s%s",
                model.parameterArrayCount(), fusedOpt.medianMs(), perParameterOpt.medianMs(),
                speedup(perParameterOpt.medianMs(), fusedOpt.medianMs()), noiseVerdict(fusedOpt, perParameterOpt),
                speedup(t[2].medianMs(), t[0].medianMs()), noiseVerdict(t[0], t[2]));
        String engineGain = String.format(Locale.ROOT, "whole model as one SameDiff graph (NCHW); kernels engine (rotated) %s%s",
                speedup(t[1].medianMs(), t[0].medianMs()), noiseVerdict(t[0], t[1]));
        return List.of(
                flopResult("train-" + size, alone, flops, model.parameterCount() + " parameters, CNN, batch "
                        + batch + ", kernels engine, fused Adam (1 op), timed alone"),
                flopResult("train-" + size + "-rotated", t[0], flops, "the same step timed in rotation with the two twins below"),
                flopResult("train-" + size + "-samediff", t[1], flops, engineGain),
                flopResult("train-" + size + "-adam-per-param", t[2], flops, adamGain));
    }

    /** "1.80x faster" when baseline/candidate > 1, else "1.25x slower". */
    private static String speedup(double baselineMs, double candidateMs) {
        double r = baselineMs / candidateMs;
        return r >= 1 ? String.format(Locale.ROOT, "%.2fx faster", r)
                : String.format(Locale.ROOT, "%.2fx slower", 1 / r);
    }

    /**
     * The learner's pair scores of a super-batch at one resolution. With {@code full} (the 28×28
     * row), the note gives the 14×14 row's FLOPs and time as fractions of it: the Flexi-JEST
     * analogue's saving.
     */
    BenchResult scoring(TwoTowerModel m, int superBatch, ImageResolution resolution, BenchResult full, double trainMs) {
        INDArray images = Nd4j.rand(DataType.FLOAT, superBatch, ImageResolution.FULL.pixels());
        INDArray input = resolution == ImageResolution.HALF ? ImageResolution.downsample(images) : images;
        INDArray tokens = tokens(superBatch);
        Timing t = repeat(5, () -> m.pairLogits(input, tokens));
        double ms = t.medianMs();
        double flops = scoringFlops(m, superBatch, resolution);
        String note = String.format(Locale.ROOT, "learner M pair logits of a super-batch (as JEST reads them), %.3f MFLOP per example"
                + ", %.2fx the time of a train-M step", flops / superBatch / 1e6, ms / trainMs);
        if (full != null) {
            double fullFlops = full.gflops() * full.ms() * 1e6;
            note += String.format(Locale.ROOT, "; %.1f%% of the 28x28 FLOPs, %.1f%% of its time",
                    100 * flops / fullFlops, 100 * ms / full.ms());
        }
        return flopResult("score-" + resolution.side() + "-B" + superBatch, t, flops, note);
    }

    /**
     * The learnability scorer from both B×B logit matrices (every pair loss, row by row) plus
     * the paper's sampler (b = B/5, 16 chunks): everything a JEST step adds after the forward passes.
     * The note gives it as a share of the same run's model-M training step.
     */
    BenchResult jointSelector(int superBatch, double trainMMs) {
        // The scorer alone, timed in rotation with the whole on the same logits, says what the row's time is made of.
        INDArray[] logits = logits(superBatch);
        Timing[] t = rotated(quick ? 5 : 7, selection(logits), scorer(logits));
        String share = Double.isNaN(trainMMs) ? "" : String.format(Locale.ROOT, "; %.1f%% of a train-M step",
                100 * t[0].medianMs() / trainMMs);
        return new BenchResult("select-joint-B" + superBatch, t[0], Double.NaN, Double.NaN,
                "b=" + b(superBatch) + ", 16 chunks, scorer included" + share + String.format(Locale.ROOT,
                        "; the scorer alone (P from both logit matrices) %.2f ms, %.0f%% of the row", t[1].medianMs(),
                        100 * t[1].medianMs() / t[0].medianMs()));
    }

    private static int b(int superBatch) {
        return superBatch / 5;
    }

    /** One scorer build and one selection over learner and reference logits of a super-batch ({@link #logits}). */
    private static Runnable selection(INDArray[] logits) {
        int superBatch = (int) logits[0].rows();
        JointSelector selector = new JointSelector(JointSelector.Options.paper());
        return () -> {
            BatchScorer s = SigmoidScorer.of(Scores.LEARNABILITY, logits[0], logits[1]);
            selector.select(s, b(superBatch), 1);
        };
    }

    /** The scorer build of {@link #selection} alone. */
    private static Runnable scorer(INDArray[] logits) {
        return () -> SigmoidScorer.of(Scores.LEARNABILITY, logits[0], logits[1]);
    }

    /** Learner and reference logits, B × B, fixed random values in [−12, −8). */
    private static INDArray[] logits(int superBatch) {
        return new INDArray[]{Nd4j.rand(DataType.FLOAT, superBatch, superBatch).muli(4).subi(12),
                Nd4j.rand(DataType.FLOAT, superBatch, superBatch).muli(4).subi(12)};
    }

    /**
     * Untimed selections before the selector rows. A JEST run builds a scorer every step, so its
     * cost is that of the JIT-compiled loops; the scorer's row kernel is SIMD only once C2 has
     * compiled it, after some thousands of rows, which the smallest B's few warm-up runs would not
     * reach.
     */
    private void warmUpSelector() {
        Runnable select = selection(logits(512));
        for (int i = 0; i < (quick ? 10 : 30); i++) {
            select.run();
        }
    }

    /** A row doing {@code flops} per run; its ratio to sgemm is set by {@link #finish}. */
    public static BenchResult flopResult(String name, Timing t, double flops, String note) {
        return new BenchResult(name, t, flops, Double.NaN, note);
    }

    /** FLOPs of one full-resolution training step, as the trainer charges it ({@link FlopCount#trainStep}). */
    public static double trainStepFlops(TwoTowerModel m, int batch) {
        return FlopCount.trainStep(m.config(), batch, 0);
    }

    /** FLOPs of the learner's pair scores of a super-batch, as JEST charges them ({@link FlopCount#scoring}). */
    public static double scoringFlops(TwoTowerModel m, int superBatch, ImageResolution resolution) {
        return FlopCount.scoring(m.config(), superBatch, resolution);
    }

    /** The benchmarked CNN two-tower model of a size (64-d embeddings, the real tokenizer's shape). */
    public static TwoTowerModel model(ModelSize size) {
        return model(size, AdamLayout.FLATTENED);
    }

    /** The benchmarked two-tower model of a tower kind and size (1×28×28, 64-d embeddings, the real tokenizer's shape). */
    public static TwoTowerModel model(ImageTowerKind tower, ModelSize size) {
        return TwoTowerModel.create(config(tower, size));
    }

    private static TwoTowerModel model(ModelSize size, AdamLayout adamLayout) {
        return TwoTowerModel.create(config(size), adamLayout);
    }

    private static ModelConfig config(ModelSize size) {
        return config(ImageTowerKind.CNN, size);
    }

    private static ModelConfig config(ImageTowerKind tower, ModelSize size) {
        WordTokenizer tok = WordTokenizer.standard();
        return ModelConfig.defaults(tower, size).withShape(64, tok.vocabSize(), tok.maxTokens());
    }

    /** Deterministic token rows of n captions (five words each) in the synthetic world's vocabulary. */
    public static INDArray tokens(int n) {
        WordTokenizer tok = WordTokenizer.standard();
        return tokens(n, tok.vocabSize(), tok.maxTokens());
    }

    /** Deterministic token rows of n captions of up to five words, ids in [3, vocab), padded to {@code maxTokens}. */
    static INDArray tokens(int n, int vocab, int maxTokens) {
        int[] t = new int[n * maxTokens];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < Math.min(5, maxTokens); j++) {
                t[i * maxTokens + j] = vocab > 3 ? 3 + (i * 7 + j * 13) % (vocab - 3) : vocab - 1;
            }
        }
        return Nd4j.createFromArray(t).reshape(n, maxTokens);
    }

    /** Wall times in ms of {@code reps} runs after {@link #WARMUP} untimed ones. */
    static Timing repeat(int reps, Runnable work) {
        for (int i = 0; i < WARMUP; i++) {
            work.run();
        }
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            t[i] = time(work);
        }
        return Timing.of(t);
    }

    /**
     * Wall times of each piece of work after {@link #WARMUP} untimed rounds, run in rotation and
     * each round starting one further along, so that none is favoured by drift or by always
     * running first.
     */
    static Timing[] rotated(int reps, Runnable... work) {
        for (int i = 0; i < WARMUP; i++) {
            for (Runnable w : work) {
                w.run();
            }
        }
        double[][] t = new double[work.length][reps];
        for (int i = 0; i < reps; i++) {
            for (int k = 0; k < work.length; k++) {
                int j = (i + k) % work.length;
                t[j][i] = time(work[j]);
            }
        }
        Timing[] out = new Timing[work.length];
        for (int j = 0; j < work.length; j++) {
            out[j] = Timing.of(t[j]);
        }
        return out;
    }

    static double time(Runnable work) {
        long t0 = System.nanoTime();
        work.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    /** The upper median, as the bench has always reported. */
    static double median(double[] samples) {
        return Timing.of(samples).medianMs();
    }

    /** A difference of medians inside either side's [min, max] is noise, and the note says so. */
    private static String noiseVerdict(Timing a, Timing b) {
        return a.overlaps(b) ? ", within run-to-run spread" : "";
    }

    private static double[] lastN(List<Double> values, int n) {
        return values.subList(values.size() - n, values.size()).stream().mapToDouble(Double::doubleValue).toArray();
    }
}
