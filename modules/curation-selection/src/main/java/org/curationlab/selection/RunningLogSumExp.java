package org.curationlab.selection;

import java.util.Arrays;

/**
 * B log-sum-exps that each grow one term at a time, kept as (running max m, Σ e^(v−m)) so that no
 * term ever overflows: when a new maximum arrives the sum is rescaled instead of exponentiating a
 * large value. One exp per added term.
 */
final class RunningLogSumExp {
    private final double[] max;
    private final double[] sum;

    RunningLogSumExp(int n) {
        max = new double[n];
        sum = new double[n];
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
    }

    void add(int i, double v) {
        double m = max[i];
        if (v <= m) {
            sum[i] += Math.exp(v - m);
        } else {
            // exp(−∞) = 0 covers the empty case.
            sum[i] = sum[i] * Math.exp(m - v) + 1.0;
            max[i] = v;
        }
    }

    /** log Σ e^v over the terms added so far (−∞ if none). */
    double value(int i) {
        return max[i] + Math.log(sum[i]);
    }

    /** log-sum-exp of the terms so far plus one extra term, without adding it. */
    double valueWith(int i, double extra) {
        double m = max[i];
        if (extra > m) {
            return extra + Math.log1p(sum[i] * Math.exp(m - extra));
        }
        return m + Math.log(sum[i] + Math.exp(extra - m));
    }
}
