package org.curationlab.harness.multiplier;

import org.curationlab.train.results.ResultsTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultiplierTableTest {
    @TempDir
    Path dir;

    static String markdownOf(ConditionResult r) {
        return new MultiplierTable(List.of(r), 1, 0).markdown();
    }

    @Test
    void aSpecOverASweepTableGivesOneRowPerCombinationWithEveryColumnReadable() throws Exception {
        // A sweep-like table: filter-ratio 0 (uniform's batches, scored: charged flops_train) and 0.5, two seeds.
        StringBuilder csv = new StringBuilder("cell,filter-ratio,seed," + Records.HEADER + "\n");
        for (int s = 0; s < 2; s++) {
            for (String f : List.of("0.0", "0.5")) {
                double speed = f.equals("0.0") ? 1 : 2;
                for (String line : Records.rows(Records.curve(speed, 0.001 * s), 600, 100, f.equals("0.0") ? 1.4e9 : 1.7e9, 1e9).split("\n")) {
                    csv.append("f").append(f).append("s").append(s).append(',').append(f).append(',').append(s).append(',').append(line).append('\n');
                }
            }
        }
        Path results = dir.resolve("results.csv");
        Files.writeString(results, csv);
        Path spec = dir.resolve("m.yaml");
        Files.writeString(spec, """
                bootstrap: {resamples: 50, seed: 3}
                conditions:
                  - section: noisy
                    name: f = {filter-ratio}
                    runs: %s
                    each: {filter-ratio: [0.5]}
                    baseline: {where: {filter-ratio: 0}, flops: flops_train}
                    other: {}
                """.formatted(results));
        MultiplierTable table = MultiplierTable.of(MultiplierSpec.load(spec));
        assertEquals(1, table.rows().size());
        ConditionResult r = table.rows().get(0);
        assertEquals("f = 0.5", r.condition().name());
        assertEquals(2.0, r.iterations().value(), 0.05);
        // the baseline is charged its training FLOPs only (1e9 a step), the method its total (1.7e9)
        assertEquals(1.7, r.stepCost(), 1e-9);
        assertEquals(2.0 / 1.7, r.flops().value(), 0.05);
        ResultsTable written = ResultsTable.parse("multipliers.csv", table.csv());
        assertEquals(MultiplierTable.COLUMNS, written.columns());
        assertEquals(2.0, written.rows().get(0).number("iterations_multiplier"), 0.05);
        assertTrue(table.markdown().contains("| noisy | f = 0.5 | 2 |"), table.markdown());
    }

    @Test
    void aLowerBoundIsPrintedWithoutAnIntervalAndAPartialOneWithItsCount() {
        Condition c = new Condition("s", "n", null, null);
        var bound = new ConditionResult.Multiplier(1.5, org.curationlab.harness.fit.ComputeMultiplier.Status.LOWER_BOUND, 1.03, 1.5, 864, 1000);
        var ok = new ConditionResult.Multiplier(2.0, org.curationlab.harness.fit.ComputeMultiplier.Status.OK, 1.8, 2.2, 990, 1000);
        var acc = new org.curationlab.harness.summary.MeanSd(3, 0.7, 0.01);
        var time = new WallClock(new WallClock.Seconds(70, 60, 80), new WallClock.Seconds(26, 20, 33), ok, Timing.alone(), 2.5, 0.404);
        ConditionResult r = new ConditionResult(c, 3, 3, acc, 0.7, acc, null, bound, ok, bound, ok, 1.0, 0.01, time);
        String md = markdownOf(r);
        assertTrue(md.contains("| ≥ 1.50× 864/1000 | 2.00× [1.80, 2.20] 990/1000 |"), md);
        // the time diagnostics close the row: step time cost, then the share of the method's time spent choosing batches
        assertTrue(md.contains("| yes | 2.50× | 40% |\n"), md);
    }
}
