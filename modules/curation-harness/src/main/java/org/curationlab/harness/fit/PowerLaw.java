package org.curationlab.harness.fit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code E(C) = A·C^(−α)}, A > 0, α > 0: the saturating law with E∞ fixed at 0, for ranges where the
 * curve shows no floor yet (Kaplan et al. 2020). It is a straight line in log-log space, so the
 * robust fit is Huber regression of log y on log C; it goes through the same fitter to share the
 * robust loss and its tests.
 */
public record PowerLaw(double a, double alpha, double rmseLog, int n) implements OneAxisCurve {

    public static PowerLaw fit(List<Observation> points) {
        return fit(points, FitOptions.defaults(), null);
    }

    public static PowerLaw fit(List<Observation> points, FitOptions options, PowerLaw warmStart) {
        double[] extra = warmStart == null ? null : new double[]{Math.log(warmStart.a), Math.log(warmStart.alpha)};
        RobustLogFitter.Solution s = RobustLogFitter.fit(MODEL, SaturatingPowerLaw.xs(points),
                SaturatingPowerLaw.ys(points), options, extra);
        return new PowerLaw(Math.exp(s.theta()[0]), Math.exp(s.theta()[1]), s.rmseLog(), s.n());
    }

    @Override
    public double predict(double c) {
        return a * Math.pow(c, -alpha);
    }

    @Override
    public double invert(double y) {
        return y > 0 ? Math.pow(y / a, -1.0 / alpha) : Double.NaN;
    }

    @Override
    public double eInf() {
        return 0.0;
    }

    @Override
    public Form form() {
        return Form.POWER;
    }

    @Override
    public Map<String, Double> parameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("e_inf", 0.0);
        m.put("a", a);
        m.put("alpha", alpha);
        return m;
    }

    static final LogSpaceModel MODEL = new LogSpaceModel() {
        @Override
        public int parameterCount() {
            return 2;
        }

        @Override
        public double logPredict(double[] theta, double[] x, double[] gradient) {
            double alpha = Math.exp(theta[1]);
            double logC = Math.log(x[0]);
            gradient[0] = 1.0;
            gradient[1] = -alpha * logC;
            return theta[0] - alpha * logC;
        }

        @Override
        public double[] clamp(double[] t) {
            return new double[]{LogSpaceModel.clamp(t[0], -300, 300), LogSpaceModel.clamp(t[1], Math.log(1e-4), Math.log(10))};
        }

        @Override
        public List<double[]> starts(double[][] x, double[] y, boolean fullGrid) {
            // Ordinary least squares in log-log space is the natural start; Huber IRLS then refines it.
            int n = y.length;
            double mx = 0;
            double my = 0;
            for (int i = 0; i < n; i++) {
                mx += Math.log(x[i][0]) / n;
                my += Math.log(y[i]) / n;
            }
            double sxy = 0;
            double sxx = 0;
            for (int i = 0; i < n; i++) {
                double dx = Math.log(x[i][0]) - mx;
                sxy += dx * (Math.log(y[i]) - my);
                sxx += dx * dx;
            }
            double alpha = Math.max(1e-3, -sxy / sxx);
            return List.of(new double[]{my + alpha * mx, Math.log(alpha)}, new double[]{my + 0.3 * mx, Math.log(0.3)});
        }

        @Override
        public int minimumDistinctPoints() {
            return 2;
        }
    };
}
