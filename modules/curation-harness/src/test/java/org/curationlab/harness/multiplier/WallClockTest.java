package org.curationlab.harness.multiplier;

import org.curationlab.data.CurationException;
import org.curationlab.harness.fit.ComputeMultiplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WallClockTest {
    @TempDir
    Path dir;

    /**
     * Uniform's steps take 0.1 s, the method's {@code timeCost} times that at the same FLOPs (its selection and scoring
     * time); the seeds' clocks differ by ±10% so the seed-averaged seconds are not any one seed's.
     */
    private Condition condition(double speed, double timeCost, Boolean alone) throws Exception {
        for (int s = 0; s < 3; s++) {
            double clock = 1 + 0.1 * (s - 1);
            Records.run(dir, "uniform-s" + s, Records.curve(1, 0.002 * (s - 1)), 800, 1e9, 0.1 * clock);
            Records.run(dir, "method-s" + s, Records.curve(speed, 0.002 * (s - 1)), 800, 1e9, 0.1 * timeCost * clock);
        }
        return new Condition("test", "method", new RunSource("baseline", null, List.of(dir + "/uniform-s*"), Map.of(), null, alone),
                new RunSource("other", null, List.of(dir + "/method-s*"), Map.of(), null, alone));
    }

    @Test
    void aMethodTwiceAsFastInStepsWhoseStepsTakeThreeTimesAsLongIsTwoThirdsInTime() throws Exception {
        ConditionResult r = ConditionResult.measure(condition(2, 3, true), 200, 0);
        WallClock w = r.wallClock();
        // the bar is uniform's 800-step accuracy, reached at its mean 800 × 0.1 s; the method gets there at ~400 steps of 0.3 s
        assertEquals(80.0, w.baseline().value(), 1e-9);
        assertEquals(120.0, w.other().value(), 120 * 0.03);
        assertEquals(2.0 / 3, w.multiplier().value(), 0.02);
        assertEquals(w.baseline().value() / w.other().value(), w.multiplier().value(), 1e-12);
        assertEquals(ComputeMultiplier.Status.OK, w.multiplier().status());
        assertTrue(w.multiplier().lo() <= w.multiplier().value() && w.multiplier().value() <= w.multiplier().hi(), w.toString());
        assertTrue(w.other().lo() <= w.other().value() && w.other().value() <= w.other().hi(), w.toString());
        assertEquals(200, w.multiplier().reached());
        // equal FLOPs per step: the FLOPs multiplier is the iterations one, and the time cost is what the FLOPs miss
        assertEquals(r.iterations().value(), r.flops().value(), 1e-9);
        assertEquals(r.iterations().value() / 3, w.multiplier().value(), 1e-6);
        assertEquals(Timing.Status.ALONE, w.timing().status());
        String md = MultiplierTableTest.markdownOf(r);
        assertTrue(md.contains("| 80 s / 120 s ["), md);
        assertTrue(md.contains(String.format(java.util.Locale.ROOT, "| %.2f× [", w.multiplier().value())) && md.contains("| yes |"), md);
        assertFalse(md.contains("† |"), md);
        // the method's steps take 3x uniform's seconds; its records predate select_s, so its share is "–"
        assertEquals(3.0, w.stepTime(), 1e-9);
        assertTrue(Double.isNaN(w.selectShare()), w.toString());
        assertTrue(md.contains("| yes | 3.00× | – |"), md);
    }

    /** Runs that record select_s: the method's share of time spent choosing batches is its mean over seeds at the final row. */
    @Test
    void theShareOfTimeChoosingBatchesIsReadFromSelectSeconds() throws Exception {
        for (int s = 0; s < 2; s++) {
            for (String side : List.of("uniform", "method")) {
                Path d = Files.createDirectories(dir.resolve(side + "-s" + s));
                double perStep = side.equals("uniform") ? 0.1 : 0.25;
                // the method spends 0.1 s (seed 0) or 0.15 s (seed 1) of each step choosing; uniform 1 ms
                double select = side.equals("uniform") ? 0.001 : 0.1 + 0.05 * s;
                StringBuilder csv = new StringBuilder(Records.HEADER + ",select_s\n");
                for (int it = 0; it <= 400; it += 100) {
                    csv.append(String.format(java.util.Locale.ROOT, "%d,%d,%d,%.4f,%.4f,%.4f%n", it, it * 1_000_000_000L, it * 1_000_000_000L,
                            it == 0 ? 0.1 : Records.curve(side.equals("uniform") ? 1 : 2, 0).applyAsDouble(it), perStep * it, select * it));
                }
                Files.writeString(d.resolve("eval.csv"), csv);
            }
        }
        Condition c = new Condition("test", "method", new RunSource("baseline", null, List.of(dir + "/uniform-s*"), Map.of(), null, true),
                new RunSource("other", null, List.of(dir + "/method-s*"), Map.of(), null, true));
        WallClock w = ConditionResult.measure(c, 50, 0).wallClock();
        assertEquals(2.5, w.stepTime(), 1e-9);
        assertEquals((0.1 / 0.25 + 0.15 / 0.25) / 2, w.selectShare(), 1e-9);
        assertTrue(MultiplierTableTest.markdownOf(ConditionResult.measure(c, 50, 0)).contains("| 2.50× | 50% |"));
    }

    @Test
    void aMethodThatNeverReachesTheBarHasNoTimeAndNoMultiplier() throws Exception {
        WallClock w = ConditionResult.measure(condition(0.5, 1, false), 50, 0).wallClock();
        assertEquals(ComputeMultiplier.Status.NOT_REACHED, w.multiplier().status());
        assertTrue(Double.isNaN(w.multiplier().value()) && Double.isNaN(w.other().value()), w.toString());
        assertEquals(0, w.multiplier().reached());
        assertTrue(Double.isNaN(w.multiplier().lo()));
        assertEquals(80.0, w.baseline().value(), 1e-9);
    }

    @Test
    void notReachedAndNotTimedAloneAreSaidInTheTable() throws Exception {
        String md = MultiplierTableTest.markdownOf(ConditionResult.measure(condition(0.5, 1, false), 50, 0));
        assertTrue(md.contains("| 80 s / not reached | not reached † | no |"), md);
    }

    @Test
    void aMethodPastTheBarAtItsFirstEvaluationIsALowerBoundWithAnUpperBoundOnItsTime() throws Exception {
        WallClock w = ConditionResult.measure(condition(20, 2, true), 50, 0).wallClock();
        assertEquals(ComputeMultiplier.Status.LOWER_BOUND, w.multiplier().status());
        // its first evaluation: 100 steps of 0.2 s
        assertEquals(20.0, w.other().value(), 1e-9);
        assertEquals(4.0, w.multiplier().value(), 1e-9);
        String md = MultiplierTableTest.markdownOf(ConditionResult.measure(condition(20, 2, true), 50, 0));
        assertTrue(md.contains("| 80 s / ≤ 20 s | ≥ 4.00× | yes |"), md);
    }

    @Test
    void theExistingColumnsDoNotDependOnWallClockTime() throws Exception {
        String fast = existingColumns(MultiplierTable.of(spec(condition(2, 1, null))).csv());
        String slow = existingColumns(MultiplierTable.of(spec(condition(2, 7, null))).csv());
        assertEquals(fast, slow);
        // and the columns the table had before wall-clock time came are still its first ones, in order
        assertEquals(List.of("section", "condition", "baseline_seeds", "other_seeds",
                "baseline_top1", "baseline_top1_sd", "baseline_best_top1", "other_top1", "other_top1_sd", "reference_top1",
                "iterations_multiplier", "iterations_lo", "iterations_hi", "iterations_status", "iterations_reached",
                "flops_multiplier", "flops_lo", "flops_hi", "flops_status", "flops_reached",
                "iterations_at_best", "iterations_at_best_lo", "iterations_at_best_hi", "iterations_at_best_status", "iterations_at_best_reached",
                "flops_at_best", "flops_at_best_lo", "flops_at_best_hi", "flops_at_best_status", "flops_at_best_reached",
                "step_cost", "baseline_late_gain"), MultiplierTable.COLUMNS.subList(0, EXISTING));
    }

    private static final int EXISTING = 32;

    private static MultiplierSpec spec(Condition c) {
        return new MultiplierSpec(Path.of("m.yaml"), 100, 1, List.of(c));
    }

    /** Each CSV line cut to the columns the table had before the wall-clock ones (no quoted commas in this fixture). */
    private static String existingColumns(String csv) {
        StringBuilder sb = new StringBuilder();
        csv.lines().forEach(l -> sb.append(String.join(",", List.of(l.split(",", -1)).subList(0, EXISTING))).append('\n'));
        return sb.toString();
    }

    @Test
    void aRunWithoutWallSecondsIsAnErrorNamingTheFileAndColumn() throws Exception {
        for (String side : List.of("u", "m")) {
            Path d = Files.createDirectories(dir.resolve(side + "-old"));
            Files.writeString(d.resolve("eval.csv"), "iteration,flops_total,zeroshot_top1\n0,0,0.1\n100,1e11,0.4\n200,2e11,0.5\n");
        }
        Condition c = new Condition("test", "old", new RunSource("baseline", null, List.of(dir + "/u-old"), Map.of(), null),
                new RunSource("other", null, List.of(dir + "/m-old"), Map.of(), null));
        String m = assertThrows(CurationException.class, () -> ConditionResult.measure(c, 10, 0)).getMessage();
        assertTrue(m.contains("u-old/eval.csv") && m.contains("'wall_s'"), m);
    }

    @ParameterizedTest
    @CsvSource({"2, , NOT_ALONE", "1, , UNKNOWN", "1, true, ALONE", "1, false, NOT_ALONE"})
    void aSweepRecordsHowManyCellsRanAtATime(int jobs, Boolean claim, Timing.Status expected) throws Exception {
        Path results = sweep(jobs);
        assertEquals(expected, new RunSource("side", results, List.of(), Map.of(), null, claim).timing().status());
    }

    @Test
    void aSpecThatSaysTimedAloneWhereTheSweepRanTwoCellsAtATimeIsAnError() throws Exception {
        Path results = sweep(2);
        String m = assertThrows(CurationException.class,
                () -> new RunSource("m.yaml: condition 'x': other", results, List.of(), Map.of(), null, true).timing()).getMessage();
        assertTrue(m.contains("condition 'x': other") && m.contains("timed-alone: true") && m.contains("jobs: 2"), m);
    }

    @Test
    void aConditionIsTimedAloneOnlyWhenBothSidesAre() {
        Timing alone = Timing.alone();
        Timing unknown = new Timing(Timing.Status.UNKNOWN, "not recorded");
        Timing not = new Timing(Timing.Status.NOT_ALONE, "spec: timed-alone: false");
        assertEquals(Timing.Status.ALONE, Timing.of(alone, alone).status());
        assertEquals(Timing.Status.UNKNOWN, Timing.of(alone, unknown).status());
        assertEquals(Timing.Status.NOT_ALONE, Timing.of(unknown, not).status());
        assertEquals("uniform: not recorded; method: spec: timed-alone: false", Timing.of(unknown, not).note());
    }

    @Test
    void sidesTrainedAtDifferentThreadCountsAreMarkedEvenWhenTimedAlone() throws Exception {
        Condition c = condition(2, 3, true);
        for (int s = 0; s < 3; s++) {
            Files.writeString(dir.resolve("uniform-s" + s).resolve("provenance.json"), "{\"settings\": {\"threads\": 2}}");
        }
        // the method's threads come from a sweep: one thread per cell
        Path results = sweep(1);
        assertEquals(java.util.Set.of(1), new RunSource("side", results, List.of(), Map.of(), null).threads());
        assertEquals(java.util.Set.of(2), c.baseline().threads());
        assertEquals(java.util.Set.of(), c.other().threads(), "no provenance.json: nothing recorded");
        Timing t = Timing.alone().withThreads(c.baseline().threads(), java.util.Set.of(1));
        assertTrue(t.threadsDiffer() && !t.trusted() && t.note().contains("threads differ (uniform [2], method [1])"), t.toString());
        assertTrue(Timing.alone().withThreads(java.util.Set.of(2), java.util.Set.of(2)).trusted());
        assertTrue(Timing.alone().withThreads(java.util.Set.of(2), java.util.Set.of()).trusted(), "unknown on one side is not a difference");
        // one side only records threads here: the condition stays trusted
        assertTrue(ConditionResult.measure(c, 20, 0).wallClock().timing().trusted());
        Files.writeString(dir.resolve("method-s0").resolve("provenance.json"), "{\"settings\": {\"threads\": 1}}");
        WallClock w = ConditionResult.measure(c, 20, 0).wallClock();
        assertFalse(w.timing().trusted(), w.toString());
        assertTrue(MultiplierTableTest.markdownOf(ConditionResult.measure(c, 20, 0)).contains("† | yes |"));
    }

    private Path sweep(int jobs) throws Exception {
        Path d = Files.createDirectories(dir.resolve("sweep-" + jobs));
        Files.writeString(d.resolve("sweep.json"), "{\"settings\": {\"command\": \"sweep\"}, \"jobs\": " + jobs + ", \"threads_per_cell\": 1}");
        Path results = d.resolve("results.csv");
        Files.writeString(results, "cell,seed," + Records.HEADER + "\n");
        return results;
    }
}
