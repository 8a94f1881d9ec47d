package org.curationlab.data;

import java.util.SplittableRandom;

/**
 * Named random streams derived from one experiment seed. Each consumer (pool classes, noise,
 * captions, shuffling) draws from its own stream, so adding a draw in one place does not shift
 * every other random choice: runs stay comparable across code changes.
 */
public final class Seeds {
    private Seeds() {
    }

    public static SplittableRandom stream(long seed, String name) {
        return new SplittableRandom(mix(seed, name));
    }

    /** A stable 64-bit key for (seed, name); String.hashCode is fixed by the Java spec. */
    public static long mix(long seed, String name) {
        long h = seed * 0x9E3779B97F4A7C15L + name.hashCode();
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    /** In-place Fisher–Yates shuffle. */
    public static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** 0, 1, ..., n − 1 in an order drawn by {@link #shuffle}. */
    public static int[] permutation(int n, SplittableRandom rng) {
        int[] order = new int[n];
        java.util.Arrays.setAll(order, i -> i);
        shuffle(order, rng);
        return order;
    }

    /**
     * The ids 0..n − 1 cut in two by one {@link #permutation}: the first {@code k} drawn and the rest,
     * each in ascending order (a seeded split that keeps the source's order within each part).
     */
    public static int[][] split(int n, int k, SplittableRandom rng) {
        int[] order = permutation(n, rng);
        int[] first = java.util.Arrays.copyOf(order, k);
        int[] rest = java.util.Arrays.copyOfRange(order, k, n);
        java.util.Arrays.sort(first);
        java.util.Arrays.sort(rest);
        return new int[][] {first, rest};
    }

    /** A standard normal draw (Box–Muller; SplittableRandom has no nextGaussian on Java 17). */
    public static double gaussian(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
