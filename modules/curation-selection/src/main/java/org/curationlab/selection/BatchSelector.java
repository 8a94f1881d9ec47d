package org.curationlab.selection;

/**
 * Chooses b of the B examples of a super-batch. Implementations are immutable and deterministic
 * given the seed, so that a training run can replay its data stream.
 */
public interface BatchSelector {
    Selection select(BatchScorer scorer, int b, long seed);
}
