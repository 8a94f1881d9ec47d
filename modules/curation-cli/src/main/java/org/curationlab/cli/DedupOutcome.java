package org.curationlab.cli;

import org.curationlab.data.PairFlag;
import org.curationlab.data.PairPool;

/**
 * How a pruning of the web pool treated its injected near-duplicates, judged by the flags. A copy
 * counts as resolved when the copy or its original is gone: deduplication keeps one of each group,
 * and which one is arbitrary. "Others" are the pairs that are neither a copy nor an original of one.
 */
record DedupOutcome(int duplicates, int resolved, int others, int othersRemoved) {

    static DedupOutcome of(PairPool pool, int[] kept) {
        int n = pool.size();
        boolean[] isKept = new boolean[n];
        for (int i : kept) {
            isKept[i] = true;
        }
        boolean[] isOriginal = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (pool.flag(i) == PairFlag.DUPLICATE) {
                isOriginal[pool.duplicateOf(i)] = true;
            }
        }
        int duplicates = 0, resolved = 0, others = 0, othersRemoved = 0;
        for (int i = 0; i < n; i++) {
            if (pool.flag(i) == PairFlag.DUPLICATE) {
                duplicates++;
                if (!isKept[i] || !isKept[pool.duplicateOf(i)]) {
                    resolved++;
                }
            } else if (!isOriginal[i]) {
                others++;
                if (!isKept[i]) {
                    othersRemoved++;
                }
            }
        }
        return new DedupOutcome(duplicates, resolved, others, othersRemoved);
    }

    double resolvedFraction() {
        return duplicates == 0 ? Double.NaN : resolved / (double) duplicates;
    }

    double othersRemovedFraction() {
        return others == 0 ? Double.NaN : othersRemoved / (double) others;
    }
}
