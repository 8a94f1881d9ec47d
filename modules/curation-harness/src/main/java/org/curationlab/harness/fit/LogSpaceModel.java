package org.curationlab.harness.fit;

import java.util.List;

/**
 * A scaling-law form written as {@code log ŷ = f(θ, x)} over unconstrained parameters θ.
 * Positivity constraints (E∞ ≥ 0, A > 0, α > 0) are met by parameterising logs, so the
 * optimiser never has to handle bounds; log ŷ of a sum of terms is a log-sum-exp, which stays
 * accurate when one term dominates (as in Hoffmann et al. 2022, App. D.2).
 */
interface LogSpaceModel {

    int parameterCount();

    /** Returns log ŷ at {@code x} and writes ∂ log ŷ / ∂θ into {@code gradient}. */
    double logPredict(double[] theta, double[] x, double[] gradient);

    /** Keeps θ in a range where exp() neither overflows nor loses all precision. */
    double[] clamp(double[] theta);

    /** Initial θs built from the data; the fitter keeps the best end point. */
    List<double[]> starts(double[][] x, double[] y, boolean fullGrid);

    /** Numbers of distinct x needed for the parameters to be identified. */
    int minimumDistinctPoints();

    static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** log(e^u + e^v + ...) with the max pulled out; also fills the softmax weights. */
    static double logSumExp(double[] terms, double[] softmax) {
        double max = Double.NEGATIVE_INFINITY;
        for (double t : terms) {
            max = Math.max(max, t);
        }
        double sum = 0;
        for (int i = 0; i < terms.length; i++) {
            softmax[i] = Math.exp(terms[i] - max);
            sum += softmax[i];
        }
        for (int i = 0; i < terms.length; i++) {
            softmax[i] /= sum;
        }
        return max + Math.log(sum);
    }
}
