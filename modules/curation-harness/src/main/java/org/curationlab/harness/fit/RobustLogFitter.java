package org.curationlab.harness.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;

/**
 * Minimises the Huber loss of log-space residuals {@code r = log y − log ŷ} for a {@link LogSpaceModel}.
 *
 * <p>Why Levenberg–Marquardt rather than a general optimiser on the Huber objective: the problem
 * is a small sum of squares with an analytic Jacobian, where LM converges quadratically without
 * line-search tuning; BOBYQA or non-linear CG would crawl along the flat E∞–α valley. Huber is fed
 * to LM by rewriting each residual as r̃ with ½r̃² = Huber(r) (see {@link #huberResiduals}), which
 * reaches the same M-estimate as iteratively reweighted least squares (weights min(1, δ/|r|)) in
 * one solve instead of one per reweighting round — about 5× fewer evaluations, which the
 * bootstrap's hundreds of refits need. Several starts guard against the local minima of the
 * saturating forms (E∞ and α trade off).
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
                s = solve(model, x, logY, model.clamp(start), options);
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

    private static Solution solve(LogSpaceModel model, double[][] x, double[] logY, double[] start, FitOptions options) {
        double delta = options.huberDelta();
        int p = model.parameterCount();
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .model(point -> huberResiduals(model, x, logY, point.toArray(), p, delta))
                .target(new double[logY.length])
                .start(start)
                .parameterValidator(point -> new ArrayRealVector(model.clamp(point.toArray()), false))
                .maxEvaluations(options.maxEvaluations())
                .maxIterations(options.maxEvaluations())
                .lazyEvaluation(false)
                .build();
        double[] theta = new LevenbergMarquardtOptimizer().optimize(problem).getPoint().toArray();
        double[] residuals = residuals(model, x, logY, theta);
        double loss = 0;
        double sq = 0;
        for (double r : residuals) {
            if (!Double.isFinite(r)) {
                return null;
            }
            loss += huber(r, delta);
            sq += r * r;
        }
        return new Solution(theta, loss, Math.sqrt(sq / residuals.length), residuals.length);
    }

    static double huber(double r, double delta) {
        double a = Math.abs(r);
        return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
    }

    /**
     * Residuals r̃ with ½ r̃² = Huber(r): r̃ = r inside δ, sign(r)·√(2δ|r| − δ²) outside, and their
     * Jacobian (dr̃/dr = δ/|r̃| outside). LM on r̃ minimises the Huber loss in one solve; in the linear
     * region the Gauss–Newton step equals an IRLS step with weight δ/|r| applied as √weight.
     * Returned as model values −r̃ against a zero target.
     */
    private static Pair<RealVector, org.hipparchus.linear.RealMatrix> huberResiduals(
            LogSpaceModel model, double[][] x, double[] logY, double[] theta, int p, double delta) {
        int n = x.length;
        double[] values = new double[n];
        double[][] jacobian = new double[n][p];
        for (int i = 0; i < n; i++) {
            double r = logY[i] - model.logPredict(theta, x[i], jacobian[i]);
            double a = Math.abs(r);
            double scale = 1.0;
            double rt = r;
            if (a > delta) {
                double g = Math.sqrt(2 * delta * a - delta * delta);
                rt = Math.copySign(g, r);
                scale = delta / g;
            }
            values[i] = -rt;
            // d(−r̃)/dθ = (dr̃/dr)·∂ log ŷ/∂θ since r = log y − log ŷ
            for (int k = 0; k < p; k++) {
                jacobian[i][k] *= scale;
            }
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
