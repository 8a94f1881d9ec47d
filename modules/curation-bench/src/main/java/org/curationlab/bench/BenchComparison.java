package org.curationlab.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.curationlab.data.CurationException;

/**
 * Two {@code curate bench --json} records side by side ({@code curate bench --compare A B}):
 * each timed row's median in both and their ratio, whether it reproduces within a tolerance,
 * and whether each record's CNN ladder is monotone (train-S ≤ train-M ≤ train-L). This is how a
 * bench record is judged repeatable, rather than trusting one run on a shared machine.
 */
public final class BenchComparison {
    /** A second run's median within ±25% of the first counts as reproduced. */
    public static final double TOLERANCE = 0.25;

    public record Row(String name, double firstMs, double secondMs) {
        public double ratio() {
            return secondMs / firstMs;
        }

        public boolean reproduced() {
            return Math.abs(ratio() - 1) <= TOLERANCE;
        }
    }

    private final List<Row> rows;
    private final boolean firstMonotone;
    private final boolean secondMonotone;

    private BenchComparison(List<Row> rows, boolean firstMonotone, boolean secondMonotone) {
        this.rows = rows;
        this.firstMonotone = firstMonotone;
        this.secondMonotone = secondMonotone;
    }

    public static BenchComparison of(Path first, Path second) {
        Map<String, Double> a = medians(first);
        Map<String, Double> b = medians(second);
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Double> e : a.entrySet()) {
            Double other = b.get(e.getKey());
            if (other != null) {
                rows.add(new Row(e.getKey(), e.getValue(), other));
            }
        }
        if (rows.isEmpty()) {
            throw new CurationException("--compare: " + first + " and " + second + " share no timed rows");
        }
        return new BenchComparison(rows, monotone(a), monotone(b));
    }

    public List<Row> rows() {
        return rows;
    }

    /** train-S ≤ train-M ≤ train-L in a record (false when a row is missing). */
    static boolean monotone(Map<String, Double> medians) {
        Double s = medians.get("train-S");
        Double m = medians.get("train-M");
        Double l = medians.get("train-L");
        return s != null && m != null && l != null && s <= m && m <= l;
    }

    public String toTable() {
        StringBuilder sb = new StringBuilder("| row | first ms | second ms | second / first | within ±25% |\n");
        sb.append("| --- | --- | --- | --- | --- |\n");
        int reproduced = 0;
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f | %s |%n", r.name(), r.firstMs(),
                    r.secondMs(), r.ratio(), r.reproduced() ? "yes" : "no"));
            reproduced += r.reproduced() ? 1 : 0;
        }
        sb.append(String.format(Locale.ROOT, "%n%d of %d rows reproduce within ±%.0f%%; ladder train-S ≤ train-M ≤ train-L: "
                + "first %s, second %s%n", reproduced, rows.size(), 100 * TOLERANCE,
                firstMonotone ? "yes" : "no", secondMonotone ? "yes" : "no"));
        return sb.toString();
    }

    /** The timed rows' medians; the target rows and the environment row have no time. */
    private static Map<String, Double> medians(Path file) {
        Map<String, Double> out = new LinkedHashMap<>();
        BenchRecord.read(file, "--compare").forEach((name, row) -> {
            double ms = BenchRecord.number(row, "ms");
            if (!Double.isNaN(ms)) {
                out.put(name, ms);
            }
        });
        return out;
    }
}
