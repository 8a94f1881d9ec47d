package org.curationlab.pruning;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random pruning: a uniform sample of N = round(keep · pool) rows without replacement, seeded.
 * The baseline every curation method has to beat at the same budget.
 */
public final class RandomPruner implements Pruner {

    @Override
    public String name() {
        return "random";
    }

    @Override
    public String summary() {
        return "a uniform sample of --keep of the pool, seeded (the baseline)";
    }

    @Override
    public PruneResult prune(PruneInput in) {
        int n = in.rows();
        int total = in.keepCount();
        SplittableRandom rng = new SplittableRandom(in.options().seed());
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        // Partial Fisher–Yates: the first `total` slots are a uniform sample.
        for (int i = 0; i < total; i++) {
            int j = i + rng.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] kept = Arrays.copyOf(perm, total);
        Arrays.sort(kept);
        return new PruneResult(name(), n, kept, List.of(), in.options());
    }
}
