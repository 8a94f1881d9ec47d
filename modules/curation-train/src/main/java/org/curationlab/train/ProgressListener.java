package org.curationlab.train;

/** Hears about a run's progress; the CLI draws a progress bar from it, tests ignore it. */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {
    };

    /** After each training step. */
    default void step(long step, long total, double loss, double examplesPerSecond) {
    }

    /** After each evaluation. */
    default void evaluated(long step, Metrics metrics) {
    }
}
