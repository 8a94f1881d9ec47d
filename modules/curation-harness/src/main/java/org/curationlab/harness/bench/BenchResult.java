package org.curationlab.harness.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One benchmark row: median milliseconds, achieved GFLOP/s where the work has a FLOP count, and
 * the ratio to the sgemm rate measured in the same run (timings on a shared machine drift from
 * run to run; ratios within one run do not).
 */
public record BenchResult(String name, double ms, double gflops, double ratioToSgemm, String note) {
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("ms", Double.isNaN(ms) ? null : ms);
        m.put("gflops", Double.isNaN(gflops) ? null : gflops);
        m.put("ratio_to_sgemm", Double.isNaN(ratioToSgemm) ? null : ratioToSgemm);
        if (note != null) {
            m.put("note", note);
        }
        return m;
    }
}
