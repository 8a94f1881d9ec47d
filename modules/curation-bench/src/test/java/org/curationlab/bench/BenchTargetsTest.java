package org.curationlab.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The target rows judged from a finished run's rows: figures, targets and verdicts, without a time of their own. */
class BenchTargetsTest {
    /** A timed row of {@code ms} doing {@code gflop} GFLOP, at {@code ratio} of sgemm. */
    private static BenchResult row(String name, double ms, double gflop, double ratio) {
        return new BenchResult(name, new Timing(ms, ms, ms, 5), gflop * 1e9, ratio, "n");
    }

    @Test
    void eachTargetGetsItsRowWithFigureTargetAndVerdict() {
        List<BenchResult> rows = List.of(
                row("train-M", 30, 3, 0.3),
                row("train-vit-S", 10, 1, 0.2), row("train-vit-M", 20, 4, 0.45), row("train-vit-L", 50, 12, 0.35),
                row("train-vit-XL", 40, 30, 0.6),
                row("score-vit-p7-B1280", 25, 5, 0.3), row("score-vit-p14-B1280", 12, 1.6, 0.2),
                row("select-joint-B1280", 1.5, Double.NaN, Double.NaN),
                row("decode-cached-N300", 30, Double.NaN, Double.NaN), row("train-M-rgb32", 64, 4, 0.3),
                row("loop-vit-M", 26, 4, 0.4), row("loop-M-rgb32", 67.2, 4, 0.3),
                row("loop-vit-M-learnability", 65, 11.44, 0.4));
        Map<String, BenchResult> t = BenchTargets.of(rows).stream()
                .collect(Collectors.toMap(BenchResult::name, Function.identity()));
        assertEquals(List.of("target-loop-vit-M", "target-loop-jest", "target-score-vit", "target-select-joint", "target-decode-cached",
                "target-train-vit-L", "target-train-vit-M", "target-vit-ladder").stream().sorted().toList(),
                t.keySet().stream().sorted().toList());
        for (BenchResult r : t.values()) {
            assertTrue(Double.isNaN(r.ms()) && r.timing().repeats() == 0, r.name() + " has no time of its own");
            assertNull(r.asMap().get("ms"));
            assertTrue(r.note().contains(": met") || r.note().contains(": missed"), r.note());
        }
        assertEquals("train-vit-M reaches 0.450 of the run's sgemm; target >= 0.40: met", t.get("target-train-vit-M").note());
        assertEquals("train-vit-L reaches 0.350 of the run's sgemm; target >= 0.50: missed; "
                + "curate bench --profile L --tower vit splits the step by op", t.get("target-train-vit-L").note());
        assertEquals("train-vit S 10.0 ms, M 20.0 ms, L 50.0 ms, XL 40.0 ms; target: monotone up the ladder: missed",
                t.get("target-vit-ladder").note());
        assertEquals("loop-vit-M is 1.30x the train-vit-M step; target <= 1.25x: missed", t.get("target-loop-vit-M").note());
        // 2.50x the time at 2.86x the FLOPs: selection costs nothing beyond its FLOPs here.
        assertEquals("loop-vit-M-learnability takes 2.50x the time of a loop-vit-M step at 2.86x its FLOPs: time over FLOPs 0.87x; "
                + "target <= 1.25x: met", t.get("target-loop-jest").note());
        assertEquals("score-vit-p14-B1280: 0.40x the FLOPs (target <= 0.45x: met) and 0.60x the time (target <= 0.50x: missed) "
                + "of a train-vit-M step; curate bench --profile M --tower vit splits the step by op", t.get("target-score-vit").note());
        assertEquals("select-joint-B1280 is 7.5% of a train-vit-M step and 5.0% of a train-M step; target <= 5%: missed",
                t.get("target-select-joint").note());
        // The loop on the cached pairs at 67.2 ms against the bare 64 ms step adds 5%; the 30 ms cache load is once per run.
        assertEquals("loop-M-rgb32 is 1.05x the train-M-rgb32 step: training on your cached pairs adds 5.0% to a step; "
                + "target <= 10%: met; once per run, not per step: the cache load of its 300 images, 30.0 ms "
                + "(decode-cached-N300 at 0.100 ms per image)", t.get("target-decode-cached").note());
    }

    @Test
    void aQuickRunWithoutSomeRowsGetsOnlyTheTargetsItCanJudge() {
        List<BenchResult> rows = List.of(row("train-M", 30, 3, Double.NaN), row("train-vit-S", 10, 1, 0.2),
                row("train-vit-M", 20, 4, 0.45), row("select-joint-B1280", 1.2, Double.NaN, Double.NaN),
                row("decode-cached-N300", 45, Double.NaN, Double.NaN), row("train-M-rgb32", 64, 4, 0.3));
        List<BenchResult> targets = BenchTargets.of(rows);
        assertEquals(List.of("target-train-vit-M", "target-vit-ladder", "target-select-joint", "target-decode-cached"),
                targets.stream().map(BenchResult::name).toList());
        assertEquals("not judged in this run: loop-M-rgb32 is absent (--quick leaves the loop rows out); once per run, not per step: "
                + "the cache load of its 300 images, 45.0 ms (decode-cached-N300 at 0.150 ms per image)", targets.get(3).note());
        assertTrue(BenchTargets.of(List.of(row("train-M", 30, 3, 0.3))).isEmpty());
    }

    @Test
    void theCachedPairsTargetJudgesTheLoopWithoutTheDecodeRows() {
        List<BenchResult> t = BenchTargets.of(List.of(row("train-M-rgb32", 64, 4, 0.3), row("loop-M-rgb32", 80, 4, 0.3)));
        assertEquals(1, t.size());
        assertEquals("loop-M-rgb32 is 1.25x the train-M-rgb32 step: training on your cached pairs adds 25.0% to a step; "
                + "target <= 10%: missed", t.get(0).note());
    }

    @Test
    void theCachedPairsTargetPrefersTheSameModelsStepTimedBetweenTheLoopsRuns() {
        List<BenchResult> t = BenchTargets.of(List.of(row("train-M-rgb32", 40, 4, 0.3), row("loop-M-rgb32", 66, 4, 0.3),
                row("step-M-rgb32", 62, 4, 0.3)));
        assertEquals("loop-M-rgb32 is 1.06x the step-M-rgb32 step: training on your cached pairs adds 6.5% to a step; "
                + "target <= 10%: met", t.get(0).note());
    }

    @Test
    void finishAppendsTheTargetsAfterTheClosingSgemm() {
        Bench bench = new Bench(true, r -> { });
        List<BenchResult> rows = List.of(bench.sgemm(64), row("train-vit-S", 10, 1, Double.NaN), row("train-vit-M", 20, 4, Double.NaN));
        List<BenchResult> done = bench.finish(rows);
        List<String> names = done.stream().map(BenchResult::name).toList();
        assertEquals(List.of("sgemm-64", "train-vit-S", "train-vit-M", "sgemm-512-end", "target-train-vit-M", "target-vit-ladder"),
                names);
        assertTrue(done.get(4).note().startsWith("train-vit-M reaches "), done.get(4).note());
    }
}
