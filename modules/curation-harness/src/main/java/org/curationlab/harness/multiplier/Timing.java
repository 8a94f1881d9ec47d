package org.curationlab.harness.multiplier;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether a side's (or a condition's) {@code wall_s} was measured with the machine to itself. Training time read
 * beside other work (a sweep's second cell, another seed, a compile) is slower by an amount nobody recorded, so a
 * wall-clock multiplier from it is shown but marked. What decides it, per side: a sweep's {@code sweep.json} beside
 * its results.csv records {@code jobs} (cells run at a time; above 1 the cells shared the cores, whatever the spec
 * says); otherwise the spec's {@code timed-alone: true|false}; otherwise nothing is known. No record here says
 * whether anything else ran on the machine, so {@code timed-alone: true} is the spec author's word for that.
 *
 * <p>Two sides trained at different thread counts (a run folder's provenance.json {@code settings.threads}, a sweep's
 * {@code threads_per_cell}) are not comparable in time either, alone or not: {@code threadsDiffer} marks that.
 *
 * @param status        alone, not alone, or unknown
 * @param note          why, in a few words ("" when alone)
 * @param threadsDiffer whether the recorded thread counts of the two sides differ
 */
public record Timing(Status status, String note, boolean threadsDiffer) {
    public enum Status {
        ALONE, NOT_ALONE, UNKNOWN;

        /** The CSV's and the table's word for it. */
        public String word() {
            return switch (this) {
                case ALONE -> "yes";
                case NOT_ALONE -> "no";
                case UNKNOWN -> "unknown";
            };
        }
    }

    public Timing(Status status, String note) {
        this(status, note, false);
    }

    public static Timing alone() {
        return new Timing(Status.ALONE, "");
    }

    /** This timing, marked when both sides record thread counts and they are not the same single count. */
    public Timing withThreads(Set<Integer> baseline, Set<Integer> other) {
        if (baseline.isEmpty() || other.isEmpty() || (baseline.equals(other) && baseline.size() == 1)) {
            return this;
        }
        String t = "threads differ (uniform " + baseline + ", method " + other + ")";
        return new Timing(status, note.isEmpty() ? t : note + "; " + t, true);
    }

    /** A condition's timing: alone only when both sides are; not alone when either is not; the notes named by side. */
    public static Timing of(Timing baseline, Timing other) {
        Status s = baseline.status() == Status.NOT_ALONE || other.status() == Status.NOT_ALONE ? Status.NOT_ALONE
                : baseline.status() == Status.UNKNOWN || other.status() == Status.UNKNOWN ? Status.UNKNOWN : Status.ALONE;
        List<String> notes = new ArrayList<>();
        if (!baseline.note().isEmpty()) {
            notes.add("uniform: " + baseline.note());
        }
        if (!other.note().isEmpty()) {
            notes.add("method: " + other.note());
        }
        return new Timing(s, String.join("; ", notes));
    }

    /** Alone, and at the same thread count where both record one. */
    public boolean trusted() {
        return status == Status.ALONE && !threadsDiffer;
    }
}
