package org.curationlab.train;

/**
 * The moments of a training run between which its files change, where the kill-and-resume tests
 * stop it (in-process via {@code Trainer.crashAt}, or in a child JVM with the system property
 * {@code curationlab.crash-at=POINT@STEP}, which halts the JVM as {@code kill -9} would). A run
 * killed at any of them must resume to exactly the rows an uninterrupted run writes.
 */
enum CrashPoint {
    /** A training step is done; nothing of the interval is on disk yet. */
    AFTER_STEP,
    /** checkpoint.zip (weights and run state) has been renamed into place; state.json is the previous one. */
    AFTER_CHECKPOINT,
    /** state.json has been renamed into place too; the interval's row is not evaluated yet. */
    AFTER_STATE,
    /** The model has been evaluated; its row is not appended yet. */
    AFTER_EVALUATION,
    /** The row has been appended; the next interval has not begun. */
    AFTER_ROW;

    static final String PROPERTY = "curationlab.crash-at";

    /** Thrown at the chosen point by an in-process test: an Error, so nothing on the way catches it. */
    static final class SimulatedKill extends Error {
        SimulatedKill(CrashPoint point, long step) {
            super("simulated kill " + point + " at step " + step);
        }
    }
}
