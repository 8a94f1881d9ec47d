package org.curationlab.harness.fit;

import org.curationlab.testing.CurationAssertions;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChinchillaFitTest {

    static Stream<Arguments> laws() {
        return Stream.of(
                // Hoffmann et al. 2022 estimates, 1 % noise
                Arguments.of(1.69, 406.4, 0.34, 410.7, 0.28, 0.01, 1L),
                Arguments.of(0.5, 50.0, 0.3, 2000.0, 0.4, 0.02, 2L));
    }

    @ParameterizedTest
    @MethodSource("laws")
    void recoversKnownParametersOnAGridOfNByD(double e, double a, double alpha, double b, double beta, double noise, long rng) {
        Random random = new Random(rng);
        List<Observation> data = new ArrayList<>();
        for (int seed = 0; seed < 2; seed++) {
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 6; j++) {
                    double n = 1e6 * Math.pow(1e3, i / 5.0);
                    double d = 1e8 * Math.pow(1e3, j / 5.0);
                    double y = (e + a * Math.pow(n, -alpha) + b * Math.pow(d, -beta)) * Math.exp(noise * random.nextGaussian());
                    data.add(Observation.of2(n, d, y, "g", "s" + seed));
                }
            }
        }
        ChinchillaFit fit = ChinchillaFit.fit(data);
        System.out.printf("chinchilla recovery: truth (%.3g, %.4g, %.3g, %.4g, %.3g) fit (%.4g, %.4g, %.4g, %.4g, %.4g) rmse_log %.4f%n",
                e, a, alpha, b, beta, fit.e(), fit.a(), fit.alpha(), fit.b(), fit.beta(), fit.rmseLog());
        CurationAssertions.assertRelative(e, fit.e(), 0.05, "E");
        CurationAssertions.assertRelative(alpha, fit.alpha(), 0.10, "alpha");
        CurationAssertions.assertRelative(beta, fit.beta(), 0.10, "beta");
        // A and B trade off with their exponents (log A ≈ α·log N over the range), so only a factor-2 band.
        CurationAssertions.assertRelative(a, fit.a(), 1.0, "A");
        CurationAssertions.assertRelative(b, fit.b(), 1.0, "B");
        assertTrue(fit.rmseLog() < 1.5 * noise, "rmse_log " + fit.rmseLog());
    }

    @Test
    void refusesPointsWithoutSecondAxis() {
        List<Observation> data = Synthetic.oneAxis(c -> 1 / c, 1, 100, 10, 1, 0, "g", 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChinchillaFit.fit(data));
        assertTrue(e.getMessage().contains("D"), e.getMessage());
    }
}
