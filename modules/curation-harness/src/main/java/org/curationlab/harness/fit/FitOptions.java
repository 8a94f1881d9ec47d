package org.curationlab.harness.fit;

/**
 * Settings of the robust fit.
 *
 * @param huberDelta        Huber threshold on log-space residuals. Residuals below it are squared,
 *                          above it count linearly, so one diverged run cannot drag the curve. The
 *                          default 0.03 (≈3 % relative error) is about the seed-to-seed spread of
 *                          our error curves: ordinary noise is fitted as least squares, anything
 *                          much larger is treated as an outlier. (Hoffmann et al. use 1e-3, which is
 *                          close to least absolute deviations; that costs efficiency on the small
 *                          n of a sweep.)
 * @param maxEvaluations    cap on model evaluations per Levenberg–Marquardt solve (one per start).
 * @param fullGrid          true: every start of the grid; false: a reduced grid, used by the
 *                          bootstrap where each refit is also warm-started from the point estimate.
 */
public record FitOptions(double huberDelta, int maxEvaluations, boolean fullGrid) {

    public static final double DEFAULT_HUBER_DELTA = 0.03;

    public FitOptions {
        if (!(huberDelta > 0) || Double.isInfinite(huberDelta)) {
            throw new IllegalArgumentException("huberDelta must be a finite positive number, got " + huberDelta);
        }
        if (maxEvaluations < 10) {
            throw new IllegalArgumentException("maxEvaluations must be >= 10, got " + maxEvaluations);
        }
    }

    public static FitOptions defaults() {
        return new FitOptions(DEFAULT_HUBER_DELTA, 2000, true);
    }

    public FitOptions withHuberDelta(double delta) {
        return new FitOptions(delta, maxEvaluations, fullGrid);
    }

    public FitOptions withFullGrid(boolean full) {
        return new FitOptions(huberDelta, maxEvaluations, full);
    }
}
