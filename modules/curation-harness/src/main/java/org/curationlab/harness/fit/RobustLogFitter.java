package org.curationlab.harness.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.DiagonalMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;

/**
 * Minimises the Huber loss of log-space residuals {@code r = log y − log ŷ} for a {@link LogSpaceModel}.
 *
 * <p>Why Levenberg–Marquardt + IRLS rather than a general optimiser on the Huber objective: the
 * Huber M-estimate is the fixed point of weighted least squares with weights {@code min(1, δ/|r|)},
 * and each weighted problem is exactly what LM is built for (analytic Jacobian, quadratic
 * convergence near the optimum, no line-search tuning). BOBYQA or non-linear CG on the raw Huber
 * objective would see its kink at |r| = δ and converge slowly on the flat E∞ direction. Several
 * starts guard against the local minima the saturating forms have (E∞ and α trade off).
 */
final class RobustLogFitter {

    /** End point of the best start. */
    record Solution(double[] theta, double huberLoss, double rmseLog, int n) {
    }

    private RobustLogFitter() {
    }

    static Solution fit(LogSpaceModel model, double[][] x, double[] y, FitOptions options, double[] extraStart) {
        int n = y.length;
        Set<List<Double>> distinct = new HashSet<>();
        for (double[] row : x) {
            distinct.add(Arrays.stream(row).boxed().toList());
        }
        if (distinct.size() < model.minimumDistinctPoints()) {
            throw new IllegalArgumentException("need at least " + model.minimumDistinctPoints()
                    + " distinct x values to fit this form, got " + distinct.size() + " (from " + n + " points)");
        }
        double[] logY = new double[n];
        for (int i = 0; i < n; i++) {
            logY[i] = Math.log(y[i]);
        }
        List<double[]> starts = new ArrayList<>(model.starts(x, y, options.fullGrid()));
        if (extraStart != null) {
            starts.add(0, extraStart.clone());
        }
        Solution best = null;
        for (double[] start : starts) {
            Solution s;
            try {
                s = irls(model, x, logY, model.clamp(start), options);
            } catch (MathRuntimeException e) {
                continue; // a start that diverges is just a bad start; others remain
            }
            if (s != null && (best == null || s.huberLoss() < best.huberLoss())) {
                best = s;
            }
        }
        if (best == null) {
            throw new IllegalStateException("no start converged for " + n + " points");
        }
        return best;
    }

    private static Solution irls(LogSpaceModel model, double[][] x, double[] logY, double[] start, FitOptions options) {
        int n = logY.length;
        double delta = options.huberDelta();
        double[] weights = new double[n];
        Arrays.fill(weights, 1.0);
        double[] theta = start;
        double[] residuals = residuals(model, x, logY, theta);
        for (int it = 0; it < options.maxIrlsIterations(); it++) {
            theta = weightedLeastSquares(model, x, logY, weights, theta, options);
            residuals = residuals(model, x, logY, theta);
            double change = 0;
            for (int i = 0; i < n; i++) {
                double a = Math.abs(residuals[i]);
                double w = a <= delta ? 1.0 : delta / a;
                change = Math.max(change, Math.abs(w - weights[i]));
                weights[i] = w;
            }
            if (change < 1e-4) {
                break;
            }
        }
        double loss = 0;
        double sq = 0;
        for (double r : residuals) {
            if (!Double.isFinite(r)) {
                return null;
            }
            double a = Math.abs(r);
            loss += a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
            sq += r * r;
        }
        return new Solution(theta, loss, Math.sqrt(sq / n), n);
    }

    private static double[] weightedLeastSquares(LogSpaceModel model, double[][] x, double[] logY, double[] weights,
                                                 double[] start, FitOptions options) {
        int p = model.parameterCount();
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .model(point -> valueAndJacobian(model, x, point.toArray(), p))
                .target(logY)
                .weight(new DiagonalMatrix(weights.clone()))
                .start(start)
                .parameterValidator(point -> new ArrayRealVector(model.clamp(point.toArray()), false))
                .maxEvaluations(options.maxEvaluations())
                .maxIterations(options.maxEvaluations())
                .lazyEvaluation(false)
                .build();
        LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(problem);
        return optimum.getPoint().toArray();
    }

    private static Pair<RealVector, org.hipparchus.linear.RealMatrix> valueAndJacobian(
            LogSpaceModel model, double[][] x, double[] theta, int p) {
        int n = x.length;
        double[] values = new double[n];
        double[][] jacobian = new double[n][p];
        for (int i = 0; i < n; i++) {
            values[i] = model.logPredict(theta, x[i], jacobian[i]);
        }
        return new Pair<>(new ArrayRealVector(values, false), new Array2DRowRealMatrix(jacobian, false));
    }

    static double[] residuals(LogSpaceModel model, double[][] x, double[] logY, double[] theta) {
        double[] gradient = new double[model.parameterCount()];
        double[] r = new double[logY.length];
        for (int i = 0; i < logY.length; i++) {
            r[i] = logY[i] - model.logPredict(theta, x[i], gradient);
        }
        return r;
    }
}
