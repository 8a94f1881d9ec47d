package org.curationlab.pruning;

import java.util.Arrays;
import org.curationlab.data.CurationException;

/**
 * A partition of the pool into concept clusters on the unit sphere: each row's cluster, the unit
 * centroids (k × dim, row-major) and each row's cosine similarity to its own centroid, which is
 * its <em>prototypicality</em> (SSP, Sorscher et al. 2022): high = typical of its concept, low =
 * unusual. Empty clusters may occur (given assignments, or more clusters than distinct points);
 * their centroid is the zero vector and they take part in nothing.
 */
public record Clustering(int k, int dim, int[] assignments, float[] centroids, float[] similarity,
                         int iterations) {

    /**
     * The clustering a pruner should use for this input: the given assignments if any, else
     * spherical k-means with the input's options.
     */
    public static Clustering of(PruneInput in) {
        int k = in.options().k();
        if (k > in.rows()) {
            throw new CurationException("--clusters " + k + " is larger than the " + in.rows()
                    + " rows in " + in.source() + "; use at most one cluster per row");
        }
        float[] unit = normalizeRows(in.embeddings(), in.rows(), in.dim(), in.source());
        if (in.assignments() != null) {
            return fromAssignments(unit, in.rows(), in.dim(), in.assignments(), k);
        }
        PruneOptions o = in.options();
        return new SphericalKMeans(k, o.seed(), o.maxIterations(), o.tolerance())
                .fit(unit, in.rows(), in.dim());
    }

    /** Copies rows scaled to unit L2 norm; a zero row has no direction, so it is an error. */
    public static float[] normalizeRows(float[] x, int n, int d, String source) {
        float[] out = new float[x.length];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                double v = x[i * d + j];
                s += v * v;
            }
            if (!(s > 0)) {
                throw new CurationException(source + ": row " + i + " is the zero vector, so its"
                        + " cosine similarity is undefined; remove it or fix the embedding");
            }
            double inv = 1.0 / Math.sqrt(s);
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (float) (x[i * d + j] * inv);
            }
        }
        return out;
    }

    /** Clusters as given: centroids are the normalised means of the members (unit rows). */
    public static Clustering fromAssignments(float[] unit, int n, int d, int[] assignments, int k) {
        double[] sums = new double[k * d];
        for (int i = 0; i < n; i++) {
            int c = assignments[i];
            for (int j = 0; j < d; j++) {
                sums[c * d + j] += unit[i * d + j];
            }
        }
        float[] centroids = new float[k * d];
        normalizeCentroids(sums, centroids, k, d);
        float[] sim = new float[n];
        for (int i = 0; i < n; i++) {
            sim[i] = dot(unit, i, centroids, assignments[i], d);
        }
        return new Clustering(k, d, assignments.clone(), centroids, sim, 0);
    }

    /** Writes sum/‖sum‖ per row; a zero sum (empty or cancelling cluster) leaves the zero vector. */
    static void normalizeCentroids(double[] sums, float[] centroids, int k, int d) {
        for (int c = 0; c < k; c++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += sums[c * d + j] * sums[c * d + j];
            }
            if (s > 0) {
                double inv = 1.0 / Math.sqrt(s);
                for (int j = 0; j < d; j++) {
                    centroids[c * d + j] = (float) (sums[c * d + j] * inv);
                }
            }
        }
    }

    static float dot(float[] a, int rowA, float[] b, int rowB, int d) {
        float s = 0;
        int oa = rowA * d;
        int ob = rowB * d;
        for (int j = 0; j < d; j++) {
            s += a[oa + j] * b[ob + j];
        }
        return s;
    }

    public int rows() {
        return assignments.length;
    }

    public int[] sizes() {
        int[] sizes = new int[k];
        for (int a : assignments) {
            sizes[a]++;
        }
        return sizes;
    }

    /**
     * Members of each cluster, least prototypical first (ascending similarity to the centroid,
     * ties by row index). SSP and DBP keep a prefix of each list; SemDeDup visits them in this
     * order so that of a duplicate group the least prototypical copy survives.
     */
    public int[][] membersLeastPrototypicalFirst() {
        int[] sizes = sizes();
        int[][] members = new int[k][];
        for (int c = 0; c < k; c++) {
            members[c] = new int[sizes[c]];
        }
        int[] fill = new int[k];
        for (int i = 0; i < assignments.length; i++) {
            members[assignments[i]][fill[assignments[i]]++] = i;
        }
        for (int c = 0; c < k; c++) {
            members[c] = sortBySimilarity(members[c]);
        }
        return members;
    }

    private int[] sortBySimilarity(int[] idx) {
        // Sort (similarity, index) pairs packed as longs: the float's order-preserving bits in the
        // high half, the index in the low half, so ties break by index without boxing.
        long[] keys = new long[idx.length];
        for (int i = 0; i < idx.length; i++) {
            int bits = Float.floatToIntBits(similarity[idx[i]] + 0.0f);
            int ordered = bits >= 0 ? bits : bits ^ 0x7fffffff;
            keys[i] = ((long) ordered << 32) | (idx[i] & 0xffffffffL);
        }
        Arrays.sort(keys);
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = (int) keys[i];
        }
        return out;
    }
}
