package org.curationlab.pruning;

import java.util.SplittableRandom;

/** Synthetic embedding pools with known structure, shared by the pruning tests. */
final class Synthetic {

    final float[] x;
    final int n;
    final int d;
    /** The cluster each row was drawn around. */
    final int[] truth;

    private Synthetic(float[] x, int n, int d, int[] truth) {
        this.x = x;
        this.n = n;
        this.d = d;
        this.truth = truth;
    }

    /**
     * {@code clusters} random unit centres in d dimensions, {@code perCluster} rows each drawn as
     * centre + N(0, spread²) per coordinate, rows interleaved so clusters are not contiguous.
     */
    static Synthetic clusters(int clusters, int perCluster, int d, double spread, long seed) {
        return clusters(sizes(clusters, perCluster), d, new double[] {spread}, seed);
    }

    /** Clusters of the given sizes; spreads are per cluster (cycled if shorter). */
    static Synthetic clusters(int[] sizes, int d, double[] spreads, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int k = sizes.length;
        float[] centres = new float[k * d];
        for (int c = 0; c < k; c++) {
            double norm = 0;
            for (int j = 0; j < d; j++) {
                double v = gaussian(rng);
                centres[c * d + j] = (float) v;
                norm += v * v;
            }
            for (int j = 0; j < d; j++) {
                centres[c * d + j] /= (float) Math.sqrt(norm);
            }
        }
        int n = 0;
        for (int s : sizes) {
            n += s;
        }
        float[] x = new float[n * d];
        int[] truth = new int[n];
        int[] left = sizes.clone();
        int row = 0;
        while (row < n) {
            for (int c = 0; c < k; c++) {
                if (left[c]-- > 0) {
                    double spread = spreads[c % spreads.length];
                    for (int j = 0; j < d; j++) {
                        x[row * d + j] = (float) (centres[c * d + j] + spread * gaussian(rng));
                    }
                    truth[row++] = c;
                }
            }
        }
        return new Synthetic(x, n, d, truth);
    }

    /** Wraps an explicit matrix (no cluster truth). */
    static Synthetic of(float[] x, int n, int d) {
        return new Synthetic(x, n, d, new int[n]);
    }

    private static int[] sizes(int k, int each) {
        int[] s = new int[k];
        java.util.Arrays.fill(s, each);
        return s;
    }

    static double gaussian(SplittableRandom rng) {
        // Box–Muller from the seeded stream, so data are reproducible across JDKs.
        double u = 1.0 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    static double cosine(float[] x, int a, int b, int d) {
        double s = 0;
        double na = 0;
        double nb = 0;
        for (int j = 0; j < d; j++) {
            s += x[a * d + j] * x[b * d + j];
            na += x[a * d + j] * x[a * d + j];
            nb += x[b * d + j] * x[b * d + j];
        }
        return s / Math.sqrt(na * nb);
    }

    PruneInput input(PruneOptions o) {
        return PruneInput.of(x, n, d, o);
    }
}
