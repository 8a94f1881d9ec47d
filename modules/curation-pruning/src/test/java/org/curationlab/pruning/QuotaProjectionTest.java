package org.curationlab.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QuotaProjectionTest {

    private static final double TOL = 1e-9;

    static Stream<Arguments> handSolved() {
        return Stream.of(
                // p·N = (5.6, 1.6, 0.8), N = 8, cluster 0 has only 4 rows: it is capped at 4 and
                // the other 4 rows split as t_j − λ with 2.4 − 2λ = 4, λ = −0.8 → (2.4, 1.6).
                Arguments.of(new double[] {5.6, 1.6, 0.8}, new double[] {0, 0, 0},
                        new double[] {4, 10, 10}, 8.0, new double[] {4, 2.4, 1.6}),
                // Lower bounds 1 bind on the two small clusters: λ = 1.5 → (6, 1, 1).
                Arguments.of(new double[] {7.5, 0.3, 0.2}, new double[] {1, 1, 1},
                        new double[] {10, 10, 10}, 8.0, new double[] {6, 1, 1}),
                // Interior: the target already sums to the total and fits the box.
                Arguments.of(new double[] {1, 2, 3}, new double[] {0, 0, 0},
                        new double[] {5, 5, 5}, 6.0, new double[] {1, 2, 3}),
                // Uniform shift: λ = (6 − 3)/3 = 1 → (0, 1, 2).
                Arguments.of(new double[] {1, 2, 3}, new double[] {0, 0, 0},
                        new double[] {5, 5, 5}, 3.0, new double[] {0, 1, 2}),
                // λ = 2.5 would make x_0 negative: x_0 = 0, then 5 − 2λ = 2 → λ = 1.5, (0, 0.5, 1.5).
                Arguments.of(new double[] {1, 2, 3}, new double[] {0, 0, 0},
                        new double[] {5, 5, 5}, 2.0, new double[] {0, 0.5, 1.5}),
                // Total at Σ upper: every cluster full.
                Arguments.of(new double[] {0.1, 0.2}, new double[] {0, 0},
                        new double[] {3, 4}, 7.0, new double[] {3, 4}));
    }

    @ParameterizedTest
    @MethodSource("handSolved")
    void matchesHandSolvedCases(double[] t, double[] lo, double[] up, double total, double[] want) {
        assertArrayEquals(want, QuotaProjection.project(t, lo, up, total), TOL);
    }

    @Test
    void handSolvedCaseRoundsToExactTotal() {
        double[] x = QuotaProjection.project(new double[] {5.6, 1.6, 0.8}, new double[] {0, 0, 0},
                new double[] {4, 10, 10}, 8);
        // floors (4, 2, 1) sum to 7; the largest remainder (0.6, cluster 2) gets the last row.
        assertArrayEquals(new int[] {4, 2, 2}, LargestRemainderRounding.round(x,
                new int[] {0, 0, 0}, new int[] {4, 10, 10}, 8));
    }

    /**
     * Brute force: the optimum of a strictly convex QP is determined by its active set. For every
     * assignment of each coordinate to {at lower, at upper, free}, solve the equality-constrained
     * problem on the free ones (x_free = t − λ, one λ), keep the feasible candidates and take the
     * best objective. Exponential (3^k), fine for k ≤ 6.
     */
    static double[] bruteForce(double[] t, double[] lo, double[] up, double total) {
        int k = t.length;
        int combos = (int) Math.pow(3, k);
        double best = Double.POSITIVE_INFINITY;
        double[] bestX = null;
        for (int code = 0; code < combos; code++) {
            int[] state = new int[k];
            int c = code;
            double fixedSum = 0;
            double freeT = 0;
            int free = 0;
            for (int j = 0; j < k; j++) {
                state[j] = c % 3;
                c /= 3;
                if (state[j] == 0) {
                    fixedSum += lo[j];
                } else if (state[j] == 1) {
                    fixedSum += up[j];
                } else {
                    freeT += t[j];
                    free++;
                }
            }
            double lambda = free == 0 ? 0 : (freeT - (total - fixedSum)) / free;
            double[] x = new double[k];
            boolean ok = true;
            double sum = 0;
            for (int j = 0; j < k; j++) {
                x[j] = state[j] == 0 ? lo[j] : state[j] == 1 ? up[j] : t[j] - lambda;
                ok &= x[j] >= lo[j] - 1e-12 && x[j] <= up[j] + 1e-12;
                sum += x[j];
            }
            ok &= Math.abs(sum - total) < 1e-9;
            if (ok) {
                double f = QuotaProjection.objective(x, t);
                if (f < best) {
                    best = f;
                    bestX = x;
                }
            }
        }
        return bestX;
    }

    static Stream<Long> seeds() {
        return IntStream.range(0, 300).mapToObj(i -> (long) i);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void agreesWithActiveSetEnumeration(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int k = 1 + rng.nextInt(6);
        double[] t = new double[k];
        double[] lo = new double[k];
        double[] up = new double[k];
        int sumLo = 0;
        int sumUp = 0;
        for (int j = 0; j < k; j++) {
            // Integer bounds as in DBP (lb_j, n_j), targets anywhere including outside the box.
            lo[j] = rng.nextInt(3);
            up[j] = lo[j] + rng.nextInt(6);
            t[j] = rng.nextDouble() * 12 - 2;
            sumLo += (int) lo[j];
            sumUp += (int) up[j];
        }
        int total = sumLo + rng.nextInt(sumUp - sumLo + 1);
        double[] x = QuotaProjection.project(t, lo, up, total);
        double[] want = bruteForce(t, lo, up, total);
        assertArrayEquals(want, x, 1e-7, "seed " + seed);
        assertEquals(QuotaProjection.objective(want, t), QuotaProjection.objective(x, t), 1e-9);

        int[] loI = new int[k];
        int[] upI = new int[k];
        for (int j = 0; j < k; j++) {
            loI[j] = (int) lo[j];
            upI[j] = (int) up[j];
        }
        int[] r = LargestRemainderRounding.round(x, loI, upI, total);
        assertEquals(total, IntStream.of(r).sum(), "rounded sum must be exact");
        for (int j = 0; j < k; j++) {
            assertTrue(r[j] >= loI[j] && r[j] <= upI[j], "bounds at " + j);
            assertTrue(Math.abs(r[j] - x[j]) < 1.0, "rounding moves each quota by < 1 row");
        }
        assertEquals(nearestIntegerDistance(x, loI, upI, total), distance(r, x), 1e-9,
                "largest remainder is the nearest integer point with the same sum");
    }

    private static double distance(int[] r, double[] x) {
        double s = 0;
        for (int j = 0; j < r.length; j++) {
            s += (r[j] - x[j]) * (r[j] - x[j]);
        }
        return s;
    }

    /** Exhaustive search over all integer vectors in the box with the right sum. */
    private static double nearestIntegerDistance(double[] x, int[] lo, int[] up, int total) {
        return search(x, lo, up, total, 0, new int[x.length]);
    }

    private static double search(double[] x, int[] lo, int[] up, int left, int j, int[] r) {
        if (j == x.length) {
            return left == 0 ? distance(r, x) : Double.POSITIVE_INFINITY;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int v = lo[j]; v <= up[j] && v <= left; v++) {
            r[j] = v;
            best = Math.min(best, search(x, lo, up, left - v, j + 1, r));
        }
        return best;
    }

    @Test
    void infeasibleTotalsAreRejected() {
        double[] t = {1, 1};
        assertThrows(IllegalArgumentException.class,
                () -> QuotaProjection.project(t, new double[] {1, 1}, new double[] {2, 2}, 5));
        assertThrows(IllegalArgumentException.class,
                () -> QuotaProjection.project(t, new double[] {1, 1}, new double[] {2, 2}, 1));
        assertThrows(IllegalArgumentException.class, () -> LargestRemainderRounding.round(
                new double[] {1, 1}, new int[] {1, 1}, new int[] {2, 2}, 5));
    }

    @Test
    void roundingRepairsFloatingErrorInBothDirections() {
        // Slightly off sums, as floating arithmetic can leave them.
        int[] up = {5, 5, 5};
        int[] lo = {0, 0, 0};
        assertArrayEquals(new int[] {3, 3, 3}, LargestRemainderRounding.round(
                new double[] {2.9999999999, 2.9999999999, 3.0}, lo, up, 9));
        assertArrayEquals(new int[] {3, 3, 2}, LargestRemainderRounding.round(
                new double[] {3.0000000001, 3.0000000001, 3.0}, lo, up, 8));
    }
}
