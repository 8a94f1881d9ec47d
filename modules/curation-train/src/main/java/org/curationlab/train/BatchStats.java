package org.curationlab.train;

import org.curationlab.data.PairFlag;
import org.curationlab.data.PoolTruth;

/**
 * The provenance of the pairs the learner trained on between two evaluation rows, from the pool's
 * ground-truth flags: "what fraction of what JEST picked was noise?" is read off here. Only pools
 * with ground truth (the synthetic world's) have them.
 */
final class BatchStats {
    private final long[] byFlag = new long[PairFlag.values().length];
    private long pairs;

    void add(PoolTruth truth, int[] ids) {
        for (int id : ids) {
            byFlag[truth.flag(id).ordinal()]++;
        }
        pairs += ids.length;
    }

    double fraction(PairFlag f) {
        return pairs == 0 ? Double.NaN : byFlag[f.ordinal()] / (double) pairs;
    }

    void clear() {
        java.util.Arrays.fill(byFlag, 0);
        pairs = 0;
    }
}
