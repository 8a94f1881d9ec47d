package org.curationlab.harness.fit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code E(N, D) = E + A/N^α + B/D^β} (Hoffmann et al. 2022, "Chinchilla", approach 3) for sweeps
 * where model size N and data D both vary: the two power-law terms are the finite-model and
 * finite-data penalties. Fitted like the one-axis laws: Huber loss on log residuals with
 * θ = (log E, log A, log B, log α, log β) and log ŷ = LSE(log E, log A − α log N, log B − β log D),
 * as in the paper's appendix D.2. Observations need {@link Observation#x2()} (D).
 */
public record ChinchillaFit(double e, double a, double alpha, double b, double beta, double rmseLog, int n)
        implements FittedCurve {

    public static ChinchillaFit fit(List<Observation> points) {
        return fit(points, FitOptions.defaults(), null);
    }

    public static ChinchillaFit fit(List<Observation> points, FitOptions options, ChinchillaFit warmStart) {
        double[][] x = new double[points.size()][];
        for (int i = 0; i < x.length; i++) {
            Observation o = points.get(i);
            if (!o.hasX2()) {
                throw new IllegalArgumentException("point " + (i + 1) + " has no second axis (D); the chinchilla form needs both N and D columns");
            }
            x[i] = new double[]{o.x(), o.x2()};
        }
        double[] extra = warmStart == null ? null : new double[]{Math.log(Math.max(warmStart.e, 1e-300)),
                Math.log(warmStart.a), Math.log(warmStart.b), Math.log(warmStart.alpha), Math.log(warmStart.beta)};
        RobustLogFitter.Solution s = RobustLogFitter.fit(MODEL, x, SaturatingPowerLaw.ys(points), options, extra);
        double[] t = s.theta();
        return new ChinchillaFit(Math.exp(t[0]), Math.exp(t[1]), Math.exp(t[3]), Math.exp(t[2]), Math.exp(t[4]),
                s.rmseLog(), s.n());
    }

    public double predict(double n, double d) {
        return e + a * Math.pow(n, -alpha) + b * Math.pow(d, -beta);
    }

    @Override
    public Form form() {
        return Form.CHINCHILLA;
    }

    @Override
    public Map<String, Double> parameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("e_inf", e);
        m.put("a", a);
        m.put("alpha", alpha);
        m.put("b", b);
        m.put("beta", beta);
        return m;
    }

    private static final double[] EXPONENT_GRID = {0.2, 0.5, 1.0};
    private static final double[] E_FRACTIONS = {0.0, 0.4, 0.8};
    private static final double[] EXPONENT_GRID_REDUCED = {0.3, 0.7};
    private static final double[] E_FRACTIONS_REDUCED = {0.5};

    static final LogSpaceModel MODEL = new LogSpaceModel() {
        @Override
        public int parameterCount() {
            return 5;
        }

        @Override
        public double logPredict(double[] theta, double[] x, double[] gradient) {
            double alpha = Math.exp(theta[3]);
            double beta = Math.exp(theta[4]);
            double logN = Math.log(x[0]);
            double logD = Math.log(x[1]);
            double[] terms = {theta[0], theta[1] - alpha * logN, theta[2] - beta * logD};
            double[] p = new double[3];
            double v = LogSpaceModel.logSumExp(terms, p);
            gradient[0] = p[0];
            gradient[1] = p[1];
            gradient[2] = p[2];
            gradient[3] = -p[1] * alpha * logN;
            gradient[4] = -p[2] * beta * logD;
            return v;
        }

        @Override
        public double[] clamp(double[] t) {
            double lo = Math.log(1e-4);
            double hi = Math.log(10);
            return new double[]{LogSpaceModel.clamp(t[0], -60, 60), LogSpaceModel.clamp(t[1], -300, 300),
                    LogSpaceModel.clamp(t[2], -300, 300), LogSpaceModel.clamp(t[3], lo, hi), LogSpaceModel.clamp(t[4], lo, hi)};
        }

        @Override
        public List<double[]> starts(double[][] x, double[] y, boolean fullGrid) {
            double minY = Double.POSITIVE_INFINITY;
            for (double v : y) {
                minY = Math.min(minY, v);
            }
            double[] grid = fullGrid ? EXPONENT_GRID : EXPONENT_GRID_REDUCED;
            List<double[]> starts = new ArrayList<>();
            for (double frac : fullGrid ? E_FRACTIONS : E_FRACTIONS_REDUCED) {
                for (double alpha : grid) {
                    for (double beta : grid) {
                        double e = frac * minY;
                        double[] ab = solveAB(x, y, e, alpha, beta);
                        double logE = frac == 0 ? Math.log(minY) - 20 : Math.log(e);
                        starts.add(new double[]{logE, Math.log(ab[0]), Math.log(ab[1]), Math.log(alpha), Math.log(beta)});
                    }
                }
            }
            return starts;
        }

        @Override
        public int minimumDistinctPoints() {
            return 5;
        }
    };

    /**
     * With E, α, β fixed the model is linear in A and B: solve the 2×2 normal equations of
     * y − E ≈ A·N^−α + B·D^−β; if that gives a non-positive coefficient, split the excess evenly.
     */
    private static double[] solveAB(double[][] x, double[] y, double e, double alpha, double beta) {
        double s11 = 0, s12 = 0, s22 = 0, r1 = 0, r2 = 0, meanA = 0, meanB = 0;
        int n = y.length;
        for (int i = 0; i < n; i++) {
            double u = Math.pow(x[i][0], -alpha);
            double v = Math.pow(x[i][1], -beta);
            double t = y[i] - e;
            s11 += u * u;
            s12 += u * v;
            s22 += v * v;
            r1 += u * t;
            r2 += v * t;
            meanA += 0.5 * t / u / n;
            meanB += 0.5 * t / v / n;
        }
        double det = s11 * s22 - s12 * s12;
        if (det > 1e-12 * s11 * s22) {
            double a = (r1 * s22 - r2 * s12) / det;
            double b = (s11 * r2 - s12 * r1) / det;
            if (a > 0 && b > 0) {
                return new double[]{a, b};
            }
        }
        return new double[]{Math.max(meanA, 1e-12), Math.max(meanB, 1e-12)};
    }
}
