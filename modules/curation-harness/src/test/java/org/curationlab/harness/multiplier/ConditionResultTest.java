package org.curationlab.harness.multiplier;

import org.curationlab.data.CurationException;
import org.curationlab.harness.fit.ComputeMultiplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConditionResultTest {
    @TempDir
    Path dir;

    private Condition condition(double speed, double costPerStep) throws Exception {
        for (int s = 0; s < 3; s++) {
            // seeds differ by a small offset, so the bootstrap has something to resample
            Records.run(dir, "uniform-s" + s, Records.curve(1, 0.002 * (s - 1)), 800, 1e9);
            Records.run(dir, "method-s" + s, Records.curve(speed, 0.002 * (s - 1)), 800, costPerStep * 1e9);
        }
        return new Condition("test", "method", new RunSource("baseline", null, List.of(dir + "/uniform-s*"), Map.of(), null),
                new RunSource("other", null, List.of(dir + "/method-s*"), Map.of(), null));
    }

    @Test
    void aMethodTwiceAsFastAtTriplePriceIsTwoTimesInIterationsAndTwoThirdsInFlops() throws Exception {
        ConditionResult r = ConditionResult.measure(condition(2, 3), 200, 0);
        assertEquals(3, r.baselineSeeds());
        // The bar is uniform's 800-step accuracy; the method reaches it at 400 steps (interpolated in log x
        // between evaluations, so within a few percent).
        assertEquals(2.0, r.iterations().value(), 0.05);
        assertEquals(2.0 / 3, r.flops().value(), 0.02);
        assertEquals(3.0, r.stepCost(), 1e-9);
        assertEquals(ComputeMultiplier.Status.OK, r.iterations().status());
        assertTrue(r.iterations().lo() <= r.iterations().value() && r.iterations().value() <= r.iterations().hi());
        assertEquals(200, r.iterations().reached());
        // uniform is still rising: top-1 at 800 minus at 400
        assertEquals(Records.curve(1, 0).applyAsDouble(800) - Records.curve(1, 0).applyAsDouble(400), r.baselineLateGain(), 1e-6);
        // uniform's best is its final point here, so both targets agree
        assertEquals(r.iterations().value(), r.iterationsAtBest().value(), 1e-12);
    }

    @Test
    void theSameBootstrapSeedGivesTheSameIntervals() throws Exception {
        Condition c = condition(2, 3);
        assertEquals(ConditionResult.measure(c, 100, 5).iterations(), ConditionResult.measure(c, 100, 5).iterations());
    }

    @Test
    void anAccuracyOfOneIsAnErrorNamingTheRow() throws Exception {
        Records.run(dir, "u-s0", Records.curve(1, 0), 200, 1e9);
        Records.run(dir, "m-s0", t -> 1.0, 200, 1e9);
        Condition c = new Condition("test", "perfect", new RunSource("baseline", null, List.of(dir + "/u-s0"), Map.of(), null),
                new RunSource("other", null, List.of(dir + "/m-s0"), Map.of(), null));
        String m = assertThrows(CurationException.class, () -> ConditionResult.measure(c, 10, 0)).getMessage();
        assertTrue(m.contains("m-s0/eval.csv") && m.contains("'zeroshot_top1' holds 1.0"), m);
    }

    @Test
    void withoutAnEvaluationNearHalfTheBudgetTheLateGainIsUnknown() throws Exception {
        // evaluations at 0, 100 and 800 only: nothing between 200 and 600 to compare the end with
        for (String side : List.of("u", "m")) {
            Path d = java.nio.file.Files.createDirectories(dir.resolve(side + "-sparse"));
            java.nio.file.Files.writeString(d.resolve("eval.csv"), Records.HEADER + "\n0,0,0,0.1,0\n100,1e11,1e11,0.4,10\n800,8e11,8e11,"
                    + (side.equals("u") ? "0.6" : "0.7") + ",80\n");
        }
        Condition c = new Condition("test", "sparse", new RunSource("baseline", null, List.of(dir + "/u-sparse"), Map.of(), null),
                new RunSource("other", null, List.of(dir + "/m-sparse"), Map.of(), null));
        ConditionResult r = ConditionResult.measure(c, 10, 0);
        assertTrue(Double.isNaN(r.baselineLateGain()));
        assertTrue(MultiplierTableTest.markdownOf(r).contains("| – |"), MultiplierTableTest.markdownOf(r));
    }

    @Test
    void aMethodThatNeverGetsThereIsNotReachedNotZeroOrInfinite() throws Exception {
        ConditionResult r = ConditionResult.measure(condition(0.5, 1), 50, 0);
        assertEquals(ComputeMultiplier.Status.NOT_REACHED, r.iterations().status());
        assertTrue(Double.isNaN(r.iterations().value()));
        assertEquals(0, r.iterations().reached());
        assertTrue(MultiplierTableTest.markdownOf(r).contains("not reached"));
    }

    @Test
    void aBaselineThatFallsBackFromItsPeakGivesALargerMultiplierAtItsFinalThanAtItsBest() throws Exception {
        for (int s = 0; s < 2; s++) {
            // uniform peaks at step 400 and then loses 0.05 (memorising noise); the method keeps rising
            Records.run(dir, "u-s" + s, t -> Records.curve(1, 0).applyAsDouble(Math.min(t, 400)) - (t > 400 ? 0.05 * (t - 400) / 400 : 0),
                    800, 1e9);
            Records.run(dir, "m-s" + s, Records.curve(1.5, 0), 800, 1e9);
        }
        Condition c = new Condition("test", "peak", new RunSource("baseline", null, List.of(dir + "/u-s*"), Map.of(), null),
                new RunSource("other", null, List.of(dir + "/m-s*"), Map.of(), null));
        ConditionResult r = ConditionResult.measure(c, 20, 0);
        assertTrue(r.iterations().value() > r.iterationsAtBest().value(), r.toString());
        assertEquals(Records.curve(1, 0).applyAsDouble(400), r.baselineBestTop1(), 1e-6);
        assertTrue(r.baselineLateGain() < 0);
    }
}
