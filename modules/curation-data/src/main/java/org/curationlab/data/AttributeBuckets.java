package org.curationlab.data;

import java.util.Arrays;

/**
 * Tercile boundaries of each {@link Attribute}, fitted on the training split, so that "dark" or
 * "large" means the same thing for the pool, the reference sets and the test captions.
 */
public final class AttributeBuckets {
    /** cuts[attribute][0..BUCKETS-2], ascending. */
    private final float[][] cuts;

    private AttributeBuckets(float[][] cuts) {
        this.cuts = cuts;
    }

    /** Fits terciles on every image of {@code split}; returns also the per-image measurements. */
    public static AttributeBuckets fit(float[][] measured) {
        int na = Attribute.values().length;
        float[][] cuts = new float[na][Attribute.BUCKETS - 1];
        float[] column = new float[measured.length];
        for (int a = 0; a < na; a++) {
            for (int i = 0; i < measured.length; i++) {
                column[i] = measured[i][a];
            }
            Arrays.sort(column);
            for (int q = 1; q < Attribute.BUCKETS; q++) {
                cuts[a][q - 1] = column[(int) ((long) q * (column.length - 1) / Attribute.BUCKETS)];
            }
        }
        return new AttributeBuckets(cuts);
    }

    /** The bucket of each attribute for one image's measurements. */
    public int[] bucket(float[] measured) {
        int[] b = new int[cuts.length];
        for (int a = 0; a < cuts.length; a++) {
            int k = 0;
            while (k < cuts[a].length && measured[a] > cuts[a][k]) {
                k++;
            }
            b[a] = k;
        }
        return b;
    }

    public float[] cuts(Attribute a) {
        return cuts[a.ordinal()].clone();
    }
}
