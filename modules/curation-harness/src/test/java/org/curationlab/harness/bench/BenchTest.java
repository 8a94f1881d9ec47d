package org.curationlab.harness.bench;

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
    void medianIsTheUpperMedian() {
        assertEquals(3.0, Bench.median(new double[]{5, 1, 3, 2}));
        assertEquals(2.0, Bench.median(new double[]{3, 1, 2}));
    }
}
