package org.curationlab.bench.jmh;

import org.curationlab.bench.Bench;
import org.curationlab.models.ImageResolution;
import org.curationlab.models.ModelSize;
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

/** One training step (forward, backward, fused Adam) of the CNN two-tower model at batch 256. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1) // scripts/jmh appends the memory limits of jvm-memory.options to the fork's JVM options
@State(Scope.Benchmark)
public class TrainStep {
    static final int BATCH = 256;
    @Param({"S", "M", "L", "XL"})
    public String size;
    private TwoTowerModel model;
    private INDArray images, tokens;

    @Setup
    public void setUp() {
        model = Bench.model(ModelSize.valueOf(size));
        images = Nd4j.rand(DataType.FLOAT, BATCH, ImageResolution.FULL.pixels());
        tokens = Bench.tokens(BATCH);
    }

    @Benchmark
    public double trainStep() {
        return model.trainStep(images, tokens);
    }

    static double flops(String size) {
        return Bench.trainStepFlops(Bench.model(ModelSize.valueOf(size)), BATCH);
    }
}
