package org.curationlab.train;

/**
 * Which pairs the learner trains on at each step. A pure function of the step, so that a run
 * resumed from a checkpoint at step s sees exactly the batches an uninterrupted run would.
 */
public interface BatchSource {
    /** The pool ids of the training batch of step {@code step} (0-based). */
    int[] batch(long step);

    /**
     * The mean per-example learnability of the batches chosen since the last call, or NaN for
     * sources that do not score (uniform training).
     */
    default double drainMeanLearnability() {
        return Double.NaN;
    }
}
