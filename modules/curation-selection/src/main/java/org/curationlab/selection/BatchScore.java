package org.curationlab.selection;

import org.curationlab.data.CurationException;

/**
 * The score of a sub-batch under the sigmoid loss: the sum of the score matrix M over S×S. It is
 * the definition the selectors must agree with, kept here in its plainest form.
 */
public final class BatchScore {
    private BatchScore() {
    }

    /** Σ_{i∈S} Σ_{j∈S} M_ij, accumulated in double. */
    public static double of(PairMatrix m, int[] subset) {
        checkSubset(subset, m.size(), "subset");
        int n = m.size();
        float[] v = m.values();
        double sum = 0.0;
        for (int i : subset) {
            int row = i * n;
            for (int j : subset) {
                sum += v[row + j];
            }
        }
        return sum;
    }

    /** Rejects out-of-range or repeated indices: a repeated index would silently count pairs twice. */
    static void checkSubset(int[] subset, int size, String name) {
        if (subset == null) {
            throw new CurationException(name + " is missing; expected indices in [0, " + size + ")");
        }
        boolean[] seen = new boolean[size];
        for (int i : subset) {
            if (i < 0 || i >= size) {
                throw new CurationException(name + " contains index " + i + "; expected indices in [0, "
                        + size + ")");
            }
            if (seen[i]) {
                throw new CurationException(name + " contains index " + i + " twice; expected distinct indices");
            }
            seen[i] = true;
        }
    }
}
