package org.curationlab.data;

/**
 * What a set of pairs is made of, by provenance flag and by true class: the audit of a pool,
 * a reference set, a pruned pool or the batches a selector chose.
 */
public record PoolComposition(int total, int[] byFlag, int[] byClass) {

    static PoolComposition of(PairPool pool, int[] ids) {
        int[] flags = new int[PairFlag.values().length];
        int[] classes = new int[FashionClass.COUNT];
        for (int i : ids) {
            flags[pool.flag(i).ordinal()]++;
            classes[pool.classOf(i)]++;
        }
        return new PoolComposition(ids.length, flags, classes);
    }

    public double fraction(PairFlag f) {
        return total == 0 ? 0 : byFlag[f.ordinal()] / (double) total;
    }

    public double classFraction(int c) {
        return total == 0 ? 0 : byClass[c] / (double) total;
    }

    /** Fraction of pairs that are not clean. */
    public double noiseFraction() {
        return 1 - fraction(PairFlag.CLEAN);
    }
}
