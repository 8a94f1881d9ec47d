package org.curationlab.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench's own arithmetic: growth exponents and the JSON rows. Timings are not asserted. */
class BenchTest {
    @Test
    void growthIsTheLogLogSlope() {
        int[] b = {256, 512, 1280, 4096};
        double[] quadratic = new double[b.length];
        double[] linear = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            quadratic[i] = 3e-6 * b[i] * b[i];
            linear[i] = 0.01 * b[i];
        }
        assertTrue(Bench.growth("g", b, quadratic, "B").note().startsWith("time grows as B^2.00 from B=256 to 4096"));
        assertTrue(Bench.growth("g", b, linear, "B").note().startsWith("time grows as B^1.00"));
    }

    @Test
    void jsonRowsCarryTheRequiredFieldsAndNullForUnknowns() {
        var row = new BenchResult("select-joint-B1280", 4.5, Double.NaN, Double.NaN, "n").asMap();
        assertEquals("select-joint-B1280", row.get("name"));
        assertEquals(4.5, row.get("ms"));
        assertTrue(row.containsKey("gflops") && row.get("gflops") == null);
        assertNull(row.get("ratio_to_sgemm"));
        assertNull(new BenchResult("g", Double.NaN, Double.NaN, Double.NaN, null).asMap().get("ms"));
    }

    @Test
    void decodeRowsRunOnceOverATinySet() {
        // Runs the rows with one repeat over a dozen images: their names and notes, not their times.
        var rows = DecodeBench.rows(12, 1);
        assertEquals(java.util.List.of("decode-cold-N12", "decode-first-N12", "decode-cached-N12"),
                rows.stream().map(BenchResult::name).toList());
        for (BenchResult r : rows) {
            assertEquals(1, r.timing().repeats());
            assertTrue(r.note().matches("\\d+ images/s; 12 PNGs \\(\\d+\\.\\d MB\\) to 32 x 32 RGB, .*"), r.note());
        }
        assertTrue(rows.get(2).note().contains("of the cold time"), rows.get(2).note());
    }

    /** The selector row at a small B, once: its note splits the row into the scorer and the rest. */
    @Test
    void theSelectorRowGivesTheScorersShare() {
        BenchResult r = new Bench(true, x -> { }).jointSelector(128, 10.0);
        assertEquals("select-joint-B128", r.name());
        assertTrue(r.note().matches("b=25, 16 chunks, scorer included; \\d+\\.\\d% of a train-M step; "
                + "the scorer alone \\(P from both logit matrices\\) \\d+\\.\\d\\d ms, \\d+% of the row"), r.note());
    }

    @Test
    void medianIsTheUpperMedian() {
        assertEquals(3.0, Bench.median(new double[]{5, 1, 3, 2}));
        assertEquals(2.0, Bench.median(new double[]{3, 1, 2}));
    }

    @Test
    void timingKeepsMedianMinMaxAndRepeats() {
        Timing t = Timing.of(new double[]{5, 1, 3, 2, 9});
        assertEquals(3.0, t.medianMs());
        assertEquals(1.0, t.minMs());
        assertEquals(9.0, t.maxMs());
        assertEquals(5, t.repeats());
        var row = Bench.flopResult("train-M", t, 3e9, "n").against(2000).asMap();
        assertEquals(5, row.get("repeats"));
        assertEquals(1.0, row.get("min_ms"));
        assertEquals(1000.0, (Double) row.get("gflops"), 1e-9);      // 3e9 FLOPs in 3 ms
        assertEquals(0.5, (Double) row.get("ratio_to_sgemm"), 1e-12);
    }

    @Test
    void comparisonReportsRatiosReproductionAndTheLadder(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path a = dir.resolve("a.jsonl");
        java.nio.file.Path b = dir.resolve("b.jsonl");
        java.nio.file.Files.writeString(a, "{\"name\":\"environment\"}\n{\"name\":\"train-S\",\"ms\":10}\n"
                + "{\"name\":\"train-M\",\"ms\":20}\n{\"name\":\"train-L\",\"ms\":40}\n");
        java.nio.file.Files.writeString(b, "{\"name\":\"train-S\",\"ms\":12}\n{\"name\":\"train-M\",\"ms\":30}\n"
                + "{\"name\":\"train-L\",\"ms\":25}\n");
        BenchComparison c = BenchComparison.of(a, b);
        assertEquals(3, c.rows().size());
        assertTrue(c.rows().get(0).reproduced());                   // 1.20
        assertTrue(!c.rows().get(1).reproduced());                  // 1.50
        assertTrue(c.toTable().contains("1 of 3 rows reproduce within ±25%; ladder train-S ≤ train-M ≤ train-L: first yes, second no"),
                c.toTable());
    }
}
