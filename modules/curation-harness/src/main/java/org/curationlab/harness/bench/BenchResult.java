package org.curationlab.harness.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One benchmark row: the median milliseconds over its repeats (with their min and max),
 * achieved GFLOP/s where the work has a FLOP count, and the ratio to the sgemm rate measured in
 * the same run (timings on a shared machine drift from run to run; ratios within one run less so).
 */
public record BenchResult(String name, Timing timing, double gflops, double ratioToSgemm, String note) {
    /** A row without repeats: a derived figure, or a time imported from elsewhere (JMH). */
    public BenchResult(String name, double ms, double gflops, double ratioToSgemm, String note) {
        this(name, Double.isNaN(ms) ? Timing.NONE : new Timing(ms, ms, ms, 1), gflops, ratioToSgemm, note);
    }

    /** The median time in ms (NaN for a row without a time). */
    public double ms() {
        return timing.medianMs();
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("ms", nullIfNaN(timing.medianMs()));
        m.put("min_ms", nullIfNaN(timing.minMs()));
        m.put("max_ms", nullIfNaN(timing.maxMs()));
        m.put("repeats", timing.repeats());
        m.put("gflops", nullIfNaN(gflops));
        m.put("ratio_to_sgemm", nullIfNaN(ratioToSgemm));
        if (note != null) {
            m.put("note", note);
        }
        return m;
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
