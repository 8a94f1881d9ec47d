package org.curationlab.bench.jmh;

import org.curationlab.bench.Bench;
import org.curationlab.pruning.Clustering;
import org.curationlab.pruning.SphericalKMeans;
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

/** Spherical k-means (k = 100, d = 64) of N clustered unit vectors, to convergence. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1) // scripts/jmh appends the memory limits of jvm-memory.options to the fork's JVM options
@State(Scope.Benchmark)
public class KMeans {
    static final int D = 64, K = 100;
    @Param({"5000", "10000", "20000", "50000", "100000"})
    public int n;
    private float[] x;

    @Setup
    public void setUp() {
        x = Bench.clusteredUnitVectors(n, D, K);
    }

    @Benchmark
    public Clustering fit() {
        return new SphericalKMeans(K, 1, 100, 1e-6).fit(x, n, D);
    }

    /** gemm FLOPs of one fit ({@link SphericalKMeans#gemmFlops}); the data is seeded, so the iterations are fixed. */
    static double flops(int n) {
        int iterations = new SphericalKMeans(K, 1, 100, 1e-6).fit(Bench.clusteredUnitVectors(n, D, K), n, D).iterations();
        return SphericalKMeans.gemmFlops(n, D, K, iterations);
    }
}
