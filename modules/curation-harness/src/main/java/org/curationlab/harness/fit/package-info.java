/**
 * Scaling-law fits over sweep results (docs/harness.md, "Scaling fits").
 *
 * <p>Forms: {@link org.curationlab.harness.fit.SaturatingPowerLaw} {@code E(C) = E∞ + A·C^(−α)},
 * {@link org.curationlab.harness.fit.PowerLaw} (E∞ = 0) and {@link org.curationlab.harness.fit.ChinchillaFit}
 * {@code E(N, D) = E + A/N^α + B/D^β}. All are fitted robustly: Huber loss on log-space residuals
 * {@code log y − log ŷ}, minimised by Levenberg–Marquardt (on residuals rewritten so that ½r̃² = Huber(r)) from a grid of starts
 * (see {@link org.curationlab.harness.fit.RobustLogFitter}). Intervals come from a bootstrap over seeds.
 *
 * <p>The compute multiplier is {@code x_baseline(y*) / x_other(y*)} with {@code y*} the baseline's best
 * observed (seed-averaged) error: how many times less compute the other method needs to reach the
 * baseline's best error. It is NaN, with a reason, when the other curve never reaches {@code y*}.
 */
package org.curationlab.harness.fit;
