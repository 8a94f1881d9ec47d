package org.curationlab.harness.bench;

import org.curationlab.data.WordTokenizer;
import org.curationlab.models.AdamLayout;
import org.curationlab.models.ImageResolution;
import org.curationlab.models.ImageTowerKind;
import org.curationlab.models.ModelConfig;
import org.curationlab.models.ModelSize;
import org.curationlab.models.TwoTowerModel;
import org.curationlab.pruning.SphericalKMeans;
import org.curationlab.selection.BatchScorer;
import org.curationlab.selection.JointSelector;
import org.curationlab.selection.ScoreMethod;
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
 * steps per model size, learner scoring at 28 and 14, and the joint selector, each as a median
 * time, achieved GFLOP/s and the ratio to that same-run sgemm rate. Each training step is also
 * timed with one Adam updater per parameter array ({@link AdamLayout#PER_PARAMETER}), so the
 * table shows what the model's flattened Adam gains rather than asserting it.
 */
public final class Bench {
    private final boolean quick;
    private final Consumer<BenchResult> sink;
    private double sgemmGflops = Double.NaN;

    public Bench(boolean quick, Consumer<BenchResult> sink) {
        this.quick = quick;
        this.sink = sink;
    }

    public List<BenchResult> run() {
        List<BenchResult> all = new ArrayList<>();
        Consumer<BenchResult> emit = r -> {
            all.add(r);
            sink.accept(r);
        };
        emit.accept(sgemm(quick ? 512 : 1024));
        int batch = 256;
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
        BenchResult score28 = scoring(m, superBatch, 28, null);
        emit.accept(score28);
        emit.accept(scoring(m, superBatch, 14, score28));
        int[] sizes = quick ? new int[]{256, 1280, 4096} : new int[]{256, 512, 1280, 2048, 4096, 8192};
        double[] selectMs = new double[sizes.length];
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
        return all;
    }

    /**
     * How a cost grows with its size: the least-squares slope of log(ms) on log(size), so 2.0 means
     * quadratic. The selector is O(B²) in its scorer and O(b·B) in its sampler; k-means O(N·k·d) per
     * iteration times the iterations to converge.
     */
    public static BenchResult growth(String name, int[] sizes, double[] ms, String variable) {
        int n = sizes.length;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += Math.log(sizes[i]) / n;
            my += Math.log(ms[i]) / n;
        }
        double sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (Math.log(sizes[i]) - mx) * (Math.log(ms[i]) - my);
            sxx += (Math.log(sizes[i]) - mx) * (Math.log(sizes[i]) - mx);
        }
        double slope = sxy / sxx;
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
        double ms = median(quick ? 3 : 5, () -> iterations[0] = new SphericalKMeans(k, 1, 100, 1e-6).fit(x, n, d).iterations());
        double flops = SphericalKMeans.gemmFlops(n, d, k, iterations[0]);
        return flopResult("kmeans-N" + n, ms, flops, String.format(Locale.ROOT, "k=%d, d=%d, %d Lloyd iterations, gemm FLOPs only",
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
        double ms = median(quick ? 5 : 10, () -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0));
        sgemmGflops = 2.0 * n * n * n / (ms * 1e6);
        return new BenchResult("sgemm-" + n, ms, sgemmGflops, 1.0, "reference rate of this run");
    }

    /**
     * A train step of the model as it is (flattened Adam) and of a twin that differs only in
     * running one Adam updater per parameter array, on the same batch. The two are timed
     * alternately, so drift on a shared machine hits both alike; the baseline's note gives the
     * measured gain for the whole step and for its optimiser part alone.
     */
    List<BenchResult> trainSteps(ModelSize size, int batch) {
        TwoTowerModel fused = model(size, AdamLayout.FLATTENED);
        TwoTowerModel perParameter = model(size, AdamLayout.PER_PARAMETER);
        INDArray images = Nd4j.rand(DataType.FLOAT, batch, 784);
        INDArray tokens = tokens(batch);
        int reps = quick ? 5 : 9;
        List<Double> fusedOptimiser = new ArrayList<>();
        List<Double> perParameterOptimiser = new ArrayList<>();
        double[][] t = interleaved(reps, () -> {
            fused.trainStep(images, tokens);
            fusedOptimiser.add(fused.lastOptimiserMillis());
        }, () -> {
            perParameter.trainStep(images, tokens);
            perParameterOptimiser.add(perParameter.lastOptimiserMillis());
        });
        double fusedMs = median(t[0]);
        double perParameterMs = median(t[1]);
        double[] fusedOpt = lastN(fusedOptimiser, reps);
        double[] perParameterOpt = lastN(perParameterOptimiser, reps);
        double fusedOptMs = median(fusedOpt);
        double perParameterOptMs = median(perParameterOpt);
        double flops = trainStepFlops(fused, batch);
        String gain = String.format(Locale.ROOT,
                "%d Adam updater ops; fused Adam: optimiser part %.2f vs %.2f ms = %s (%s %.2f ms/step)%s; whole step %s%s",
                fused.parameterArrayCount(), fusedOptMs, perParameterOptMs,
                speedup(perParameterOptMs, fusedOptMs), perParameterOptMs >= fusedOptMs ? "saves" : "costs",
                Math.abs(perParameterOptMs - fusedOptMs), noiseVerdict(fusedOpt, perParameterOpt),
                speedup(perParameterMs, fusedMs), noiseVerdict(t[0], t[1]));
        return List.of(
                flopResult("train-" + size, fusedMs, flops, fused.parameterCount() + " parameters, CNN, batch "
                        + batch + ", fused Adam (1 op)"),
                flopResult("train-" + size + "-adam-per-param", perParameterMs, flops, gain));
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
    BenchResult scoring(TwoTowerModel m, int superBatch, int resolution, BenchResult full) {
        INDArray images = Nd4j.rand(DataType.FLOAT, superBatch, 784);
        INDArray input = resolution == 14 ? ImageResolution.downsample(images) : images;
        INDArray tokens = tokens(superBatch);
        double ms = median(quick ? 3 : 5, () -> m.pairScores(input, tokens));
        double flops = scoringFlops(m, superBatch, resolution);
        String note = String.format(Locale.ROOT, "learner M pair scores of a super-batch, %.3f MFLOP per example",
                flops / superBatch / 1e6);
        if (full != null) {
            double fullFlops = full.gflops() * full.ms() * 1e6;
            note += String.format(Locale.ROOT, "; %.1f%% of the 28x28 FLOPs, %.1f%% of its time",
                    100 * flops / fullFlops, 100 * ms / full.ms());
        }
        return flopResult("score-" + resolution + "-B" + superBatch, ms, flops, note);
    }

    /**
     * Scorer construction (the B×B learnability pair losses from both logit matrices) plus the
     * paper's sampler (b = B/5, 16 chunks): everything a JEST step adds after the forward passes.
     * The note gives it as a share of the same run's model-M training step.
     */
    BenchResult jointSelector(int superBatch, double trainMMs) {
        INDArray learner = Nd4j.rand(DataType.FLOAT, superBatch, superBatch).muli(4).subi(12);
        INDArray reference = Nd4j.rand(DataType.FLOAT, superBatch, superBatch).muli(4).subi(12);
        JointSelector selector = new JointSelector(JointSelector.Options.paper());
        int b = superBatch / 5;
        double ms = median(quick ? 3 : 7, () -> {
            BatchScorer s = SigmoidScorer.of(ScoreMethod.LEARNABILITY, learner, reference);
            selector.select(s, b, 1);
        });
        String share = Double.isNaN(trainMMs) ? "" : String.format(Locale.ROOT, "; %.1f%% of a train-M step", 100 * ms / trainMMs);
        return new BenchResult("select-joint-B" + superBatch, ms, Double.NaN, Double.NaN,
                "b=" + b + ", 16 chunks, scorer included" + share);
    }

    private BenchResult flopResult(String name, double ms, double flops, String note) {
        double gflops = flops / (ms * 1e6);
        return new BenchResult(name, ms, gflops, gflops / sgemmGflops, note);
    }

    /** FLOPs of one training step: 3× the forward of both towers plus the B×B logits. */
    public static double trainStepFlops(TwoTowerModel m, int batch) {
        return (double) m.trainFlopsPerExample(28) * batch + 3.0 * m.logitsFlopsPerExample(batch) * batch;
    }

    /** FLOPs of the learner's pair scores of a super-batch: both towers forward plus the B×B logits. */
    public static double scoringFlops(TwoTowerModel m, int superBatch, int resolution) {
        return (double) superBatch * (m.forwardFlopsPerExample(resolution) + m.textForwardFlopsPerExample())
                + (double) m.logitsFlopsPerExample(superBatch) * superBatch;
    }

    /** The benchmarked CNN two-tower model of a size (64-d embeddings, the real tokenizer's shape). */
    public static TwoTowerModel model(ModelSize size) {
        return model(size, AdamLayout.FLATTENED);
    }

    private static TwoTowerModel model(ModelSize size, AdamLayout adamLayout) {
        WordTokenizer tok = WordTokenizer.standard();
        return TwoTowerModel.create(ModelConfig.defaults(ImageTowerKind.CNN, size)
                .withShape(64, tok.vocabSize(), tok.maxTokens()), adamLayout);
    }

    /** Deterministic token rows of n captions (five words each). */
    public static INDArray tokens(int n) {
        WordTokenizer tok = WordTokenizer.standard();
        int[] t = new int[n * tok.maxTokens()];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 5; j++) {
                t[i * tok.maxTokens() + j] = 3 + (i * 7 + j * 13) % (tok.vocabSize() - 3);
            }
        }
        return Nd4j.createFromArray(t).reshape(n, tok.maxTokens());
    }

    /** Median wall time in ms over {@code reps} runs after two warm-up runs. */
    static double median(int reps, Runnable work) {
        work.run();
        work.run();
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            work.run();
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        return median(t);
    }

    /**
     * Per-run wall times in ms of {@code a} (row 0) and {@code b} (row 1) after two warm-up
     * runs of each, run alternately and in alternating order, so that neither is favoured by
     * drift or by always running first.
     */
    static double[][] interleaved(int reps, Runnable a, Runnable b) {
        for (int i = 0; i < 2; i++) {
            a.run();
            b.run();
        }
        double[][] t = new double[2][reps];
        for (int i = 0; i < reps; i++) {
            if (i % 2 == 0) {
                t[0][i] = time(a);
                t[1][i] = time(b);
            } else {
                t[1][i] = time(b);
                t[0][i] = time(a);
            }
        }
        return t;
    }

    private static double time(Runnable work) {
        long t0 = System.nanoTime();
        work.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    /** The upper median, as {@link #median(int, Runnable)} has always reported. */
    static double median(double[] samples) {
        double[] t = samples.clone();
        Arrays.sort(t);
        return t[t.length / 2];
    }

    /** A difference of medians smaller than either side's own spread (max − min) is noise. */
    private static String noiseVerdict(double[] a, double[] b) {
        double spread = Math.max(range(a), range(b));
        return Math.abs(median(a) - median(b)) < spread
                ? String.format(Locale.ROOT, ", within run-to-run spread of %.1f ms", spread) : "";
    }

    private static double range(double[] samples) {
        return Arrays.stream(samples).max().orElse(0) - Arrays.stream(samples).min().orElse(0);
    }

    private static double[] lastN(List<Double> values, int n) {
        return values.subList(values.size() - n, values.size()).stream().mapToDouble(Double::doubleValue).toArray();
    }
}
