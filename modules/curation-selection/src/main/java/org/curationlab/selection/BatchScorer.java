package org.curationlab.selection;

/**
 * The score of sub-batches of one super-batch under one {@link Score} and one loss
 * (sigmoid or softmax). Immutable; {@link #start()} opens the incremental state a joint selector
 * grows chunk by chunk.
 */
public interface BatchScorer {
    Score score();

    /** B, the super-batch size. */
    int size();

    /** The score of the sub-batch S, computed directly (no incremental state). */
    double batchScore(int[] subset);

    /**
     * Each example's own score computed in the full super-batch: what independent selection ranks
     * by. The values sum to (sigmoid) or are the per-example terms of (softmax) the full batch score.
     */
    double[] exampleScores();

    /** A fresh conditional state with the empty selected set. */
    ConditionalScores start();
}
