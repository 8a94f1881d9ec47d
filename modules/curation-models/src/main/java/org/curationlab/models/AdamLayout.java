package org.curationlab.models;

/**
 * How a {@link TwoTowerModel} lays out its Adam step over the parameter arrays. ND4J charges
 * tens of microseconds per native op, so the model flattens the gradient of all arrays and
 * applies one updater op per step. {@link #PER_PARAMETER} exists only as the baseline that
 * lets {@code curate bench} measure what that fusion gains; training never uses it.
 */
public enum AdamLayout {
    /** The default: one Adam state over all N weights, one updater op per step. */
    FLATTENED,
    /**
     * One Adam updater with its own state per parameter array, applied array by array: the
     * same update element by element, one updater op per array. Benchmark baseline only; a
     * model built with it cannot be saved (checkpoints hold the flattened state).
     */
    PER_PARAMETER
}
