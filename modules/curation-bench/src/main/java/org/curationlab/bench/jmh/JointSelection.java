package org.curationlab.bench.jmh;

import org.curationlab.selection.BatchScorer;
import org.curationlab.selection.JointSelector;
import org.curationlab.selection.Scores;
import org.curationlab.selection.Selection;
import org.curationlab.selection.SigmoidScorer;
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

/**
 * What JEST adds to a step after the forward passes: the sigmoid learnability scorer over two B×B
 * logit matrices (every pair loss, row by row), then the paper's chunked sampler (b = B/5,
 * 16 chunks).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1) // scripts/jmh appends the memory limits of jvm-memory.options to the fork's JVM options
@State(Scope.Benchmark)
public class JointSelection {
    @Param({"256", "512", "1280", "2048", "4096", "8192"})
    public int superBatch;
    private INDArray learner, reference;
    private final JointSelector selector = new JointSelector(JointSelector.Options.paper());
    private long seed;

    @Setup
    public void setUp() {
        learner = Nd4j.rand(DataType.FLOAT, superBatch, superBatch).muli(4).subi(12);
        reference = Nd4j.rand(DataType.FLOAT, superBatch, superBatch).muli(4).subi(12);
    }

    @Benchmark
    public Selection select() {
        BatchScorer s = SigmoidScorer.of(Scores.LEARNABILITY, learner, reference);
        return selector.select(s, superBatch / 5, seed++);
    }
}
