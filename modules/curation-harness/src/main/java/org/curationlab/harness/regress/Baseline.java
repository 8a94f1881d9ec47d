package org.curationlab.harness.regress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.curationlab.data.CurationException;
import org.curationlab.harness.fit.Bootstrap;
import org.curationlab.harness.fit.FitReport;
import org.curationlab.harness.fit.Form;
import org.curationlab.harness.fit.ObservationLoader;
import org.curationlab.harness.fit.ScalingFits;
import org.curationlab.harness.summary.FinalRows;
import org.curationlab.harness.summary.MeanSd;
import org.curationlab.train.results.ResultRow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a regression run must reproduce, derived from a baseline run of a sweep with several seeds.
 *
 * <p>Bands. Final metric (the last evaluation row of each seed, averaged over seeds): the mean
 * ± max({@link #FLOOR}, 3·s·√(2/n)), where s is the seed-to-seed standard deviation pooled over
 * groups and n the seeds per group, i.e. three standard errors of the difference between two
 * n-seed means. Fitted parameters (the saturating law of error against iteration, fitted per
 * group): the bootstrap interval over seeds widened by its own width on each side plus 10% of the
 * value, because with two or three seeds the bootstrap understates the spread. Orderings: groups
 * that ran the same seeds are compared seed by seed (a seed fixes the initialisation and the data
 * order for every method, and most of the seed-to-seed spread is shared); a pair is recorded when
 * its mean per-seed difference exceeds three standard errors of the difference between two such
 * means, and a run whose mean per-seed difference is no longer positive fails. Groups without
 * shared seeds fall back to their means, recorded at 1.5 half-widths. A run with fewer seeds than the
 * baseline (e.g. {@code --set seed=0}) is judged with bands widened to its own standard error:
 * the final-metric half-width becomes 3·s·√(1/n + 1/m) for m seeds, and the fit bands grow by the
 * same ratio about their centre.
 */
public record Baseline(String spec, String by, String metric, int seeds, double seedSd, double halfWidth, String rule,
                       Map<String, GroupBands> groups, List<Ordering> orderings) {

    /** One or two points of accuracy are within any run-to-run wobble on another machine. */
    public static final double FLOOR = 0.01;
    /** A pair of groups is an ordering when their means differ by more than this many half-widths. */
    public static final double ORDER = 1.5;
    public static final String FILE = "baseline.json";
    public static final String FITS = "fits.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A value with the band a regression run must stay in. */
    public record Band(double value, double lo, double hi) {
        boolean contains(double v) {
            return v >= lo && v <= hi;
        }
    }

    /** A group's final metric over seeds (mean, with the per-seed values) and its fitted parameters. */
    public record GroupBands(Band finalMetric, List<Double> perSeed, Map<String, Band> fit) {
    }

    /** {@code higher}'s mean final metric exceeded {@code lower}'s by {@code gap} in the baseline. */
    public record Ordering(String higher, String lower, double gap) {
    }

    /** The per-group view of a sweep's rows: final metric per seed (also keyed by seed), and the fit. */
    record Summary(Map<String, List<Double>> finals, Map<String, Map<String, Double>> bySeed, FitReport fits) {
    }

    static Summary summarise(List<ResultRow> rows, String by, String metric) {
        return summarise(rows, by, metric, true);
    }

    /** With {@code fit} false, no curve is fitted ({@code fits} is null): a metric without a scaling law. */
    static Summary summarise(List<ResultRow> rows, String by, String metric, boolean fit) {
        List<ResultRow> measured = new ArrayList<>();
        List<ResultRow> fitRows = new ArrayList<>();
        for (ResultRow r : rows) {
            require(r, by);
            require(r, "seed");
            r.number("iteration");
            String m = r.get(metric);
            if (m == null || m.isEmpty()) {
                continue;
            }
            measured.add(r);
            fitRows.add(r.with("error", Double.toString(1 - r.number(metric))));
        }
        if (measured.isEmpty()) {
            throw new CurationException("no rows with a '" + metric + "' value to judge");
        }
        Map<String, Map<String, Double>> bySeed = new TreeMap<>(); // group -> seed -> final metric
        FinalRows.byKey(measured, r -> r.get(by) + "\u0000" + r.get("seed")).values().forEach(r ->
                bySeed.computeIfAbsent(r.get(by), g -> new TreeMap<>()).put(r.get("seed"), r.number(metric)));
        Map<String, List<Double>> finals = new TreeMap<>();
        bySeed.forEach((g, seeds) -> finals.put(g, List.copyOf(seeds.values())));
        FitReport fits = !fit ? null : ScalingFits.fit(ObservationLoader.loadRows(fitRows, "iteration", "error", by, "seed"),
                Form.SATURATING, false, null, 0L).withAxes("iteration", "error");
        return new Summary(finals, bySeed, fits);
    }

    /** Derives the baseline from the rows of a completed sweep. */
    public static Baseline derive(String spec, List<ResultRow> rows, String by, String metric) {
        return derive(spec, rows, by, metric, true);
    }

    /**
     * With {@code fit} false the baseline holds no fitted parameters and a run is judged on its final
     * metric and orderings only: for a metric that follows no scaling law, such as the share of clean
     * pairs in JEST's batches ({@code batch_clean}), whose "fit" would be noise with bands to match.
     */
    public static Baseline derive(String spec, List<ResultRow> rows, String by, String metric, boolean fit) {
        Summary s = summarise(rows, by, metric, fit);
        double ss = 0;
        int df = 0;
        int seeds = Integer.MAX_VALUE;
        for (List<Double> v : s.finals().values()) {
            double mean = mean(v);
            for (double x : v) {
                ss += (x - mean) * (x - mean);
            }
            df += v.size() - 1;
            seeds = Math.min(seeds, v.size());
        }
        double sd = df > 0 ? Math.sqrt(ss / df) : Double.NaN;
        double h = Double.isNaN(sd) ? FLOOR : Math.max(FLOOR, 3 * sd * Math.sqrt(2.0 / seeds));
        String rule = String.format(Locale.ROOT, "final %s: mean +- max(%.2f, 3 * pooled seed sd %.4f * sqrt(2/%d)) = +-%.4f; "
                + (fit ? "fit parameters: bootstrap interval widened by its width each side plus 10%% of the value; "
                : "no fitted parameters; ") + "orderings: pairs whose per-seed differences average more than max(%.2f, 3 * their sd * sqrt(2/n)) "
                + "(without shared seeds: means differing by more than %.4f), judged on the same statistic", metric, FLOOR,
                Double.isNaN(sd) ? 0 : sd, seeds, h, FLOOR, ORDER * h);
        Map<String, GroupBands> groups = new TreeMap<>();
        s.finals().forEach((g, v) -> {
            double m = mean(v);
            Map<String, Band> bands = new TreeMap<>();
            if (fit) {
                FitReport.GroupFit gf = s.fits().fit(g);
                gf.curve().parameters().forEach((k, value) -> {
                    Bootstrap.Interval iv = gf.intervals().get(k);
                    double lo = iv == null || Double.isNaN(iv.lo()) ? value : iv.lo();
                    double hi = iv == null || Double.isNaN(iv.hi()) ? value : iv.hi();
                    double widen = (hi - lo) + 0.1 * Math.abs(value);
                    bands.put(k, new Band(value, lo - widen, hi + widen));
                });
            }
            groups.put(g, new GroupBands(new Band(m, m - h, m + h), v, bands));
        });
        List<Ordering> orderings = new ArrayList<>();
        for (String a : groups.keySet()) {
            for (String b : groups.keySet()) {
                double[] d = pairedDifferences(s.bySeed().get(a), s.bySeed().get(b));
                if (d.length >= 2) {
                    // Same seeds in both groups share their initialisation and data order, so the
                    // per-seed difference is far less noisy than the difference of two means.
                    MeanSd diff = MeanSd.of(d);
                    double gap = diff.mean();
                    double sdDiff = diff.sd();
                    if (gap > Math.max(FLOOR, 3 * sdDiff * Math.sqrt(2.0 / d.length))) {
                        orderings.add(new Ordering(a, b, gap));
                    }
                } else {
                    double gap = groups.get(a).finalMetric().value() - groups.get(b).finalMetric().value();
                    if (gap > ORDER * h) {
                        orderings.add(new Ordering(a, b, gap));
                    }
                }
            }
        }
        return new Baseline(spec, by, metric, seeds, sd, h, rule, groups, orderings);
    }

    /** One line of the verdict. */
    public record Check(String kind, String group, String quantity, String expected, double actual, boolean ok) {
    }

    /**
     * The rows with each group {@code now} of {@code by} relabelled as the baseline group it is to be
     * judged against ({@code curate regress --compare-as now=then}): a candidate or renamed method
     * against the bands of the one it replaces.
     */
    public static List<ResultRow> relabel(List<ResultRow> rows, String by, Map<String, String> nowToThen) {
        if (nowToThen.isEmpty()) {
            return rows;
        }
        java.util.Set<String> present = new java.util.TreeSet<>();
        rows.forEach(r -> present.add(r.values().getOrDefault(by, "")));
        nowToThen.forEach((now, then) -> {
            if (!present.contains(now)) {
                throw new CurationException("--compare-as " + now + "=" + then + ": this run has no group '" + now + "' in column "
                        + by + "; its groups are " + String.join(", ", present));
            }
            if (present.contains(then) && !nowToThen.containsKey(then)) {
                throw new CurationException("--compare-as " + now + "=" + then + ": this run has its own group '" + then
                        + "' too; relabel that one as well or leave it out of the run");
            }
        });
        List<ResultRow> out = new ArrayList<>(rows.size());
        for (ResultRow r : rows) {
            String g = r.get(by);
            if (g != null && nowToThen.containsKey(g)) {
                out.add(r.with(by, nowToThen.get(g)));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /** Judges the rows of a new run of the same sweep. */
    public List<Check> check(List<ResultRow> rows) {
        List<Check> out = new ArrayList<>();
        Summary s;
        boolean fitted = groups.values().stream().anyMatch(b -> !b.fit().isEmpty());
        try {
            s = summarise(rows, by, metric, fitted);
        } catch (RuntimeException e) {
            out.add(new Check("fit", "*", "summary", "a fit of every group", Double.NaN, false));
            return out;
        }
        groups.forEach((g, bands) -> {
            List<Double> v = s.finals().get(g);
            if (v == null) {
                out.add(new Check("final", g, metric, "group present", Double.NaN, false));
                return;
            }
            double m = mean(v);
            double widen = widening(v.size());
            Band fb = bands.finalMetric();
            Band finalBand = widen == 1 ? fb : new Band(fb.value(), fb.value() - halfWidth(v.size()), fb.value() + halfWidth(v.size()));
            out.add(new Check("final", g, metric, band(finalBand), m, finalBand.contains(m)));
            if (!fitted) {
                return;
            }
            FitReport.GroupFit gf;
            try {
                gf = s.fits().fit(g);
            } catch (IllegalArgumentException e) {
                out.add(new Check("fit", g, "curve", "a fit", Double.NaN, false));
                return;
            }
            bands.fit().forEach((k, b0) -> {
                Band b = widen == 1 ? b0 : new Band(b0.value(), b0.value() - widen * (b0.value() - b0.lo()),
                        b0.value() + widen * (b0.hi() - b0.value()));
                Double now = gf.curve().parameters().get(k);
                double x = now == null ? Double.NaN : now;
                out.add(new Check("fit", g, k, band(b), x, b.contains(x)));
            });
        });
        for (Ordering o : orderings) {
            List<Double> hi = s.finals().get(o.higher());
            List<Double> lo = s.finals().get(o.lower());
            double[] paired = pairedDifferences(s.bySeed().get(o.higher()), s.bySeed().get(o.lower()));
            double gap = hi == null || lo == null ? Double.NaN : paired.length > 0 ? mean(paired) : mean(hi) - mean(lo);
            out.add(new Check("order", o.higher() + " > " + o.lower(), metric + " gap",
                    String.format(Locale.ROOT, "> 0 (baseline %.4f)", o.gap()), gap, gap > 0));
        }
        return out;
    }

    /** Final-metric half-width for a run of {@code m} seeds (the baseline's own for m ≥ its seeds). */
    double halfWidth(int m) {
        if (m >= seeds || Double.isNaN(seedSd)) {
            return halfWidth;
        }
        return Math.max(FLOOR, 3 * seedSd * Math.sqrt(1.0 / seeds + 1.0 / m));
    }

    /** How much wider the bands are for a run of {@code m} seeds than for one of the baseline's size. */
    double widening(int m) {
        return m >= seeds || Double.isNaN(seedSd) ? 1 : Math.sqrt((1.0 / seeds + 1.0 / m) / (2.0 / seeds));
    }

    /** The verdict as an aligned table, failures marked. */
    public static String table(List<Check> checks) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-6s %-28s %-14s %-30s %12s  %s%n",
                "kind", "group", "quantity", "baseline band", "now", "verdict"));
        for (Check c : checks) {
            sb.append(String.format(Locale.ROOT, "%-6s %-28s %-14s %-30s %12.5g  %s%n", c.kind(), c.group(), c.quantity(),
                    c.expected(), c.actual(), c.ok() ? "ok" : "REGRESSION"));
        }
        return sb.toString();
    }

    private static String band(Band b) {
        return String.format(Locale.ROOT, "%.4g [%.4g, %.4g]", b.value(), b.lo(), b.hi());
    }

    public void write(Path dir, FitReport fits) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(FILE), JSON.writeValueAsString(this));
            if (fits != null) {
                Files.writeString(dir.resolve(FITS), fits.toJson());
            }
        } catch (IOException e) {
            throw new CurationException(dir + ": cannot write the baseline (" + e.getMessage() + ")", e);
        }
    }

    /** The fits of a run's rows, as {@code curate fit} would write them. */
    public static FitReport fits(List<ResultRow> rows, String by, String metric) {
        return summarise(rows, by, metric).fits();
    }

    public static Baseline read(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new CurationException("--baseline: " + f + " does not exist; create it with --update-baseline");
        }
        try {
            return JSON.readValue(f.toFile(), Baseline.class);
        } catch (IOException e) {
            throw new CurationException(f + ": not a baseline (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    private static String require(ResultRow r, String column) {
        String v = r.get(column);
        if (v == null) {
            throw new CurationException("results have no '" + column + "' column; columns are " + r.values().keySet());
        }
        return v;
    }

    /** a − b for each seed both groups ran (empty when either group is missing). */
    static double[] pairedDifferences(Map<String, Double> a, Map<String, Double> b) {
        if (a == null || b == null) {
            return new double[0];
        }
        return a.keySet().stream().filter(b::containsKey).mapToDouble(k -> a.get(k) - b.get(k)).toArray();
    }

    private static double mean(double[] v) {
        return MeanSd.of(v).mean();
    }

    private static double mean(List<Double> v) {
        return MeanSd.of(v).mean();
    }
}
