package org.curationlab.harness.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class ParetoFrontierTest {

    private static Observation p(double x, double y) {
        return Observation.of(x, y, "g", null);
    }

    // Three model sizes traced over compute: small models win early, large ones late.
    private static final List<Observation> POINTS = List.of(
            p(10, 0.90), p(100, 0.70), p(1000, 0.65),    // small: saturates
            p(100, 0.80), p(1000, 0.50), p(10000, 0.45), // medium
            p(1000, 0.60), p(10000, 0.35), p(100000, 0.30), // large
            p(30, 0.95));                                 // dominated

    @Test
    void runningMinimumKeepsParetoOptimalPointsInIncreasingX() {
        List<Observation> frontier = ParetoFrontier.runningMinimum(POINTS);
        assertEquals(List.of(p(10, 0.90), p(100, 0.70), p(1000, 0.50), p(10000, 0.35), p(100000, 0.30)), frontier);
    }

    @Test
    void binnedMinimumKeepsLowestPerLogBin() {
        // one bin per decade: [10,100) [100,1000) [1000,1e4) [1e4,1e5) [1e5,1e6)
        List<Observation> binned = ParetoFrontier.binnedMinimum(POINTS, 1);
        assertEquals(List.of(p(10, 0.90), p(100, 0.70), p(1000, 0.50), p(10000, 0.35), p(100000, 0.30)), binned);
        // two bins per decade splits [10,100) into [10,31.6) and [31.6,100): 30 falls in the first one
        assertEquals(0.90, ParetoFrontier.binnedMinimum(POINTS, 2).get(0).y(), 0.0);
        assertEquals(5, ParetoFrontier.binnedMinimum(POINTS, 2).size());
    }

    @Test
    void binnedMinimumNeedNotBeMonotone() {
        List<Observation> binned = ParetoFrontier.binnedMinimum(List.of(p(10, 0.5), p(100, 0.6)), 1);
        assertEquals(2, binned.size());
        assertEquals(1, ParetoFrontier.runningMinimum(List.of(p(10, 0.5), p(100, 0.6))).size());
    }

    @Test
    void rejectsNonPositiveBinWidth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParetoFrontier.binnedMinimum(POINTS, 0));
        assertEquals(true, e.getMessage().contains("binsPerDecade"));
    }

    @Test
    void replicatesAreAveragedBeforeTheFrontier() {
        List<Observation> seeds = List.of(Observation.of(10, 0.4, "g", "a"), Observation.of(10, 0.6, "g", "b"),
                Observation.of(100, 0.3, "g", "a"), Observation.of(100, 0.5, "g", "b"));
        List<Observation> mean = Replicates.meanOverSeeds(seeds);
        assertEquals(2, mean.size());
        assertEquals(0.5, mean.get(0).y(), 1e-12);
        assertEquals(0.4, mean.get(1).y(), 1e-12);
        assertEquals(0.4, Replicates.bestMeanError(seeds), 1e-12);
    }
}
