package org.curationlab.selection;

import org.curationlab.data.CurationException;

/**
 * The exact optimum: every subset of size b is scored and the best kept (the paper's brute-force
 * reference in Fig. 2). C(B, b) grows too fast beyond B = 20 (C(20, 10) = 184,756 subsets already),
 * so larger super-batches are refused. Ties go to the lexicographically first subset.
 */
public final class BruteForceSelector implements BatchSelector {
    public static final int MAX_SUPER_BATCH = 20;

    @Override
    public Selection select(BatchScorer scorer, int b, long seed) {
        Checks.subBatchSize(b, scorer);
        int n = scorer.size();
        if (n > MAX_SUPER_BATCH) {
            throw new CurationException("super-batch size B = " + n + " for brute-force selection; expected B ≤ "
                    + MAX_SUPER_BATCH + " (it enumerates all C(B, b) subsets)");
        }
        if (!scorer.score().usesModels()) {
            return new UniformSelector().select(scorer, b, seed);
        }
        int[] subset = new int[b];
        for (int i = 0; i < b; i++) {
            subset[i] = i;
        }
        int[] best = subset.clone();
        double bestScore = Double.NEGATIVE_INFINITY;
        while (true) {
            double s = scorer.batchScore(subset);
            if (s > bestScore) {
                bestScore = s;
                System.arraycopy(subset, 0, best, 0, b);
            }
            // Next combination in lexicographic order.
            int pos = b - 1;
            while (pos >= 0 && subset[pos] == n - b + pos) {
                pos--;
            }
            if (pos < 0) {
                break;
            }
            subset[pos]++;
            for (int k = pos + 1; k < b; k++) {
                subset[k] = subset[k - 1] + 1;
            }
        }
        return new Selection(best, bestScore, new double[] {bestScore});
    }
}
