package org.curationlab.harness.bench;

import org.curationlab.data.WordTokenizer;
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
import java.util.function.Consumer;

/**
 * The toolkit's own benchmark (`curate bench`): the machine's sgemm rate first, then training
 * steps per model size, learner scoring at 28 and 14, and the joint selector, each as a median
 * time, achieved GFLOP/s and the ratio to that same-run sgemm rate.
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
            emit.accept(trainStep(size, batch));
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

    BenchResult trainStep(ModelSize size, int batch) {
        TwoTowerModel m = model(size, batch);
        INDArray images = Nd4j.rand(DataType.FLOAT, batch, 784);
        INDArray tokens = tokens(batch);
        double ms = median(quick ? 3 : 6, () -> m.trainStep(images, tokens));
        double flops = (double) m.trainFlopsPerExample(28) * batch + 3.0 * m.logitsFlopsPerExample(batch) * batch;
        return flopResult("train-" + size, ms, flops, m.parameterCount() + " parameters, CNN, batch " + batch);
    }

    BenchResult scoring(TwoTowerModel m, int superBatch, int resolution) {
        INDArray images = Nd4j.rand(DataType.FLOAT, superBatch, 784);
        INDArray input = resolution == 14 ? ImageResolution.downsample(images) : images;
        INDArray tokens = tokens(superBatch);
        double ms = median(quick ? 3 : 5, () -> m.pairScores(input, tokens));
        double flops = (double) superBatch * (m.forwardFlopsPerExample(resolution) + m.textForwardFlopsPerExample())
                + (double) m.logitsFlopsPerExample(superBatch) * superBatch;
        return flopResult("score-" + resolution + "-B" + superBatch, ms, flops, "learner M pair scores of a super-batch");
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
        WordTokenizer tok = WordTokenizer.standard();
        return TwoTowerModel.create(ModelConfig.defaults(ImageTowerKind.CNN, size).withShape(64, tok.vocabSize(), tok.maxTokens()));
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
        Arrays.sort(t);
        return t[reps / 2];
    }
}
