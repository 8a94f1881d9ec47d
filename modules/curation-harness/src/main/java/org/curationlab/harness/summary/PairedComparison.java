package org.curationlab.harness.summary;

import org.curationlab.train.results.ResultsCsv;
import org.hipparchus.distribution.continuous.TDistribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Two groups compared pair by pair: each run of A is matched with the run of B that shares its
 * seed and every other setting, the differences A − B of a metric's final value are taken per
 * pair, and their mean gets a Student t interval (n − 1 degrees of freedom, Hipparchus
 * {@link TDistribution}). Pairing removes what a seed fixes for both sides (initialisation, data
 * order), so a difference far smaller than the seed-to-seed spread can still be shown.
 *
 * <p>"A is higher" when the whole interval is above 0, "lower" when below, otherwise "no
 * difference shown". Fewer than two pairs give no interval and no line.
 *
 * @param a          A's value of the compared setting (or run label)
 * @param b          B's
 * @param within     the values of the settings a line is restricted to (empty: all)
 * @param pairs      matched final values: key (seed and other settings) → [A's, B's]
 * @param sides      per side-by-side column (e.g. batch_clean), A's and B's means over the matched runs
 */
public record PairedComparison(String a, String b, List<String> within, Map<String, double[]> pairs,
                               Map<String, double[]> sides) {

    public int n() {
        return pairs.size();
    }

    public double[] differences() {
        return pairs.values().stream().mapToDouble(p -> p[0] - p[1]).toArray();
    }

    public MeanSd difference() {
        return MeanSd.of(differences());
    }

    /** Half the width of the two-sided {@code level} t interval of the mean difference (NaN for fewer than two pairs). */
    public double halfWidth(double level) {
        if (n() < 2) {
            return Double.NaN;
        }
        double t = new TDistribution(n() - 1).inverseCumulativeProbability(1 - (1 - level) / 2);
        return t * difference().sd() / Math.sqrt(n());
    }

    public String verdict(double level) {
        double m = difference().mean();
        double h = halfWidth(level);
        return m - h > 0 ? "higher" : (m + h < 0 ? "lower" : "no difference shown");
    }

    /**
     * A Markdown table, a line per comparison with two pairs or more.
     *
     * @param name   what A and B are called in the header (e.g. "pipeline": "pipeline A", "pipeline B")
     * @param within the settings the lines are restricted to (a column each, before A and B)
     * @param unit   "seeds" when pairs differ only in seed, "pairs" otherwise
     */
    public static String markdown(List<PairedComparison> rows, String name, List<String> within, String unit, double level,
                                  List<String> sides) {
        StringBuilder s = new StringBuilder("|");
        within.forEach(w -> s.append(' ').append(w).append(" |"));
        s.append(' ').append(name).append(" A | ").append(name).append(" B | ").append(unit).append(" | mean A − B | ")
                .append(percent(level)).append(" interval | A is |");
        sides.forEach(c -> s.append(' ').append(c).append(" (A / B) |"));
        s.append("\n|");
        within.forEach(w -> s.append(" --- |"));
        s.append(" --- | --- | --- | --- | --- | --- |");
        sides.forEach(c -> s.append(" --- |"));
        s.append('\n');
        for (PairedComparison p : rows) {
            if (p.n() < 2) {
                continue;
            }
            double m = p.difference().mean();
            double h = p.halfWidth(level);
            s.append("|");
            p.within().forEach(v -> s.append(' ').append(v).append(" |"));
            s.append(String.format(Locale.ROOT, " %s | %s | %d | %+.4f | [%+.4f, %+.4f] | %s |", p.a(), p.b(), p.n(), m, m - h, m + h,
                    p.verdict(level)));
            for (String c : sides) {
                double[] ab = p.sides().get(c);
                s.append(ab == null ? " - |" : String.format(Locale.ROOT, " %s / %s |", three(ab[0]), three(ab[1])));
            }
            s.append('\n');
        }
        return s.toString();
    }

    /** The same as CSV, full precision: within columns, a, b, n, mean, sd, lo, hi, verdict, then A's and B's mean of each side column. */
    public static String csv(List<PairedComparison> rows, List<String> within, double level, List<String> sides) {
        List<String> header = new ArrayList<>(within);
        header.addAll(List.of("a", "b", "n", "mean_difference", "sd_difference", "lo", "hi", "a_is"));
        sides.forEach(c -> {
            header.add(c + "_a");
            header.add(c + "_b");
        });
        StringBuilder s = new StringBuilder(ResultsCsv.line(header));
        for (PairedComparison p : rows) {
            if (p.n() < 2) {
                continue;
            }
            MeanSd d = p.difference();
            double h = p.halfWidth(level);
            List<String> line = new ArrayList<>(p.within());
            line.addAll(List.of(p.a(), p.b(), Integer.toString(p.n()), ResultsCsv.number(d.mean()), ResultsCsv.number(d.sd()),
                    ResultsCsv.number(d.mean() - h), ResultsCsv.number(d.mean() + h), p.verdict(level)));
            for (String c : sides) {
                double[] ab = p.sides().get(c);
                line.add(ab == null || Double.isNaN(ab[0]) ? "" : ResultsCsv.number(ab[0]));
                line.add(ab == null || Double.isNaN(ab[1]) ? "" : ResultsCsv.number(ab[1]));
            }
            s.append(ResultsCsv.line(line));
        }
        return s.toString();
    }

    private static String three(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String percent(double level) {
        double p = level * 100;
        return (p == Math.rint(p) ? String.format(Locale.ROOT, "%.0f", p) : String.format(Locale.ROOT, "%s", p)) + "%";
    }

    /** Matched pairs in order of first appearance, for building a comparison. */
    public static Map<String, double[]> pairsOf(Map<String, Double> a, Map<String, Double> b) {
        Map<String, double[]> out = new LinkedHashMap<>();
        a.forEach((key, va) -> {
            Double vb = b.get(key);
            if (vb != null && Double.isFinite(va) && Double.isFinite(vb)) {
                out.put(key, new double[]{va, vb});
            }
        });
        return out;
    }
}
