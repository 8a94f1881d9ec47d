package org.curationlab.data;

/**
 * What only the synthetic world knows about its pairs: the ground-truth provenance flag of each
 * (clean, misaligned, ...) and so the composition of any set of them. Training reads it, where a
 * pool has it, for the batch_* columns ("what fraction of what JEST picked was noise?") and the
 * kinds pruning kept; your own pairs have none, and those columns stay empty.
 */
public interface PoolTruth {
    PairFlag flag(int i);

    /** Counts by flag and class of the given pairs. */
    PoolComposition composition(int[] ids);

    /** Counts by flag and class of every pair. */
    PoolComposition composition();
}
