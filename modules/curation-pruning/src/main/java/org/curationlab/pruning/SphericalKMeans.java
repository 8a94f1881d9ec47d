package org.curationlab.pruning;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Spherical k-means (Dhillon and Modha 2001): k-means on unit vectors with cosine similarity, the
 * clustering SemDeDup, SSP and DBP all start from. Centroids are the normalised means of their
 * members, which maximises the summed cosine similarity of each cluster.
 *
 * <p>Deterministic from the seed: k-means++ seeding draws from one {@link SplittableRandom}, all
 * reductions run in a fixed order, and ties (argmax, farthest point) break by the lowest index.
 */
public final class SphericalKMeans {

    /**
     * Rows per block. The assignment step is the N×k similarity matrix X·Cᵀ; computed as one
     * sgemm per block of rows it runs on OpenBLAS's cache-blocked SIMD kernels on all cores (on
     * 2 cores, 50 000 × 64 against 100 centroids takes ~25 ms, against ~370 ms for tight Java dot
     * product loops), while the block bounds the scratch memory to BLOCK×k floats instead of N×k.
     * We call {@code Nd4j.gemm} with transposeB into a preallocated C-order block and copy it out
     * through NIO: measured on ND4J 1.0.0-M2.1, {@code INDArray.mmul} on a transposed view and
     * {@code DataBuffer.asFloat()} each cost about ten times more than the product itself.
     */
    static final int BLOCK = 4096;

    private final int k;
    private final long seed;
    private final int maxIterations;
    private final double tolerance;

    public SphericalKMeans(int k, long seed, int maxIterations, double tolerance) {
        if (k < 1 || maxIterations < 1 || !(tolerance >= 0)) {
            throw new IllegalArgumentException("k=" + k + ", maxIterations=" + maxIterations
                    + ", tolerance=" + tolerance);
        }
        this.k = k;
        this.seed = seed;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    /**
     * The gemm FLOPs of a fit (what the bench's GFLOP/s divide): the greedy ++ start's similarity
     * products, 2·n·d for the first seed and 2·n·d·(2 + ⌊ln k⌋) per later one, plus 2·n·k·d per
     * assignment pass. Centroid updates and sampling are O(n·d) and not counted.
     */
    public static double gemmFlops(int n, int d, int k, int iterations) {
        int trials = 2 + (int) Math.log(k);
        return 2.0 * n * d * (1 + (double) (k - 1) * trials) + 2.0 * n * k * d * iterations;
    }

    /**
     * Clusters {@code n} unit rows of dimension {@code d} (row-major). Stops when no assignment
     * changes, when the mean cosine similarity improves by less than the tolerance, or at the
     * iteration cap; the returned similarities are always to the returned centroids.
     */
    public Clustering fit(float[] unit, int n, int d) {
        if (k > n) {
            throw new IllegalArgumentException("k=" + k + " > n=" + n);
        }
        List<INDArray> x = blocks(unit, n, d);
        float[] centroids = seedPlusPlus(x, unit, n, d);
        int[] labels = new int[n];
        Arrays.fill(labels, -1);
        float[] sim = new float[n];
        double previous = Double.NEGATIVE_INFINITY;
        boolean reseeded = false;
        int it = 0;
        while (true) {
            it++;
            int changed = assign(x, centroids, d, labels, sim);
            double objective = mean(sim);
            boolean converged = changed == 0 || objective - previous < tolerance;
            if ((converged && !reseeded) || it >= maxIterations) {
                break;
            }
            previous = objective;
            reseeded = update(unit, n, d, labels, sim, centroids);
        }
        return new Clustering(k, d, labels, centroids, sim, it);
    }

    /**
     * Greedy k-means++ (Arthur and Vassilvitskii 2007; the "greedy" variant scikit-learn uses) with
     * the cosine distance 1 − cos: for unit vectors ‖x − c‖² = 2(1 − cos), so sampling ∝ (1 − cos)
     * is exactly k-means++'s D² weighting. Plain k-means++ often puts two seeds in one tight
     * cluster when clusters are large (the covered clusters' many small distances add up); drawing
     * 2 + ⌊ln k⌋ candidates per step and keeping the one that lowers the total distance most
     * avoids that, and Lloyd iterations cannot repair it later. The candidates' similarities to all
     * rows are one n×L product, for the same reason as the assignment step.
     */
    float[] seedPlusPlus(List<INDArray> x, float[] unit, int n, int d) {
        SplittableRandom rng = new SplittableRandom(seed);
        int trials = 2 + (int) Math.log(k);
        float[] c = new float[k * d];
        double[] dist = new double[n];
        int first = rng.nextInt(n);
        System.arraycopy(unit, first * d, c, 0, d);
        float[] s0 = similarities(x, unit, new int[] {first}, d);
        for (int i = 0; i < n; i++) {
            dist[i] = Math.max(0.0, 1.0 - s0[i]);
        }
        for (int m = 1; m < k; m++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                total += dist[i];
            }
            int[] cand = sample(dist, total, trials, rng);
            float[] s = similarities(x, unit, cand, d);
            int best = 0;
            double bestPotential = Double.POSITIVE_INFINITY;
            for (int t = 0; t < trials; t++) {
                double potential = 0;
                for (int i = 0; i < n; i++) {
                    potential += Math.min(dist[i], Math.max(0.0, 1.0 - s[i * trials + t]));
                }
                if (potential < bestPotential) {
                    bestPotential = potential;
                    best = t;
                }
            }
            System.arraycopy(unit, cand[best] * d, c, m * d, d);
            for (int i = 0; i < n; i++) {
                dist[i] = Math.min(dist[i], Math.max(0.0, 1.0 - s[i * trials + best]));
            }
        }
        return c;
    }

    /**
     * Draws {@code count} indices ∝ weight (with replacement) in one pass over the weights: the
     * sorted uniform thresholds are met in order while the cumulative sum grows. If every weight
     * is 0 (all rows coincide with seeds), draws uniformly.
     */
    static int[] sample(double[] weight, double total, int count, SplittableRandom rng) {
        int[] out = new int[count];
        if (!(total > 0)) {
            for (int t = 0; t < count; t++) {
                out[t] = rng.nextInt(weight.length);
            }
            return out;
        }
        double[] r = new double[count];
        for (int t = 0; t < count; t++) {
            r[t] = rng.nextDouble() * total;
        }
        Arrays.sort(r);
        int t = 0;
        int last = 0;
        double cum = 0;
        for (int i = 0; i < weight.length && t < count; i++) {
            if (weight[i] > 0) {
                last = i;
                cum += weight[i];
                while (t < count && r[t] < cum) {
                    out[t++] = i;
                }
            }
        }
        while (t < count) {
            out[t++] = last; // thresholds past the end by rounding
        }
        return out;
    }

    /** n×|rows| similarities of every row to the given rows, row-major. */
    private static float[] similarities(List<INDArray> x, float[] unit, int[] rows, int d) {
        float[] sel = new float[rows.length * d];
        for (int t = 0; t < rows.length; t++) {
            System.arraycopy(unit, rows[t] * d, sel, t * d, d);
        }
        float[] out = new float[x.size() == 0 ? 0 : totalRows(x) * rows.length];
        forEachBlock(x, sel, rows.length, d, (start, count, scores) ->
                System.arraycopy(scores, 0, out, start * rows.length, count * rows.length));
        return out;
    }

    /** The unit rows cut into C-order blocks of {@link #BLOCK} rows, copied once per fit. */
    static List<INDArray> blocks(float[] unit, int n, int d) {
        List<INDArray> blocks = new ArrayList<>();
        for (int start = 0; start < n; start += BLOCK) {
            int end = Math.min(n, start + BLOCK);
            blocks.add(Nd4j.create(Arrays.copyOfRange(unit, start * d, end * d),
                    new long[] {end - start, d}, 'c'));
        }
        return blocks;
    }

    private static int totalRows(List<INDArray> blocks) {
        long n = 0;
        for (INDArray b : blocks) {
            n += b.rows();
        }
        return (int) n;
    }

    interface BlockScores {
        /** scores: rows × m similarities (row-major) for rows start .. start+rows−1. */
        void accept(int start, int rows, float[] scores);
    }

    /** Runs X_block · Vᵀ for every block, V being m vectors of dimension d (row-major). */
    static void forEachBlock(List<INDArray> x, float[] vectors, int m, int d, BlockScores f) {
        INDArray v = Nd4j.create(vectors, new long[] {m, d}, 'c');
        INDArray out = Nd4j.create(DataType.FLOAT, BLOCK, m);
        float[] scores = new float[BLOCK * m];
        int start = 0;
        for (INDArray b : x) {
            int rows = b.rows();
            INDArray o = rows == BLOCK ? out : Nd4j.create(DataType.FLOAT, rows, m);
            Nd4j.gemm(b, v, o, false, true, 1.0, 0.0);
            o.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer().get(scores, 0, rows * m);
            f.accept(start, rows, scores);
            start += rows;
        }
    }

    /** Assigns each row to its most similar centroid; returns how many labels changed. */
    private int assign(List<INDArray> x, float[] centroids, int d, int[] labels, float[] sim) {
        int[] changed = {0};
        forEachBlock(x, centroids, k, d, (start, rows, scores) -> {
            for (int r = 0; r < rows; r++) {
                int best = 0;
                float bestSim = scores[r * k];
                for (int c = 1; c < k; c++) {
                    float v = scores[r * k + c];
                    if (v > bestSim) {
                        bestSim = v;
                        best = c;
                    }
                }
                int i = start + r;
                if (labels[i] != best) {
                    changed[0]++;
                    labels[i] = best;
                }
                sim[i] = bestSim;
            }
        });
        return changed[0];
    }

    /**
     * Centroid = normalised member mean. An empty cluster is re-seeded at the point currently
     * farthest from its own centroid (the worst-served point), one distinct point per empty
     * cluster, which is what keeps k clusters alive without a random restart. Returns whether any
     * cluster was re-seeded, so the caller does not stop on a stale configuration.
     */
    boolean update(float[] unit, int n, int d, int[] labels, float[] sim, float[] centroids) {
        double[] sums = new double[k * d];
        int[] counts = new int[k];
        for (int i = 0; i < n; i++) {
            int c = labels[i];
            counts[c]++;
            int o = i * d;
            int oc = c * d;
            for (int j = 0; j < d; j++) {
                sums[oc + j] += unit[o + j];
            }
        }
        float[] previous = centroids.clone();
        Arrays.fill(centroids, 0f);
        Clustering.normalizeCentroids(sums, centroids, k, d);
        Integer[] farthest = null;
        int next = 0;
        boolean reseeded = false;
        for (int c = 0; c < k; c++) {
            if (counts[c] > 0) {
                boolean zero = true;
                for (int j = 0; j < d && zero; j++) {
                    zero = centroids[c * d + j] == 0f;
                }
                if (zero) {
                    // Members cancel out exactly: keep the old direction rather than none.
                    System.arraycopy(previous, c * d, centroids, c * d, d);
                }
                continue;
            }
            if (farthest == null) {
                farthest = new Integer[n];
                for (int i = 0; i < n; i++) {
                    farthest[i] = i;
                }
                Arrays.sort(farthest, (a, b) -> sim[a] != sim[b] ? Float.compare(sim[a], sim[b])
                        : Integer.compare(a, b));
            }
            int p = farthest[next++ % n];
            System.arraycopy(unit, p * d, centroids, c * d, d);
            reseeded = true;
        }
        return reseeded;
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float f : v) {
            s += f;
        }
        return s / v.length;
    }
}
