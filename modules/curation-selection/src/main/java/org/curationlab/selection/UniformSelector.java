package org.curationlab.selection;

import java.util.SplittableRandom;

/**
 * The uniform baseline: a random b of B, ignoring any score. The other selectors hand over to it
 * for {@link Scores#UNIFORM} so that "uniform" means the same thing everywhere.
 */
public final class UniformSelector implements BatchSelector {
    @Override
    public Selection select(BatchScorer scorer, int b, long seed) {
        Checks.subBatchSize(b, scorer);
        int n = scorer.size();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        // Partial Fisher–Yates: the first b slots are a uniform sample without replacement.
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < b; i++) {
            int j = i + rng.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] chosen = java.util.Arrays.copyOf(perm, b);
        double score = !scorer.score().usesModels() ? 0.0 : scorer.batchScore(chosen);
        return new Selection(chosen, score, new double[] {score});
    }
}
