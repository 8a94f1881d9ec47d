package org.curationlab.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One benchmark row: the median milliseconds over its repeats (with their min and max), the
 * work's FLOPs where it has a count, the achieved GFLOP/s and the ratio to the sgemm rate of
 * the same run (timings on a shared machine drift from run to run; ratios within one run less so).
 */
public record BenchResult(String name, Timing timing, double flops, double ratioToSgemm, String note) {
    /** A row without repeats: a derived figure, or a time imported from elsewhere (JMH). */
    public BenchResult(String name, double ms, double gflops, double ratioToSgemm, String note) {
        this(name, Double.isNaN(ms) ? Timing.NONE : new Timing(ms, ms, ms, 1),
                Double.isNaN(gflops) ? Double.NaN : gflops * ms * 1e6, ratioToSgemm, note);
    }

    /** The median time in ms (NaN for a row without a time). */
    public double ms() {
        return timing.medianMs();
    }

    /** FLOPs per median run, in GFLOP/s (NaN without a FLOP count). */
    public double gflops() {
        return flops / (timing.medianMs() * 1e6);
    }

    /** This row with its rate expressed against the given sgemm rate. */
    public BenchResult against(double sgemmGflops) {
        return new BenchResult(name, timing, flops, gflops() / sgemmGflops, note);
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("ms", nullIfNaN(timing.medianMs()));
        m.put("min_ms", nullIfNaN(timing.minMs()));
        m.put("max_ms", nullIfNaN(timing.maxMs()));
        m.put("repeats", timing.repeats());
        m.put("gflops", nullIfNaN(gflops()));
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
