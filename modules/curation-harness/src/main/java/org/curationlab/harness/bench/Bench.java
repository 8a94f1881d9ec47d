package org.curationlab.harness.bench;

import org.curationlab.data.WordTokenizer;
import org.curationlab.models.AdamLayout;
import org.curationlab.models.ImageResolution;
import org.curationlab.models.ImageTowerKind;
import org.curationlab.models.ModelConfig;
import org.curationlab.models.ModelSize;
import org.curationlab.models.TwoTowerModel;
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
        for (ModelSize size : quick ? List.of(ModelSize.S, ModelSize.M) : List.of(ModelSize.values())) {
            trainSteps(size, batch).forEach(emit);
        }
        TwoTowerModel m = model(ModelSize.M, 64);
        int superBatch = 1280;
        emit.accept(scoring(m, superBatch, 28));
        emit.accept(scoring(m, superBatch, 14));
        for (int b : quick ? new int[]{256, 1280, 4096} : new int[]{256, 512, 1280, 2048, 4096, 8192}) {
            emit.accept(jointSelector(b));
        }
        return all;
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
        double flops = (double) fused.trainFlopsPerExample(28) * batch + 3.0 * fused.logitsFlopsPerExample(batch) * batch;
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

    BenchResult scoring(TwoTowerModel m, int superBatch, int resolution) {
        INDArray images = Nd4j.rand(DataType.FLOAT, superBatch, 784);
        INDArray input = resolution == 14 ? ImageResolution.downsample(images) : images;
        INDArray tokens = tokens(superBatch);
        double ms = median(quick ? 3 : 5, () -> m.pairScores(input, tokens));
        double flops = (double) superBatch * (m.forwardFlopsPerExample(resolution) + m.textForwardFlopsPerExample())
                + (double) m.logitsFlopsPerExample(superBatch) * superBatch;
        return flopResult("score-" + resolution + "-B" + superBatch, ms, flops, String.format(java.util.Locale.ROOT,
                "learner M pair scores of a super-batch, %.3f MFLOP per example", flops / superBatch / 1e6));
    }

    /** Scorer construction plus the paper's sampler (b = B/5, 16 chunks), sigmoid learnability. */
    BenchResult jointSelector(int superBatch) {
        INDArray learner = Nd4j.rand(DataType.FLOAT, superBatch, superBatch).muli(4).subi(12);
        INDArray reference = Nd4j.rand(DataType.FLOAT, superBatch, superBatch).muli(4).subi(12);
        JointSelector selector = new JointSelector(JointSelector.Options.paper());
        int b = superBatch / 5;
        double ms = median(quick ? 3 : 7, () -> {
            BatchScorer s = SigmoidScorer.of(ScoreMethod.LEARNABILITY, learner, reference);
            selector.select(s, b, 1);
        });
        return new BenchResult("select-joint-B" + superBatch, ms, Double.NaN, Double.NaN, "b=" + b + ", 16 chunks, scorer included");
    }

    private BenchResult flopResult(String name, double ms, double flops, String note) {
        double gflops = flops / (ms * 1e6);
        return new BenchResult(name, ms, gflops, gflops / sgemmGflops, note);
    }

    private static TwoTowerModel model(ModelSize size, int batch) {
        return model(size, AdamLayout.FLATTENED);
    }

    private static TwoTowerModel model(ModelSize size, AdamLayout adamLayout) {
        WordTokenizer tok = WordTokenizer.standard();
        return TwoTowerModel.create(ModelConfig.defaults(ImageTowerKind.CNN, size)
                .withShape(64, tok.vocabSize(), tok.maxTokens()), adamLayout);
    }

    private static INDArray tokens(int n) {
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
