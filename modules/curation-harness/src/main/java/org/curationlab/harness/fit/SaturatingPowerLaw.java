package org.curationlab.harness.fit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code E(C) = E∞ + A·C^(−α)}, E∞ ≥ 0, A > 0, α > 0: error falls as a power of scale C and
 * saturates at an irreducible E∞ (Cherti et al. 2023; Hestness et al. 2017). Fitted by
 * {@link RobustLogFitter} on θ = (log E∞, log A, log α).
 */
public record SaturatingPowerLaw(double eInf, double a, double alpha, double rmseLog, int n) implements OneAxisCurve {

    public static SaturatingPowerLaw fit(List<Observation> points) {
        return fit(points, FitOptions.defaults(), null);
    }

    /** @param warmStart an earlier fit to add as first start (the bootstrap passes the point estimate); may be null */
    public static SaturatingPowerLaw fit(List<Observation> points, FitOptions options, SaturatingPowerLaw warmStart) {
        double[][] x = xs(points);
        double[] y = ys(points);
        double[] extra = warmStart == null ? null
                : new double[]{Math.log(Math.max(warmStart.eInf, 1e-300)), Math.log(warmStart.a), Math.log(warmStart.alpha)};
        RobustLogFitter.Solution s = RobustLogFitter.fit(MODEL, x, y, options, extra);
        double[] t = s.theta();
        return new SaturatingPowerLaw(Math.exp(t[0]), Math.exp(t[1]), Math.exp(t[2]), s.rmseLog(), s.n());
    }

    @Override
    public double predict(double c) {
        return eInf + a * Math.pow(c, -alpha);
    }

    @Override
    public double invert(double y) {
        return y > eInf ? Math.pow((y - eInf) / a, -1.0 / alpha) : Double.NaN;
    }

    @Override
    public Form form() {
        return Form.SATURATING;
    }

    @Override
    public Map<String, Double> parameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("e_inf", eInf);
        m.put("a", a);
        m.put("alpha", alpha);
        return m;
    }

    static double[][] xs(List<Observation> points) {
        double[][] x = new double[points.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[]{points.get(i).x()};
        }
        return x;
    }

    static double[] ys(List<Observation> points) {
        return points.stream().mapToDouble(Observation::y).toArray();
    }

    // α over the range seen in scaling-law papers (0.05–1); E∞ as a fraction of the best error, since
    // E∞ must sit below every observation and its fraction is what is least identified.
    private static final double[] ALPHA_GRID = {0.1, 0.3, 0.6, 1.0};
    private static final double[] E_INF_FRACTIONS = {0.0, 0.3, 0.6, 0.9};
    private static final double[] ALPHA_GRID_REDUCED = {0.3};
    private static final double[] E_INF_FRACTIONS_REDUCED = {0.6};

    static final LogSpaceModel MODEL = new LogSpaceModel() {
        @Override
        public int parameterCount() {
            return 3;
        }

        @Override
        public double logPredict(double[] theta, double[] x, double[] gradient) {
            double alpha = Math.exp(theta[2]);
            double logC = Math.log(x[0]);
            double[] terms = {theta[0], theta[1] - alpha * logC};
            double[] p = new double[2];
            double v = LogSpaceModel.logSumExp(terms, p);
            gradient[0] = p[0];
            gradient[1] = p[1];
            gradient[2] = -p[1] * alpha * logC;
            return v;
        }

        @Override
        public double[] clamp(double[] t) {
            return new double[]{LogSpaceModel.clamp(t[0], -60, 60), LogSpaceModel.clamp(t[1], -300, 300),
                    LogSpaceModel.clamp(t[2], Math.log(1e-4), Math.log(10))};
        }

        @Override
        public List<double[]> starts(double[][] x, double[] y, boolean fullGrid) {
            double minY = Double.POSITIVE_INFINITY;
            for (double v : y) {
                minY = Math.min(minY, v);
            }
            List<double[]> starts = new ArrayList<>();
            for (double alpha : fullGrid ? ALPHA_GRID : ALPHA_GRID_REDUCED) {
                for (double frac : fullGrid ? E_INF_FRACTIONS : E_INF_FRACTIONS_REDUCED) {
                    double eInf = frac * minY;
                    // With E∞ and α fixed, log A is the mean of log(y − E∞) + α log C: a closed form.
                    double sum = 0;
                    for (int i = 0; i < y.length; i++) {
                        sum += Math.log(y[i] - eInf) + alpha * Math.log(x[i][0]);
                    }
                    double logEInf = frac == 0 ? Math.log(minY) - 20 : Math.log(eInf);
                    starts.add(new double[]{logEInf, sum / y.length, Math.log(alpha)});
                }
            }
            return starts;
        }

        @Override
        public int minimumDistinctPoints() {
            return 3;
        }
    };
}
