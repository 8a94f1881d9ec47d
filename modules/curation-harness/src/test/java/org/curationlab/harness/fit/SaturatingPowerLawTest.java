package org.curationlab.harness.fit;

import org.curationlab.testing.CurationAssertions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SaturatingPowerLawTest {

    static Stream<Arguments> laws() {
        // eInf, A, alpha, noise, rng seed, tolerances (relative) for eInf, A, alpha
        return Stream.of(
                Arguments.of(0.1, 5.0, 0.35, 0.03, 1L, 0.10, 0.25, 0.06),
                Arguments.of(0.1, 5.0, 0.35, 0.03, 2L, 0.10, 0.25, 0.06),
                Arguments.of(0.1, 5.0, 0.35, 0.03, 3L, 0.10, 0.25, 0.06),
                Arguments.of(0.2, 20.0, 0.5, 0.02, 4L, 0.05, 0.25, 0.05),
                Arguments.of(0.05, 2.0, 0.2, 0.01, 5L, 0.25, 0.15, 0.08));
    }

    @ParameterizedTest
    @MethodSource("laws")
    void recoversKnownParametersFromNoisyData(double eInf, double a, double alpha, double noise, long rng,
                                              double tolE, double tolA, double tolAlpha) {
        List<Observation> data = Synthetic.oneAxis(Synthetic.saturating(eInf, a, alpha), 1e3, 1e7, 13, 3, noise, "g", rng);
        SaturatingPowerLaw fit = SaturatingPowerLaw.fit(data);
        System.out.printf("saturating recovery: truth (%.3g, %.3g, %.3g) fit (%.4g, %.4g, %.4g) rmse_log %.4f%n",
                eInf, a, alpha, fit.eInf(), fit.a(), fit.alpha(), fit.rmseLog());
        CurationAssertions.assertRelative(eInf, fit.eInf(), tolE, "e_inf");
        CurationAssertions.assertRelative(a, fit.a(), tolA, "a");
        CurationAssertions.assertRelative(alpha, fit.alpha(), tolAlpha, "alpha");
        assertEquals(39, fit.n());
        // rmse in log space estimates the multiplicative noise level
        assertEquals(noise, fit.rmseLog(), 0.5 * noise);
    }

    @Test
    void exactDataIsFittedExactly() {
        List<Observation> data = Synthetic.oneAxis(Synthetic.saturating(0.1, 5, 0.35), 1e3, 1e7, 9, 1, 0.0, "g", 0);
        SaturatingPowerLaw fit = SaturatingPowerLaw.fit(data);
        assertEquals(0.1, fit.eInf(), 1e-6);
        assertEquals(5.0, fit.a(), 1e-4);
        assertEquals(0.35, fit.alpha(), 1e-6);
        assertEquals(0.0, fit.rmseLog(), 1e-8);
        assertEquals(1e5, fit.invert(fit.predict(1e5)), 1e-6 * 1e5);
    }

    @Test
    void oneGrossOutlierBarelyMovesTheHuberFit() {
        List<Observation> clean = Synthetic.oneAxis(Synthetic.saturating(0.1, 5, 0.35), 1e3, 1e7, 13, 3, 0.02, "g", 11);
        List<Observation> dirty = new ArrayList<>(clean);
        // A diverged run: error 3x too high at the largest compute, where it pulls E∞ the most.
        int last = 12;
        dirty.set(last, clean.get(last).withY(3 * clean.get(last).y()));

        SaturatingPowerLaw robustClean = SaturatingPowerLaw.fit(clean);
        SaturatingPowerLaw robustDirty = SaturatingPowerLaw.fit(dirty);
        // Least squares in log space = Huber with a δ far above every residual.
        FitOptions ls = FitOptions.defaults().withHuberDelta(1e6);
        SaturatingPowerLaw lsClean = SaturatingPowerLaw.fit(clean, ls, null);
        SaturatingPowerLaw lsDirty = SaturatingPowerLaw.fit(dirty, ls, null);

        double robustShift = Math.abs(robustDirty.eInf() - robustClean.eInf()) / robustClean.eInf();
        double lsShift = Math.abs(lsDirty.eInf() - lsClean.eInf()) / lsClean.eInf();
        System.out.printf("outlier: e_inf shift huber %.2f%% vs least squares %.2f%%; alpha shift huber %.2f%% vs ls %.2f%%%n",
                100 * robustShift, 100 * lsShift,
                100 * Math.abs(robustDirty.alpha() / robustClean.alpha() - 1), 100 * Math.abs(lsDirty.alpha() / lsClean.alpha() - 1));
        assertTrue(robustShift < 0.05, "Huber E∞ moved by " + robustShift);
        assertTrue(lsShift > 3 * robustShift, "least squares moved " + lsShift + ", Huber " + robustShift);
    }

    @Test
    void powerLawRecoversExponent() {
        List<Observation> data = Synthetic.oneAxis(c -> 3.0 * Math.pow(c, -0.25), 1e2, 1e8, 15, 3, 0.03, "g", 7);
        PowerLaw fit = PowerLaw.fit(data);
        CurationAssertions.assertRelative(0.25, fit.alpha(), 0.03, "alpha");
        CurationAssertions.assertRelative(3.0, fit.a(), 0.15, "a");
        assertEquals(0.0, fit.eInf());
        assertTrue(Double.isNaN(fit.invert(0.0)));
    }
}
