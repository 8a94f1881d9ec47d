package org.curationlab.selection;

import org.curationlab.data.CurationException;

/** Argument checks shared by the selectors, so that every selector words its errors the same way. */
final class Checks {
    private Checks() {
    }

    static void subBatchSize(int b, BatchScorer scorer) {
        if (scorer == null) {
            throw new CurationException("scorer is missing; expected a BatchScorer over the super-batch");
        }
        int n = scorer.size();
        if (b < 1 || b > n) {
            throw new CurationException("sub-batch size b = " + b + " with super-batch size B = " + n
                    + "; expected 1 ≤ b ≤ B");
        }
    }
}
