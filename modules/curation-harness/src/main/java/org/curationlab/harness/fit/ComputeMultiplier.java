package org.curationlab.harness.fit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How many times less x (compute, iterations, samples) a method needs to reach the baseline's best
 * error — the paper's "13× fewer iterations, 10× less compute":
 * <pre>  multiplier = x_baseline(y*) / x_other(y*)</pre>
 * with y* the baseline's best seed-averaged observed error ({@link Target#BEST}, the default) or its
 * seed-averaged error at its largest x ({@link Target#FINAL}: the papers' "uniform's final accuracy";
 * x_baseline is then that budget, so a baseline on a plateau is not credited with an earlier noisy
 * best). A multiplier of 4 means the other method reaches y* with a quarter of the baseline's x.
 *
 * <p>{@link #fitted} inverts both fitted curves at y*. When y* ≤ the other curve's E∞ the other method
 * never reaches y* at any x: the multiplier is NaN with status {@link Status#NOT_REACHED} (not +∞,
 * which would read as an infinite advantage, and not 0, which would claim a measured value).
 * The same holds if y* ≤ the baseline's own fitted E∞ (a noisy best point under its asymptote).
 *
 * <p>{@link #empirical} uses only observations: the lower envelope of seed-averaged points of each
 * group, with error interpolated linearly in log x between envelope points. It cannot extrapolate:
 * NaN when the other envelope never gets down to y*, and a lower bound ({@link Status#LOWER_BOUND})
 * when the other method is already at or below y* at its smallest observed x.
 */
public final class ComputeMultiplier {

    public enum Status {
        /** Both x values found within the data (empirical) or from the curves. */
        OK,
        /** Fitted: x_other(y*) lies outside the other group's observed x range. */
        EXTRAPOLATED,
        /** Empirical: the other group is already at y* at its smallest x; the multiplier is at least the value. */
        LOWER_BOUND,
        /** y* is never reached; multiplier is NaN. */
        NOT_REACHED
    }

    /** Which baseline error the other method has to reach. */
    public enum Target {
        /** The lowest seed-averaged error anywhere on the baseline's curve. */
        BEST,
        /** The seed-averaged error at the baseline's largest x (its budget). */
        FINAL;

        public static Target parse(String s) {
            for (Target t : values()) {
                if (t.name().equalsIgnoreCase(s)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("multiplier target '" + s + "' is not best or final");
        }

        /** y* of the baseline's points. */
        public double yStar(List<Observation> baselinePoints) {
            return this == BEST ? Replicates.bestMeanError(baselinePoints) : finalPoint(baselinePoints).y();
        }

        private static Observation finalPoint(List<Observation> points) {
            return Replicates.meanOverSeeds(points).stream().max(Comparator.comparingDouble(Observation::x))
                    .orElseThrow(() -> new IllegalArgumentException("no observations to take the final error of"));
        }
    }

    /** The multiplier and what it was computed from; {@code reason} is empty when status is OK. */
    public record Result(double multiplier, double yStar, double xBaseline, double xOther, Status status, String reason) {
    }

    private ComputeMultiplier() {
    }

    /** Fitted multiplier with y* the baseline's best seed-averaged error and no range check on the other curve. */
    public static Result fitted(OneAxisCurve baseline, List<Observation> baselinePoints, OneAxisCurve other) {
        return fitted(baseline, Replicates.bestMeanError(baselinePoints), other, null);
    }

    /**
     * Fitted multiplier at a given y*.
     *
     * @param otherPoints the other group's observations, used only to flag extrapolation; may be null
     */
    public static Result fitted(OneAxisCurve baseline, double yStar, OneAxisCurve other, List<Observation> otherPoints) {
        double xBaseline = baseline.invert(yStar);
        double xOther = other.invert(yStar);
        if (Double.isNaN(xBaseline)) {
            return new Result(Double.NaN, yStar, xBaseline, xOther, Status.NOT_REACHED,
                    "baseline's best error " + yStar + " is at or below its own fitted E∞ " + baseline.eInf());
        }
        if (Double.isNaN(xOther)) {
            return new Result(Double.NaN, yStar, xBaseline, xOther, Status.NOT_REACHED,
                    "other curve's E∞ " + other.eInf() + " is at or above the baseline's best error " + yStar
                            + ": it never reaches it");
        }
        double multiplier = xBaseline / xOther;
        if (otherPoints != null && !otherPoints.isEmpty()) {
            double lo = otherPoints.stream().mapToDouble(Observation::x).min().getAsDouble();
            double hi = otherPoints.stream().mapToDouble(Observation::x).max().getAsDouble();
            if (xOther < lo || xOther > hi) {
                return new Result(multiplier, yStar, xBaseline, xOther, Status.EXTRAPOLATED,
                        "x_other " + xOther + " is outside the other group's observed x range [" + lo + ", " + hi + "]");
            }
        }
        return new Result(multiplier, yStar, xBaseline, xOther, Status.OK, "");
    }

    /** Multiplier from observations only (monotone envelope, linear in log x), against the baseline's best error. */
    public static Result empirical(List<Observation> baselinePoints, List<Observation> otherPoints) {
        return empirical(baselinePoints, otherPoints, Target.BEST);
    }

    /** Multiplier from observations only, against the baseline's best or final error. */
    public static Result empirical(List<Observation> baselinePoints, List<Observation> otherPoints, Target target) {
        List<Observation> base = ParetoFrontier.runningMinimum(Replicates.meanOverSeeds(baselinePoints));
        List<Observation> other = ParetoFrontier.runningMinimum(Replicates.meanOverSeeds(otherPoints));
        if (base.isEmpty() || other.isEmpty()) {
            throw new IllegalArgumentException("empirical compute multiplier needs points in both groups, got "
                    + base.size() + " baseline and " + other.size() + " other");
        }
        // The envelope keeps the first x reaching each new minimum, so its last point is where y* is first seen.
        Observation best = target == Target.BEST ? base.get(base.size() - 1) : Target.finalPoint(baselinePoints);
        double yStar = best.y();
        double xBaseline = best.x();
        return at(yStar, xBaseline, other);
    }

    /**
     * The multiplier as a function of compute: for each point of the baseline's seed-averaged
     * envelope (x_b, y_b), how many times less x the other group's envelope needs to reach y_b, in
     * order of increasing x_b. A gain that grows with compute shows as a rising curve.
     */
    public static List<Result> curve(List<Observation> baselinePoints, List<Observation> otherPoints) {
        List<Observation> base = ParetoFrontier.runningMinimum(Replicates.meanOverSeeds(baselinePoints));
        List<Observation> other = ParetoFrontier.runningMinimum(Replicates.meanOverSeeds(otherPoints));
        if (base.isEmpty() || other.isEmpty()) {
            throw new IllegalArgumentException("the multiplier curve needs points in both groups, got "
                    + base.size() + " baseline and " + other.size() + " other");
        }
        List<Result> out = new ArrayList<>(base.size());
        for (Observation b : base) {
            out.add(at(b.y(), b.x(), other));
        }
        return out;
    }

    /** Where the other group's envelope (ascending x, strictly decreasing y) first reaches yStar. */
    private static Result at(double yStar, double xBaseline, List<Observation> other) {
        Observation lastOther = other.get(other.size() - 1);
        if (lastOther.y() > yStar) {
            return new Result(Double.NaN, yStar, xBaseline, Double.NaN, Status.NOT_REACHED,
                    "other group's best observed error " + lastOther.y() + " stays above the baseline's best " + yStar);
        }
        Observation firstOther = other.get(0);
        if (firstOther.y() <= yStar) {
            return new Result(xBaseline / firstOther.x(), yStar, xBaseline, firstOther.x(), Status.LOWER_BOUND,
                    "other group is already at or below " + yStar + " at its smallest x " + firstOther.x());
        }
        for (int i = 0; i + 1 < other.size(); i++) {
            Observation p = other.get(i);
            Observation q = other.get(i + 1);
            if (p.y() > yStar && q.y() <= yStar) {
                double t = (p.y() - yStar) / (p.y() - q.y());
                double xOther = Math.exp(Math.log(p.x()) + t * (Math.log(q.x()) - Math.log(p.x())));
                return new Result(xBaseline / xOther, yStar, xBaseline, xOther, Status.OK, "");
            }
        }
        throw new IllegalStateException("monotone envelope crossing not found"); // unreachable: envelope is decreasing
    }
}
