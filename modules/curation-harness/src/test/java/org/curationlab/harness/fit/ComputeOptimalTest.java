package org.curationlab.harness.fit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ComputeOptimalTest {

    /** E = 0.1 + 10/N^0.5 + 100/D^0.5, with a hand-solvable ladder. */
    private static final ChinchillaFit LAW = new ChinchillaFit(0.1, 10, 0.5, 100, 0.5, 0, 0);

    @Test
    void smallModelsWinSmallBudgetsAndLargeModelsLargeOnes() {
        // Per-example cost grows with N: at C = 1e6 the small model sees 1e4 examples, the large one 1e2.
        List<ComputeOptimal.Rung> ladder = List.of(new ComputeOptimal.Rung("S", 100, 100), new ComputeOptimal.Rung("L", 10_000, 10_000));
        List<ComputeOptimal> best = ComputeOptimal.overLadder(LAW, ladder, new double[]{1e6, 1e12});
        // C = 1e6: S = 0.1 + 1 + 1 = 2.1, L = 0.1 + 0.1 + 10 = 10.2.
        assertEquals("S", best.get(0).bestSize());
        assertEquals(2.1, best.get(0).bestError(), 1e-12);
        assertEquals(10.2, best.get(0).errorBySize().get("L"), 1e-12);
        // C = 1e12: S = 0.1 + 1 + 0.001, L = 0.1 + 0.1 + 0.01.
        assertEquals("L", best.get(1).bestSize());
        assertEquals(0.21, best.get(1).bestError(), 1e-12);
        assertEquals(10_000, best.get(1).bestParameters());
    }

    @Test
    void halfDecadesSpanTheRange() {
        double[] cs = ComputeOptimal.halfDecades(2e11, 4e13);
        assertArrayEquals(new double[]{Math.sqrt(1e23), 1e12, Math.sqrt(1e25), 1e13, Math.sqrt(1e27)}, cs, 1e-3 * 1e12);
    }

    @Test
    void aLadderTakesEachSizesMedianCostPerExampleAndTheSpanOfCompute() {
        List<ComputeOptimal.Sample> rows = List.of(
                new ComputeOptimal.Sample("S", 100, 0, 0),          // the untrained model's row: left out
                new ComputeOptimal.Sample("S", 100, 2e3, 10),
                new ComputeOptimal.Sample("S", 100, 6e3, 20),        // 300 per example
                new ComputeOptimal.Sample("S", 100, 1e4, 40),
                new ComputeOptimal.Sample("L", 900, 5e4, 10));
        ComputeOptimal.Ladder ladder = ComputeOptimal.ladderOf(rows);
        assertEquals(List.of(new ComputeOptimal.Rung("S", 100, 250), new ComputeOptimal.Rung("L", 900, 5000)), ladder.rungs());
        assertEquals(2e3, ladder.lo());
        assertEquals(5e4, ladder.hi());
    }
}
