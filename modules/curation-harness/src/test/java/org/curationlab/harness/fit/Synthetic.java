package org.curationlab.harness.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/** Synthetic sweeps with known laws and multiplicative log-normal noise, shared by the tests. */
final class Synthetic {

    private Synthetic() {
    }

    /** {@code points} log-spaced x in [lo, hi], {@code seeds} replicates each, y = f(x)·exp(noise·z). */
    static List<Observation> oneAxis(DoubleUnaryOperator f, double lo, double hi, int points, int seeds,
                                     double noise, String group, long rngSeed) {
        Random rng = new Random(rngSeed);
        List<Observation> out = new ArrayList<>();
        for (int s = 0; s < seeds; s++) {
            for (int i = 0; i < points; i++) {
                double x = lo * Math.pow(hi / lo, i / (double) (points - 1));
                out.add(Observation.of(x, f.applyAsDouble(x) * Math.exp(noise * rng.nextGaussian()), group, "s" + s));
            }
        }
        return out;
    }

    static DoubleUnaryOperator saturating(double eInf, double a, double alpha) {
        return c -> eInf + a * Math.pow(c, -alpha);
    }
}
