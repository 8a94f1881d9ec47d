package org.curationlab.harness.fit;

import java.util.Objects;

/**
 * One evaluation point of a sweep: error {@code y} at scale {@code x} (compute, data or parameters).
 * {@code x2} is the second axis of the Chinchilla form (data D when {@code x} is parameters N) and is
 * NaN for one-axis fits. {@code group} is the method / curation level the curve belongs to and
 * {@code seed} the replicate id the bootstrap resamples; either may be null.
 */
public record Observation(double x, double x2, double y, String group, String seed) {

    public Observation {
        // Fits are in log space, so non-positive values can never be fitted: refuse them early.
        if (!(x > 0) || Double.isInfinite(x)) {
            throw new IllegalArgumentException("x must be a finite positive number, got " + x);
        }
        if (!Double.isNaN(x2) && (!(x2 > 0) || Double.isInfinite(x2))) {
            throw new IllegalArgumentException("x2 must be a finite positive number (or NaN if absent), got " + x2);
        }
        if (!(y > 0) || Double.isInfinite(y)) {
            throw new IllegalArgumentException("y must be a finite positive number, got " + y);
        }
    }

    /** A one-axis observation. */
    public static Observation of(double x, double y, String group, String seed) {
        return new Observation(x, Double.NaN, y, group, seed);
    }

    /** A two-axis (Chinchilla) observation: {@code n} parameters, {@code d} data. */
    public static Observation of2(double n, double d, double y, String group, String seed) {
        return new Observation(n, d, y, group, seed);
    }

    public boolean hasX2() {
        return !Double.isNaN(x2);
    }

    public Observation withY(double newY) {
        return new Observation(x, x2, newY, group, seed);
    }

    public Observation withSeed(String newSeed) {
        return new Observation(x, x2, y, group, newSeed);
    }

    /** The group label, with {@link #DEFAULT_GROUP} standing in for a missing one. */
    public String groupOrDefault() {
        return Objects.requireNonNullElse(group, DEFAULT_GROUP);
    }

    /** Label used when no "by" column was given: all observations form one curve. */
    public static final String DEFAULT_GROUP = "all";
}
