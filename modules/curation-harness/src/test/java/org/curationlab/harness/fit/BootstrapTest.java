package org.curationlab.harness.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BootstrapTest {

    private static final double E_INF = 0.1;
    private static final double ALPHA = 0.35;

    private static Function<List<Observation>, Map<String, Double>> saturatingEstimator(SaturatingPowerLaw warm) {
        FitOptions quick = FitOptions.defaults().withFullGrid(false);
        return sample -> SaturatingPowerLaw.fit(sample, quick, warm).parameters();
    }

    /** 20 synthetic draws in two blocks of 10 (keeps each test short); each block must cover 8 of 10. */
    @ParameterizedTest(name = "draws {0}..{0}+9")
    @ValueSource(ints = {0, 10})
    void intervalsContainTheTruthOnMostSyntheticDraws(int firstDraw) {
        int draws = 10;
        int coveredE = 0;
        int coveredAlpha = 0;
        for (int d = firstDraw; d < firstDraw + draws; d++) {
            List<Observation> data = Synthetic.oneAxis(Synthetic.saturating(E_INF, 5, ALPHA), 1e3, 1e7, 5, 8, 0.03, "g", 100 + d);
            SaturatingPowerLaw point = SaturatingPowerLaw.fit(data);
            Bootstrap.Result r = Bootstrap.overSeeds(data, saturatingEstimator(point), 40, 0.95, d);
            coveredE += r.intervals().get("e_inf").contains(E_INF) ? 1 : 0;
            coveredAlpha += r.intervals().get("alpha").contains(ALPHA) ? 1 : 0;
        }
        System.out.printf("bootstrap coverage over draws %d..%d: e_inf %d/10, alpha %d/10%n", firstDraw, firstDraw + 9, coveredE, coveredAlpha);
        // nominal 95 %; with 8 seeds and 40 resamples the percentile bootstrap under-covers a little
        assertTrue(coveredE >= 8, "e_inf covered " + coveredE + "/" + draws);
        assertTrue(coveredAlpha >= 8, "alpha covered " + coveredAlpha + "/" + draws);
    }

    @Test
    void deterministicGivenTheSeed() {
        List<Observation> data = Synthetic.oneAxis(Synthetic.saturating(E_INF, 5, ALPHA), 1e3, 1e7, 7, 4, 0.03, "g", 5);
        SaturatingPowerLaw point = SaturatingPowerLaw.fit(data);
        Bootstrap.Result a = Bootstrap.overSeeds(data, saturatingEstimator(point), 40, 0.95, 42);
        Bootstrap.Result b = Bootstrap.overSeeds(data, saturatingEstimator(point), 40, 0.95, 42);
        Bootstrap.Result c = Bootstrap.overSeeds(data, saturatingEstimator(point), 40, 0.95, 43);
        assertEquals(a, b);
        assertNotEquals(a.intervals(), c.intervals());
        // input order does not matter: replicates are visited in sorted order
        List<Observation> reversed = new ArrayList<>(data);
        java.util.Collections.reverse(reversed);
        Bootstrap.Result d = Bootstrap.overSeeds(reversed, s -> Map.of("mean", s.stream().mapToDouble(Observation::y).average().orElseThrow()), 40, 0.95, 42);
        Bootstrap.Result e = Bootstrap.overSeeds(data, s -> Map.of("mean", s.stream().mapToDouble(Observation::y).average().orElseThrow()), 40, 0.95, 42);
        assertEquals(e.intervals().get("mean").lo(), d.intervals().get("mean").lo(), 1e-12);
    }

    @Test
    void resamplesWholeSeedsWithinEachGroup() {
        List<Observation> data = new ArrayList<>();
        for (String g : List.of("a", "b")) {
            for (int s = 0; s < 3; s++) {
                for (int i = 0; i < 4; i++) {
                    data.add(Observation.of(10 + i, 1 + s, g, "s" + s));
                }
            }
        }
        Set<Integer> sizes = new HashSet<>();
        Bootstrap.overSeeds(data, sample -> {
            sizes.add(sample.size());
            for (String g : List.of("a", "b")) {
                long n = sample.stream().filter(o -> o.group().equals(g)).count();
                assertEquals(12, n, "each group keeps its number of seeds");
                // a seed is drawn whole: the count of each y value is a multiple of 4 points
                for (int s = 0; s < 3; s++) {
                    final double y = 1 + s;
                    assertEquals(0, sample.stream().filter(o -> o.group().equals(g) && o.y() == y).count() % 4);
                }
            }
            return Map.of();
        }, 30, 0.95, 1);
        assertEquals(Set.of(24), sizes);
    }

    @Test
    void percentileUsesLinearInterpolation() {
        double[] sorted = {1, 2, 3, 4, 5};
        assertEquals(1.1, Bootstrap.quantile(sorted, 0.025), 1e-12);
        assertEquals(4.9, Bootstrap.quantile(sorted, 0.975), 1e-12);
        assertEquals(3.0, Bootstrap.quantile(sorted, 0.5), 1e-12);
    }

    @Test
    void failingResamplesAreCountedNotFatal() {
        List<Observation> data = Synthetic.oneAxis(c -> 1 / c, 1, 100, 3, 3, 0.0, "g", 0);
        Bootstrap.Result r = Bootstrap.overSeeds(data, s -> {
            throw new IllegalArgumentException("too few points");
        }, 10, 0.9, 0);
        assertEquals(10, r.failed());
        assertTrue(r.intervals().isEmpty());
    }
}
