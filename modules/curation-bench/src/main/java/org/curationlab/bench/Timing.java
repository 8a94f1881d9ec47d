package org.curationlab.bench;

import java.util.Arrays;

/**
 * Repeated wall times of one piece of work, in ms: the (upper) median a row reports, with the
 * fastest and slowest repeat so a reader sees the spread of a shared machine in the row itself.
 */
public record Timing(double medianMs, double minMs, double maxMs, int repeats) {
    /** No timing (rows that report a derived figure, such as a growth exponent). */
    public static final Timing NONE = new Timing(Double.NaN, Double.NaN, Double.NaN, 0);

    public static Timing of(double[] samplesMs) {
        double[] t = samplesMs.clone();
        Arrays.sort(t);
        return new Timing(t[t.length / 2], t[0], t[t.length - 1], t.length);
    }

    /** True when the other timing's median lies inside this one's [min, max]: the difference is noise. */
    public boolean overlaps(Timing other) {
        return other.medianMs >= minMs && other.medianMs <= maxMs
                || medianMs >= other.minMs && medianMs <= other.maxMs;
    }
}
