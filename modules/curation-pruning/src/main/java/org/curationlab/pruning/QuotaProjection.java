package org.curationlab.pruning;

import java.util.Arrays;

/**
 * The DBP quadratic program for per-cluster quotas (Abbas et al. 2024, §3):
 * <pre>  min ½‖x‖² − tᵀx   s.t.  Σ x = total,  lower ≤ x ≤ upper</pre>
 * i.e. the Euclidean projection of the target t = p·N onto a box cut by a hyperplane. The
 * published code hands this to a generic QP solver (OSQP) and then rounds with rint, which
 * neither solves it exactly nor keeps Σx = N. Here it is solved exactly: the KKT conditions give
 * x_j(λ) = clip(t_j − λ, lower_j, upper_j) for the multiplier λ of the sum constraint, and
 * g(λ) = Σ x_j(λ) is continuous, non-increasing and piecewise linear with breakpoints
 * t_j − upper_j and t_j − lower_j. Sorting the breakpoints and bisecting over them finds the
 * segment where g crosses the total, and λ follows by linear interpolation: O(k log k).
 */
public final class QuotaProjection {

    private QuotaProjection() {
    }

    public static double[] project(double[] target, double[] lower, double[] upper, double total) {
        int k = target.length;
        if (lower.length != k || upper.length != k) {
            throw new IllegalArgumentException("target, lower and upper differ in length");
        }
        double sumLower = 0;
        double sumUpper = 0;
        for (int j = 0; j < k; j++) {
            if (!(lower[j] <= upper[j]) || !Double.isFinite(target[j])) {
                throw new IllegalArgumentException("bad bounds or target at " + j + ": lower="
                        + lower[j] + ", upper=" + upper[j] + ", target=" + target[j]);
            }
            sumLower += lower[j];
            sumUpper += upper[j];
        }
        double slack = 1e-9 * Math.max(1.0, Math.abs(total));
        if (total < sumLower - slack || total > sumUpper + slack) {
            throw new IllegalArgumentException("infeasible: total " + total + " outside ["
                    + sumLower + ", " + sumUpper + "]");
        }
        double[] breaks = new double[2 * k];
        for (int j = 0; j < k; j++) {
            breaks[2 * j] = target[j] - upper[j];
            breaks[2 * j + 1] = target[j] - lower[j];
        }
        Arrays.sort(breaks);
        // g(breaks[0]) = Σ upper >= total and g(breaks[last]) = Σ lower <= total: find the last
        // breakpoint with g >= total; the root lies between it and the next one.
        int lo = 0;
        int hi = breaks.length - 1;
        if (g(target, lower, upper, breaks[hi]) >= total) {
            return clip(target, lower, upper, breaks[hi]);
        }
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (g(target, lower, upper, breaks[mid]) >= total) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double gLo = g(target, lower, upper, breaks[lo]);
        double gHi = g(target, lower, upper, breaks[hi]);
        double lambda = gLo == gHi ? breaks[lo]
                : breaks[lo] + (gLo - total) / (gLo - gHi) * (breaks[hi] - breaks[lo]);
        return clip(target, lower, upper, lambda);
    }

    /** Objective ½‖x‖² − tᵀx, exposed for tests and diagnostics. */
    public static double objective(double[] x, double[] target) {
        double s = 0;
        for (int j = 0; j < x.length; j++) {
            s += 0.5 * x[j] * x[j] - target[j] * x[j];
        }
        return s;
    }

    private static double g(double[] t, double[] lo, double[] up, double lambda) {
        double s = 0;
        for (int j = 0; j < t.length; j++) {
            s += Math.min(up[j], Math.max(lo[j], t[j] - lambda));
        }
        return s;
    }

    private static double[] clip(double[] t, double[] lo, double[] up, double lambda) {
        double[] x = new double[t.length];
        for (int j = 0; j < t.length; j++) {
            x[j] = Math.min(up[j], Math.max(lo[j], t[j] - lambda));
        }
        return x;
    }
}
