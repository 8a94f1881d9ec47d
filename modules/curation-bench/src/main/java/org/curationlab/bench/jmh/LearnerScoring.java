package org.curationlab.bench.jmh;

import org.curationlab.bench.Bench;
import org.curationlab.models.ImageResolution;
import org.curationlab.models.ModelSize;
import org.curationlab.models.PairScores;
import org.curationlab.models.TwoTowerModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The M learner's B×B pair scores of a super-batch of 1280, at 28×28 and at 14×14 (Flexi analogue). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1) // scripts/jmh appends the memory limits of jvm-memory.options to the fork's JVM options
@State(Scope.Benchmark)
public class LearnerScoring {
    static final int SUPER_BATCH = 1280;
    @Param({"28", "14"})
    public int resolution;
    private TwoTowerModel model;
    private INDArray images, tokens;

    @Setup
    public void setUp() {
        model = Bench.model(ModelSize.M);
        INDArray full = Nd4j.rand(DataType.FLOAT, SUPER_BATCH, ImageResolution.FULL.pixels());
        images = ImageResolution.ofSide(resolution) == ImageResolution.HALF ? ImageResolution.downsample(full) : full;
        tokens = Bench.tokens(SUPER_BATCH);
    }

    @Benchmark
    public PairScores score() {
        return model.pairScores(images, tokens);
    }

    static double flops(int resolution) {
        return Bench.scoringFlops(Bench.model(ModelSize.M), SUPER_BATCH, ImageResolution.ofSide(resolution));
    }
}
