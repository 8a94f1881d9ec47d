package org.curationlab.selection;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

import org.nd4j.linalg.factory.Nd4j;

/**
 * The threads the scorers' Java loops run on: a pool as wide as ND4J's thread budget (the
 * launcher's OMP setting), so that a sweep running one job per core does not oversubscribe, where
 * the common pool would take every core.
 */
final class ScoringThreads {
    private static volatile ForkJoinPool pool;

    private ScoringThreads() {
    }

    static ForkJoinPool pool() {
        int threads = Math.max(1, Nd4j.getEnvironment().maxThreads());
        ForkJoinPool p = pool;
        if (p == null || p.getParallelism() != threads) {
            synchronized (ScoringThreads.class) {
                p = pool;
                if (p == null || p.getParallelism() != threads) {
                    ForkJoinPool.ForkJoinWorkerThreadFactory daemons = fj -> {
                        var w = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(fj);
                        w.setDaemon(true);
                        return w;
                    };
                    pool = p = new ForkJoinPool(threads, daemons, null, false);
                }
            }
        }
        return p;
    }

    /**
     * Runs {@code part} for 0 ≤ t < parts, on the pool when it has more than one thread and the work
     * ({@code items}, in any unit) is worth a fork-join round trip, else in turn on this thread.
     */
    static void forEach(int parts, long items, IntConsumer part) {
        ForkJoinPool p = pool();
        if (p.getParallelism() == 1 || items < (1 << 14)) {
            for (int t = 0; t < parts; t++) {
                part.accept(t);
            }
        } else {
            p.submit(() -> IntStream.range(0, parts).parallel().forEach(part)).join();
        }
    }

    /** How many parts to split work into: two per thread, so that a slow thread does not hold up the rest. */
    static int parts() {
        return 2 * pool().getParallelism();
    }
}
