package org.curationlab.harness.fit;

import org.curationlab.data.CurationException;
import org.curationlab.harness.summary.FinalRows;
import org.curationlab.harness.summary.MeanSd;
import org.curationlab.harness.summary.RowSelection;
import org.curationlab.models.ModelSize;
import org.curationlab.train.results.ResultRow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.curationlab.harness.summary.Decimals.fixed;

/**
 * One line per condition of a sweep (a combination of values of some settings, e.g. learner size ×
 * budget): the baseline's and the method's final zero-shot top-1 (mean ± sd over their cells) and, on
 * each x axis, the method's compute multiplier against the baseline from that condition's rows alone, as
 * {@code curate fit --where ... --baseline B} gives it (a law of the error, 1 − zeroshot_top1): empirical (on the seed-averaged observed
 * curves) and fitted (a law per group, with its bootstrap interval over seeds). A condition with
 * fewer evaluations than the law needs says so instead of a multiplier.
 *
 * @param settings how the table was measured
 * @param lines    the conditions, each setting's values in order (ladder sizes smallest first, numbers ascending)
 */
public record FitTable(Settings settings, List<Line> lines) {
    /** A column and the words its header shows ({@code COL:HEADER}; the column itself without one). */
    public record Label(String column, String header) {
        public static Label parse(String flag, String spec) {
            int colon = spec.indexOf(':');
            String column = (colon < 0 ? spec : spec.substring(0, colon)).trim();
            String header = colon < 0 ? column : spec.substring(colon + 1).trim();
            if (column.isEmpty() || header.isEmpty()) {
                throw new CurationException(flag + ": '" + spec + "' is not COL or COL:HEADER (e.g. model:size)");
            }
            return new Label(column, header);
        }
    }

    /**
     * @param within        the settings naming a condition, outermost first
     * @param by            the column naming the groups (e.g. method)
     * @param baseline      the group the multipliers are relative to
     * @param method        the group whose multipliers are shown
     * @param axes          the x columns (e.g. iteration, flops_total)
     * @param form          the law fitted per group (one-axis)
     * @param target        the baseline's error the multipliers are measured at
     * @param bootstrapSeed seed of the bootstrap resampling
     */
    public record Settings(List<Label> within, String by, String baseline, String method, List<Label> axes,
                           Form form, ComputeMultiplier.Target target, long bootstrapSeed) {
        public Settings {
            within = List.copyOf(within);
            axes = List.copyOf(axes);
            if (within.isEmpty()) {
                throw new CurationException("--within: give the settings naming a condition, e.g. model,iterations");
            }
            if (axes.isEmpty()) {
                throw new CurationException("--x: give at least one x column, e.g. iteration");
            }
            if (form == Form.CHINCHILLA) {
                throw new CurationException("--form: chinchilla fits two axes at once; a multiplier is read off a one-axis law "
                        + "(saturating or power)");
            }
            if (baseline.equals(method)) {
                throw new CurationException("--method: '" + method + "' is the baseline itself; give another group of --by");
            }
        }
    }

    /**
     * One condition.
     *
     * @param key        its value of each {@code within} setting
     * @param parameters N of its model when {@code model} is a within setting (null otherwise or for a model off the ladder)
     * @param baseline   the baseline's final zero-shot top-1 over its cells
     * @param method     the method's
     * @param axes       the multipliers on each x axis
     */
    public record Line(List<String> key, Double parameters, MeanSd baseline, MeanSd method, List<Multiplier> axes) {
    }

    /**
     * The method's multiplier on one axis; {@code tooFew} when a group has fewer distinct x than the
     * law needs (then nothing was fitted and the results are null).
     */
    public record Multiplier(boolean tooFew, ComputeMultiplier.Result empirical, ComputeMultiplier.Result fitted,
                             Bootstrap.Interval fittedInterval) {
    }

    private static final String MODEL = "model";
    private static final String SEED = "seed";

    /** Measures every condition found in {@code rows} (a sweep's results table, every evaluation row). */
    public static FitTable measure(List<ResultRow> rows, Settings s) {
        return measure(rows, s, ModelParameters.forTable(null));
    }

    /** As {@link #measure(List, Settings)}, each model's N counted by {@code parameters} (a run on your pairs at its own shape). */
    public static FitTable measure(List<ResultRow> rows, Settings s, ModelParameters parameters) {
        if (rows.isEmpty()) {
            throw new CurationException("--runs: the table has no rows");
        }
        ResultRow first = rows.get(0);
        for (Label w : s.within()) {
            require(first, "--within", w.column());
        }
        require(first, "--by", s.by());
        require(first, "--runs", ErrorColumn.ACCURACY);
        require(first, "--runs", RowSelection.CELL);
        for (Label x : s.axes()) {
            require(first, "--x", x.column());
        }
        List<ResultRow> kept = rows.stream().filter(r -> r.text(s.by()).equals(s.baseline()) || r.text(s.by()).equals(s.method())).toList();
        for (String g : List.of(s.baseline(), s.method())) {
            if (kept.stream().noneMatch(r -> r.text(s.by()).equals(g))) {
                throw new CurationException((g.equals(s.baseline()) ? "--baseline" : "--method") + ": no row has " + s.by() + " = '" + g
                        + "'; its values are " + rows.stream().map(r -> r.text(s.by())).distinct().toList());
            }
        }
        Map<List<String>, List<ResultRow>> conditions = new LinkedHashMap<>();
        for (ResultRow r : kept) {
            conditions.computeIfAbsent(s.within().stream().map(w -> r.text(w.column())).toList(), k -> new ArrayList<>()).add(r);
        }
        List<List<String>> keys = new ArrayList<>(conditions.keySet());
        keys.sort(order(s.within(), keys));
        List<Line> lines = new ArrayList<>();
        for (List<String> key : keys) {
            lines.add(line(key, conditions.get(key), s, parameters));
        }
        return new FitTable(s, lines);
    }

    private static Line line(List<String> key, List<ResultRow> rows, Settings s, ModelParameters counter) {
        Map<String, ResultRow> finals = FinalRows.byKey(rows, r -> r.text(RowSelection.CELL));
        Double parameters = s.within().stream().anyMatch(w -> w.column().equals(MODEL)) ? counter.count(rows.get(0).values()) : null;
        List<Multiplier> axes = new ArrayList<>();
        for (Label x : s.axes()) {
            axes.add(multiplier(key, rows, x.column(), s));
        }
        return new Line(key, parameters, accuracy(finals, s.baseline(), s), accuracy(finals, s.method(), s), axes);
    }

    /** The group's final zero-shot top-1 over its cells (non-finite values left out). */
    private static MeanSd accuracy(Map<String, ResultRow> finals, String group, Settings s) {
        double[] v = finals.values().stream().filter(r -> r.text(s.by()).equals(group))
                .mapToDouble(r -> r.numberOrNaN(ErrorColumn.ACCURACY)).filter(Double::isFinite).toArray();
        return MeanSd.of(v);
    }

    /** The multipliers on one axis from the condition's rows (x ≤ 0 and the untrained model left out, as curate fit does). */
    private static Multiplier multiplier(List<String> key, List<ResultRow> rows, String x, Settings s) {
        List<Map<String, String>> points = new ArrayList<>();
        for (ResultRow r : rows) {
            if (r.number(x) <= 0) {
                continue;
            }
            Map<String, String> p = new LinkedHashMap<>(r.values());
            if (!p.containsKey(ErrorColumn.NAME)) {
                p.put(ErrorColumn.NAME, ErrorColumn.of(r.number(ErrorColumn.ACCURACY)));
            }
            points.add(p);
        }
        try {
            List<Observation> obs = ObservationLoader.load(points, x, ErrorColumn.NAME, s.by(), rows.get(0).has(SEED) ? SEED : null);
            Map<String, Set<Double>> distinct = new LinkedHashMap<>();
            for (Observation o : obs) {
                distinct.computeIfAbsent(o.group(), g -> new HashSet<>()).add(o.x());
            }
            for (String g : List.of(s.baseline(), s.method())) {
                if (distinct.getOrDefault(g, Set.of()).size() < s.form().minimumDistinctPoints()) {
                    return new Multiplier(true, null, null, null);
                }
            }
            FitReport report = ScalingFits.fit(obs, s.form(), false, s.baseline(), s.target(), s.bootstrapSeed(),
                    Bootstrap.DEFAULT_RESAMPLES, Bootstrap.DEFAULT_LEVEL);
            FitReport.GroupFit fit = report.fit(s.method());
            return new Multiplier(false, fit.empiricalMultiplier(), fit.multiplier(), fit.intervals().get("compute_multiplier"));
        } catch (IllegalArgumentException e) {
            throw new CurationException("--runs: condition " + condition(key, s) + ", --x " + x + ": " + e.getMessage(), e);
        }
    }

    /** The table in Markdown, {@code title} (a paragraph) above it. */
    public String markdown(String title) {
        Settings s = settings;
        List<String> header = new ArrayList<>();
        for (Label w : s.within()) {
            header.add(w.header());
            if (w.column().equals(MODEL)) {
                header.add(ModelParameters.COLUMN);
            }
        }
        header.add(s.baseline());
        header.add(s.method());
        for (Label x : s.axes()) {
            header.add(x.header() + " (empirical)");
            header.add(x.header() + " (fitted)");
        }
        StringBuilder md = new StringBuilder();
        if (title != null && !title.isEmpty()) {
            md.append(title).append("\n\n");
        }
        md.append("| ").append(String.join(" | ", header)).append(" |\n");
        md.append("|").append(" --- |".repeat(header.size())).append('\n');
        for (Line l : lines) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < s.within().size(); i++) {
                cells.add(l.key().get(i));
                if (s.within().get(i).column().equals(MODEL)) {
                    cells.add(l.parameters() == null ? "-" : String.format(Locale.ROOT, "%,d", Math.round(l.parameters())));
                }
            }
            cells.add(accuracy(l.baseline()));
            cells.add(accuracy(l.method()));
            for (Multiplier m : l.axes()) {
                cells.add(empirical(m));
                cells.add(fitted(m));
            }
            md.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        return md.toString();
    }

    /** Mean ± sd (cells), the value alone for one cell, "-" for none. */
    private static String accuracy(MeanSd v) {
        if (v.n() == 0) {
            return "-";
        }
        return v.hasSpread() ? fixed(v.mean(), 3) + " ± " + fixed(v.sd(), 3) + " (" + v.n() + ")" : fixed(v.mean(), 3) + " (1)";
    }

    private static String empirical(Multiplier m) {
        if (m.tooFew()) {
            return "too few evaluations";
        }
        double v = m.empirical().multiplier();
        if (!Double.isFinite(v)) {
            return "never";
        }
        return fixed(v, 2) + "x" + (m.empirical().status() == ComputeMultiplier.Status.LOWER_BOUND ? " (at least)" : "");
    }

    private static String fitted(Multiplier m) {
        if (m.tooFew() || !Double.isFinite(m.fitted().multiplier())) {
            return "-";
        }
        Bootstrap.Interval iv = m.fittedInterval();
        return fixed(m.fitted().multiplier(), 2) + "x" + (iv == null ? "" : " [" + fixed(iv.lo(), 2) + ", " + fixed(iv.hi(), 2) + "]");
    }

    /** Conditions in order of each setting's values, the first setting outermost. */
    private static Comparator<List<String>> order(List<Label> within, List<List<String>> keys) {
        List<Map<String, Integer>> ranks = new ArrayList<>();
        for (int i = 0; i < within.size(); i++) {
            int col = i;
            List<String> values = new ArrayList<>(new LinkedHashSet<>(keys.stream().map(k -> k.get(col)).toList()));
            values.sort(valueOrder(values));
            Map<String, Integer> rank = new LinkedHashMap<>();
            values.forEach(v -> rank.put(v, rank.size()));
            ranks.add(rank);
        }
        Comparator<List<String>> c = Comparator.comparing(k -> ranks.get(0).get(k.get(0)));
        for (int i = 1; i < within.size(); i++) {
            int col = i;
            c = c.thenComparing(k -> ranks.get(col).get(k.get(col)));
        }
        return c;
    }

    /** Ladder sizes smallest first, numbers ascending, anything else as first seen. */
    private static Comparator<String> valueOrder(List<String> values) {
        if (values.stream().allMatch(FitTable::isSize)) {
            return Comparator.comparing(v -> ModelSize.valueOf(v.trim().toUpperCase(Locale.ROOT)));
        }
        if (values.stream().allMatch(FitTable::isNumber)) {
            return Comparator.comparingDouble(v -> Double.parseDouble(v.trim()));
        }
        return (a, b) -> 0; // List.sort is stable
    }

    private static boolean isSize(String v) {
        try {
            ModelSize.valueOf(v.trim().toUpperCase(Locale.ROOT));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isNumber(String v) {
        try {
            Double.parseDouble(v.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String condition(List<String> key, Settings s) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            parts.add(s.within().get(i).column() + "=" + key.get(i));
        }
        return String.join(",", parts);
    }

    private static void require(ResultRow row, String flag, String column) {
        if (!row.has(column)) {
            throw new CurationException(flag + ": the table has no column '" + column + "'; columns are " + row.values().keySet());
        }
    }
}
