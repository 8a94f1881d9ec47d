package org.curationlab.data.pairs;

import org.curationlab.data.PairFlag;
import org.curationlab.data.PoolComposition;
import org.curationlab.data.PoolTruth;

/**
 * The ground truth your own pairs have once a known share of their captions was moved
 * ({@link MisalignedCaptions}): each pair is clean or misaligned, nothing else. The composition's
 * classes are the pairs' labels (none when unlabelled).
 */
final class OwnPairsTruth implements PoolTruth {
    private final boolean[] misaligned;
    private final OwnPairs pairs;

    OwnPairsTruth(boolean[] misaligned, OwnPairs pairs) {
        this.misaligned = misaligned;
        this.pairs = pairs;
    }

    @Override
    public PairFlag flag(int i) {
        return misaligned[i] ? PairFlag.MISALIGNED : PairFlag.CLEAN;
    }

    @Override
    public PoolComposition composition(int[] ids) {
        int[] flags = new int[PairFlag.values().length];
        int[] classes = new int[pairs.labelNames().size()];
        for (int i : ids) {
            flags[flag(i).ordinal()]++;
            if (pairs.label(i) >= 0) {
                classes[pairs.label(i)]++;
            }
        }
        return new PoolComposition(ids.length, flags, classes);
    }

    @Override
    public PoolComposition composition() {
        int[] ids = new int[misaligned.length];
        java.util.Arrays.setAll(ids, i -> i);
        return composition(ids);
    }
}
