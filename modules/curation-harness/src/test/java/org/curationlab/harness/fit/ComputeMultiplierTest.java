package org.curationlab.harness.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ComputeMultiplierTest {

    /** The baseline with its x axis scaled: other(C) = baseline(k·C), so other needs k times less C. */
    private static OneAxisCurve shifted(OneAxisCurve base, double k) {
        if (base instanceof SaturatingPowerLaw s) {
            return new SaturatingPowerLaw(s.eInf(), s.a() * Math.pow(k, -s.alpha()), s.alpha(), 0, 0);
        }
        PowerLaw p = (PowerLaw) base;
        return new PowerLaw(p.a() * Math.pow(k, -p.alpha()), p.alpha(), 0, 0);
    }

    static Stream<Arguments> analytic() {
        return Stream.of(
                Arguments.of(new SaturatingPowerLaw(0.1, 5, 0.35, 0, 0), 4.0, 0.2),
                Arguments.of(new SaturatingPowerLaw(0.1, 5, 0.35, 0, 0), 13.0, 0.11),
                Arguments.of(new SaturatingPowerLaw(0.3, 50, 0.8, 0, 0), 0.5, 0.31),
                Arguments.of(new PowerLaw(3, 0.25, 0, 0), 10.0, 0.05));
    }

    @ParameterizedTest
    @MethodSource("analytic")
    void exactOnAnalyticCurves(OneAxisCurve base, double k, double yStar) {
        ComputeMultiplier.Result r = ComputeMultiplier.fitted(base, yStar, shifted(base, k), null);
        assertEquals(k, r.multiplier(), 1e-9 * k);
        assertEquals(ComputeMultiplier.Status.OK, r.status());
    }

    static Stream<Arguments> scaleFactors() {
        return Stream.of(Arguments.of(4.0), Arguments.of(10.0));
    }

    @ParameterizedTest
    @MethodSource("scaleFactors")
    void fittedFromNoiseFreePointsWithinOnePercent(double k) {
        var f = Synthetic.saturating(0.1, 5, 0.35);
        List<Observation> base = Synthetic.oneAxis(f, 1e3, 1e7, 13, 1, 0.0, "base", 0);
        List<Observation> other = Synthetic.oneAxis(c -> f.applyAsDouble(k * c), 1e3, 1e7, 13, 1, 0.0, "other", 0);
        ComputeMultiplier.Result r = ComputeMultiplier.fitted(SaturatingPowerLaw.fit(base), base, SaturatingPowerLaw.fit(other));
        assertEquals(k, r.multiplier(), 0.01 * k);
        assertEquals(f.applyAsDouble(1e7), r.yStar(), 1e-12);
        assertEquals(1e7, r.xBaseline(), 1e-3 * 1e7);
    }

    @Test
    void neverReachedWhenOtherFloorIsAboveTheBaselineBest() {
        OneAxisCurve base = new SaturatingPowerLaw(0.1, 5, 0.35, 0, 0);
        OneAxisCurve other = new SaturatingPowerLaw(0.2, 1, 0.5, 0, 0);
        ComputeMultiplier.Result r = ComputeMultiplier.fitted(base, 0.15, other, null);
        assertTrue(Double.isNaN(r.multiplier()));
        assertEquals(ComputeMultiplier.Status.NOT_REACHED, r.status());
        assertTrue(r.reason().contains("never reaches"), r.reason());
    }

    @Test
    void flagsExtrapolationBeyondTheOtherGroupsRange() {
        OneAxisCurve base = new SaturatingPowerLaw(0.1, 5, 0.35, 0, 0);
        double yStar = base.predict(1e7);
        // other reaches y* at 1e7 / 0.25 = 4e7, beyond its last observed x of 1e7
        List<Observation> otherPoints = List.of(Observation.of(1e3, 1, "o", null), Observation.of(1e7, 0.5, "o", null));
        ComputeMultiplier.Result r = ComputeMultiplier.fitted(base, yStar, shifted(base, 0.25), otherPoints);
        assertEquals(0.25, r.multiplier(), 1e-9);
        assertEquals(ComputeMultiplier.Status.EXTRAPOLATED, r.status());
    }

    @Test
    void empiricalIsExactWhenTheCrossingIsObserved() {
        var f = Synthetic.saturating(0.1, 5, 0.35);
        List<Observation> base = new ArrayList<>();
        List<Observation> other = new ArrayList<>();
        for (int i = 0; i <= 6; i++) {
            double x = 1e3 * Math.pow(4, i);
            base.add(Observation.of(x, f.applyAsDouble(x), "base", null));
            other.add(Observation.of(x, f.applyAsDouble(4 * x), "other", null));
        }
        ComputeMultiplier.Result r = ComputeMultiplier.empirical(base, other);
        assertEquals(4.0, r.multiplier(), 1e-9);
        assertEquals(ComputeMultiplier.Status.OK, r.status());
    }

    @Test
    void empiricalInterpolatesLinearlyInLogX() {
        List<Observation> base = List.of(Observation.of(100, 0.9, "b", null), Observation.of(1000, 0.75, "b", null));
        List<Observation> other = List.of(Observation.of(10, 1.0, "o", null), Observation.of(100, 0.5, "o", null));
        ComputeMultiplier.Result r = ComputeMultiplier.empirical(base, other);
        // y* = 0.75 is half way from 1.0 to 0.5, so x_other = 10^1.5
        assertEquals(Math.pow(10, 1.5), r.xOther(), 1e-9);
        assertEquals(1000 / Math.pow(10, 1.5), r.multiplier(), 1e-9);
    }

    @Test
    void empiricalEdgeCases() {
        List<Observation> base = List.of(Observation.of(100, 0.9, "b", null), Observation.of(1000, 0.75, "b", null));
        ComputeMultiplier.Result never = ComputeMultiplier.empirical(base, List.of(Observation.of(10, 1.0, "o", null), Observation.of(1e4, 0.8, "o", null)));
        assertTrue(Double.isNaN(never.multiplier()));
        assertEquals(ComputeMultiplier.Status.NOT_REACHED, never.status());
        ComputeMultiplier.Result bound = ComputeMultiplier.empirical(base, List.of(Observation.of(10, 0.7, "o", null), Observation.of(100, 0.6, "o", null)));
        assertEquals(100.0, bound.multiplier(), 1e-12);
        assertEquals(ComputeMultiplier.Status.LOWER_BOUND, bound.status());
    }

    @Test
    void finalTargetUsesTheBaselinesBudgetNotANoisyEarlierBest() {
        // The baseline peaks at x = 400 (error 0.20, a noisy best) and ends at 0.22 after 1 000 steps.
        List<Observation> base = List.of(Observation.of(200, 0.30, "b", null), Observation.of(400, 0.20, "b", null),
                Observation.of(1000, 0.22, "b", null));
        List<Observation> other = List.of(Observation.of(100, 0.30, "o", null), Observation.of(200, 0.24, "o", null),
                Observation.of(400, 0.21, "o", null));
        ComputeMultiplier.Result best = ComputeMultiplier.empirical(base, other, ComputeMultiplier.Target.BEST);
        assertEquals(ComputeMultiplier.Status.NOT_REACHED, best.status());
        ComputeMultiplier.Result fin = ComputeMultiplier.empirical(base, other, ComputeMultiplier.Target.FINAL);
        assertEquals(0.22, fin.yStar(), 1e-12);
        assertEquals(1000, fin.xBaseline(), 1e-12);
        // 0.22 lies a third of the way from 0.24 to 0.21, in log x between 200 and 400
        double xOther = Math.exp(Math.log(200) + (2.0 / 3) * Math.log(2));
        assertEquals(xOther, fin.xOther(), 1e-9);
        assertEquals(1000 / xOther, fin.multiplier(), 1e-9);
        assertEquals(0.22, ComputeMultiplier.Target.FINAL.yStar(base), 1e-12);
        assertEquals(0.20, ComputeMultiplier.Target.BEST.yStar(base), 1e-12);
    }

    @Test
    void curveFollowsTheBaselinesFrontierAndSeesAGainThatGrowsWithCompute() {
        // The other method needs k(x) = x / 1e3 times less compute at each baseline point: a gain that grows.
        var f = Synthetic.saturating(0.1, 5, 0.35);
        List<Observation> base = new ArrayList<>();
        List<Observation> other = new ArrayList<>();
        for (int i = 0; i <= 40; i++) {
            double x = 1e3 * Math.pow(10, i / 10.0);
            base.add(Observation.of(x, f.applyAsDouble(x), "base", null));
            other.add(Observation.of(x, f.applyAsDouble(x * x / 1e3), "other", null));
        }
        List<ComputeMultiplier.Result> curve = ComputeMultiplier.curve(base, other);
        assertEquals(41, curve.size());
        assertEquals(ComputeMultiplier.Status.LOWER_BOUND, curve.get(0).status()); // both start at the same error
        for (ComputeMultiplier.Result r : curve.subList(1, curve.size())) {
            assertEquals(ComputeMultiplier.Status.OK, r.status());
            // x_other solves x_other^2 / 1e3 = x_b, so the multiplier is sqrt(x_b / 1e3); log-x interpolation is
            // exact here only at the sampled points, so allow the interpolation's error between them.
            assertEquals(Math.sqrt(r.xBaseline() / 1e3), r.multiplier(), 0.02 * r.multiplier());
        }
        assertTrue(curve.get(40).multiplier() > curve.get(20).multiplier());
    }
}
