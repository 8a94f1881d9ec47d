package org.curationlab.harness.plot;

import org.curationlab.data.CurationException;
import org.curationlab.harness.fit.FitReport;
import org.curationlab.harness.fit.FittedCurve;
import org.curationlab.harness.fit.Form;
import org.curationlab.harness.fit.ModelParameters;
import org.curationlab.harness.fit.ObservationLoader;
import org.curationlab.harness.fit.OneAxisCurve;
import org.curationlab.harness.fit.ScalingFits;
import org.curationlab.harness.summary.FinalRows;
import org.curationlab.harness.summary.MeanSd;
import org.curationlab.harness.summary.ReferenceAccuracy;
import org.curationlab.pruning.PruningPipeline;
import org.curationlab.train.ComputeLedger;
import org.curationlab.train.results.ResultRow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The figure set of one sweep (docs/harness.md), chosen by its axes, plus an offline {@code report.html}
 * ({@link ReportPage}): accuracy against iterations and against total FLOPs per group (mean over
 * seeds, ± one standard deviation); error against compute on log-log axes with the fitted
 * saturating law dashed; and, when the sweep varies them, final accuracy against the filtering
 * ratio, final error against model parameters, final accuracy against the kept fraction of the
 * pool, and learner against reference accuracy. A group is one combination of the non-seed axes
 * (or of {@code --by}, see {@link SweepGroups}); final values are each cell's final row
 * ({@link FinalRows}). Accuracy is zero-shot top-1 unless {@link #metric} names another metric
 * column (error is then 1 - that metric); every axis, caption and the report name the metric plotted.
 */
public final class FigureSet {
    /** One figure written: its file stem and a caption. */
    public record Figure(String stem, String caption) {
    }

    private static final String TOP1 = "zeroshot_top1";
    /** The numeric metric columns of a results table that {@link #metric} accepts. */
    public static final List<String> METRICS = List.of(TOP1, "i2t_r1", "t2i_r1", "i2t_r5", "t2i_r5", "probe_10shot");
    /** The metric every figure plots (error is 1 - metric); zero-shot unless {@link #metric} says otherwise. */
    private String metric = TOP1;
    /** What report.html says besides its tables and figures (nothing for zero-shot, so its page stays as it was). */
    private final List<String> notes = new ArrayList<>();
    private final List<ResultRow> rows;
    private final SweepGroups groups;
    private final Map<String, Object> provenance;
    private final Path out;
    /** Counts a row's parameters; a run on your pairs needs its sweep folder ({@link #sweepDir}). */
    private ModelParameters parameters = ModelParameters.forTable(null);
    private ReferenceAccuracy references = new ReferenceAccuracy(null);
    private final List<Figure> figures = new ArrayList<>();
    /** The line labels of each figure of final values, by stem (what a reader finds in its legend). */
    private final Map<String, List<String>> finalLines = new LinkedHashMap<>();
    private FitReport fits;
    /** The y-axis title of each figure, by stem (the SVG draws its text as shapes, so a reader's check is here). */
    private final Map<String, String> yTitles = new LinkedHashMap<>();

    /**
     * @param rows         the sweep's results.csv rows
     * @param groupColumns columns whose values make a group (the non-seed axes, or --by)
     * @param provenance   the sweep's sweep.json, shown in the report (may be empty)
     * @param out          folder for the figures and report.html
     */
    public FigureSet(List<ResultRow> rows, List<String> groupColumns, Map<String, Object> provenance, Path out) {
        if (rows.isEmpty()) {
            throw new CurationException("the sweep holds no finished cell yet");
        }
        for (String c : groupColumns) {
            if (!rows.get(0).has(c)) {
                throw new CurationException("no column '" + c + "' in the sweep's results; columns are " + rows.get(0).values().keySet());
            }
        }
        this.rows = rows;
        this.groups = new SweepGroups(groupColumns);
        this.provenance = provenance;
        this.out = out;
    }

    /**
     * The sweep folder the rows came from: a cell whose reference is a curation level (trained and
     * cached on first use) finds the checkpoint it used, and so its accuracy, in its provenance.
     */
    public FigureSet sweepDir(Path dir) {
        this.references = new ReferenceAccuracy(dir);
        this.parameters = ModelParameters.forSweep(dir);
        return this;
    }

    /**
     * The metric the figures plot instead of zero-shot top-1, e.g. {@code i2t_r1} for runs on your own
     * pairs, where there are no labels and zero-shot is 0 throughout; error is 1 - metric.
     */
    public FigureSet metric(String column) {
        List<String> choices = METRICS.stream().filter(this::holdsNumbers).toList();
        if (!choices.contains(column)) {
            throw new CurationException("--metric: '" + column + "' is not a numeric metric column of the sweep's results; choose one of " + choices);
        }
        this.metric = column;
        return this;
    }

    /** Every row has the column, every value is empty or a number, and at least one is a number. */
    private boolean holdsNumbers(String column) {
        boolean any = false;
        for (ResultRow r : rows) {
            String v = r.get(column);
            if (v == null) {
                return false;
            }
            if (!v.isBlank()) {
                try {
                    Double.parseDouble(v.trim());
                    any = true;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return any;
    }

    /** The words for the plotted metric on an axis, in a caption and in the report. */
    static String metricName(String column) {
        return switch (column) {
            case "i2t_r1" -> "image-to-text recall@1";
            case "t2i_r1" -> "text-to-image recall@1";
            case "i2t_r5" -> "image-to-text recall@5";
            case "t2i_r5" -> "text-to-image recall@5";
            default -> AxisLabel.of(column);
        };
    }

    private String name() {
        return metricName(metric);
    }

    /** 1 - metric; zero-shot keeps its established words. */
    private String errorName() {
        return metric.equals(TOP1) ? "zero-shot error" : name() + " error";
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Writes every figure that applies and the report; returns the figures. */
    public List<Figure> write() {
        notes.clear();
        if (!metric.equals(TOP1)) {
            notes.add("Every figure and table plots " + name() + " (column " + metric + "); error is 1 - " + name()
                    + ", and the fits are fitted to that error.");
        }
        curves("accuracy-vs-iterations", FinalRows.ITERATION, false,
                capital(name()) + " against training iterations; mean over seeds, bars one standard deviation.");
        curves("accuracy-vs-flops", ComputeLedger.TOTAL, true,
                capital(name()) + " against total FLOPs (training plus learner and reference scoring).");
        errorVsCompute();
        if (varies("filter-ratio")) {
            finals("accuracy-vs-filter-ratio", "filter-ratio", AxisLabel.of("filter-ratio"), r -> r.numberOrNaN("filter-ratio"), false, false, false,
                    "Final " + name() + " against the filtering ratio f (B = b / (1 - f)).");
        }
        if (varies("model")) {
            finals("error-vs-model-size", "model", "parameters", this::parameters, true, true, false,
                    "Final " + errorName() + " against model parameters (log-log).");
        }
        if (varies("keep") || varies("pool-pruning")) {
            keptFraction();
        }
        boolean byReference = varies("reference") || varies("curation-level");
        if (byReference && !metric.equals(TOP1)) {
            // a reference checkpoint records only its zero-shot top-1 (ReferenceAccuracy): no like-for-like point
            notes.add("learner-vs-reference is not drawn: a reference records only its zero-shot top-1, "
                    + "so that figure is drawn for zero-shot top-1 only.");
        } else if (byReference) {
            String col = varies("reference") ? "reference" : "curation-level";
            finals("learner-vs-reference", col, "reference zero-shot top-1", this::referenceAccuracy, false, false, true,
                    "Final learner zero-shot top-1 against its reference's zero-shot top-1, one point per curation level; "
                            + "above the grey dashed diagonal the learner has passed its reference.");
        }
        ReportPage.write(out, title(), name(), finalMetrics(), notes, figures, fits, provenance);
        return figures;
    }

    public FitReport fits() {
        return fits;
    }

    private boolean varies(String column) {
        return SweepGroups.varies(rows, column);
    }

    /** Mean ± sd over the cells of each group at each x. */
    private void curves(String stem, String x, boolean logX, String caption) {
        Map<String, TreeMap<Double, List<Double>>> byGroup = new LinkedHashMap<>();
        for (ResultRow r : rows) {
            double xv = r.numberOrNaN(x), yv = r.numberOrNaN(metric);
            if (Double.isFinite(xv) && Double.isFinite(yv) && (!logX || xv > 0)) {
                byGroup.computeIfAbsent(groups.label(r), g -> new TreeMap<>()).computeIfAbsent(xv, k -> new ArrayList<>()).add(yv);
            }
        }
        CurvePlot plot = new CurvePlot("", AxisLabel.of(x), name()).logX(logX);
        yTitles.put(stem, name());
        byGroup.forEach((g, atX) -> plot.add(MeanSeries.counted(g, atX)));
        plot.write(out.resolve(stem));
        figures.add(new Figure(stem, caption));
    }

    /** Error against total FLOPs, log-log, with each group's fitted saturating law dashed. */
    private void errorVsCompute() {
        List<ResultRow> fitRows = new ArrayList<>();
        for (ResultRow r : rows) {
            double c = r.numberOrNaN(ComputeLedger.TOTAL), a = r.numberOrNaN(metric);
            // Not the untrained model's row: the fit leaves it out (ObservationLoader), so the drawn points do too;
            // only JEST runs would have one here, at the cost of the one-off reference pre-scoring.
            if (c > 0 && Double.isFinite(a) && r.numberOrNaN(FinalRows.ITERATION) != 0) {
                fitRows.add(r.with("error", Double.toString(1 - a)).with("group", groups.label(r)));
            }
        }
        if (fitRows.isEmpty()) {
            return;
        }
        String seed = fitRows.get(0).has("seed") ? "seed" : null;
        try {
            fits = ScalingFits.fit(ObservationLoader.loadRows(fitRows, ComputeLedger.TOTAL, "error", "group", seed), Form.SATURATING, false,
                    null, 0L).withAxes(ComputeLedger.TOTAL, "error");
        } catch (IllegalArgumentException e) {
            fits = null; // too few points to fit: the figure still shows the data
        }
        Map<String, TreeMap<Double, List<Double>>> byGroup = new LinkedHashMap<>();
        for (ResultRow r : fitRows) {
            byGroup.computeIfAbsent(r.get("group"), g -> new TreeMap<>())
                    .computeIfAbsent(r.numberOrNaN(ComputeLedger.TOTAL), k -> new ArrayList<>()).add(r.numberOrNaN("error"));
        }
        CurvePlot plot = new CurvePlot("", AxisLabel.of(ComputeLedger.TOTAL), errorName()).logX(true).logY(true);
        yTitles.put("error-vs-compute", errorName());
        byGroup.forEach((g, atX) -> {
            plot.add(MeanSeries.counted(g, atX));
            if (fits != null) {
                FittedCurve c = fits.fits().stream().filter(f -> f.group().equals(g)).map(FitReport.GroupFit::curve).findFirst().orElse(null);
                if (c instanceof OneAxisCurve law) {
                    plot.add(CurvePlot.Series.fitted(g + " fit", law, atX.firstKey(), atX.lastKey()));
                }
            }
        });
        plot.write(out.resolve("error-vs-compute"));
        figures.add(new Figure("error-vs-compute", capital(errorName()) + " against total FLOPs (log-log) with the fitted "
                + "E(C) = E_inf + A C^-alpha dashed; the fit table is below."));
    }

    /**
     * Where a cell stands in the DBP paper's main figure: its line is its pruning method, a pipeline
     * without its last fraction ({@code semdedup+score:0.5+dbp}; "full pool" when unpruned), and its
     * x the fraction of the original pool it trains on (the last stage's fraction, else --keep; 1
     * unpruned). Null when the cell's pool pruning has no fraction known in advance (SemDeDup last).
     */
    static Map.Entry<String, Double> keptFractionPoint(Map<String, String> r) {
        String p = r.get("pool-pruning");
        if (p == null || p.isBlank() || p.trim().equalsIgnoreCase("none")) {
            return Map.entry("full pool", 1.0);
        }
        double keep = r.containsKey("keep") ? ResultRow.of("row", r).numberOrNaN("keep") : org.curationlab.train.RunSpec.defaults().pruning().keep();
        try {
            PruningPipeline pipeline = PruningPipeline.parse(p, keep, "pool-pruning");
            Double f = pipeline.finalFraction();
            return f == null ? null : Map.entry(pipeline.withoutFinalFraction(), f);
        } catch (CurationException e) {
            return null;
        }
    }

    /** Final accuracy against the fraction of the pool kept, one line per pruning method or pipeline (and other group). */
    private void keptFraction() {
        Function<ResultRow, String> line = r -> {
            Map.Entry<String, Double> pt = keptFractionPoint(r.values());
            String rest = groups.labelWithout(r, Set.of("pool-pruning", "keep"));
            return (pt == null ? "?" : pt.getKey()) + (rest.equals("all") ? "" : " (" + rest + ")");
        };
        finals("accuracy-vs-kept-fraction", line, "fraction of the pool kept", r -> {
                    Map.Entry<String, Double> pt = keptFractionPoint(r.values());
                    return pt == null ? null : pt.getValue();
                }, false, false, false,
                "Final " + name() + " against the fraction of the original pool kept, one line per pruning method or pipeline "
                        + "(a pipeline's line is its stages without the last fraction); the full pool at 1.");
    }

    /**
     * The final row of each cell, mean ± sd over seeds at each x, one line per other group; {@code diagonal}
     * adds y = x over the drawn range (where x and y are the same metric, as learner against reference).
     */
    private void finals(String stem, String column, String xLabel, Function<ResultRow, Double> x, boolean logX,
                        boolean error, boolean diagonal, String caption) {
        finals(stem, r -> groups.labelWithout(r, Set.of(column)), xLabel, x, logX, error, diagonal, caption);
    }

    private void finals(String stem, Function<ResultRow, String> line, String xLabel, Function<ResultRow, Double> x,
                        boolean logX, boolean error, boolean diagonal, String caption) {
        Map<String, TreeMap<Double, List<Double>>> byLine = new LinkedHashMap<>();
        for (ResultRow r : FinalRows.byKey(rows, groups::cell).values()) {
            Double xv = x.apply(r);
            double a = r.numberOrNaN(metric);
            if (xv != null && Double.isFinite(xv) && Double.isFinite(a)) {
                byLine.computeIfAbsent(line.apply(r), g -> new TreeMap<>()).computeIfAbsent(xv, k -> new ArrayList<>())
                        .add(error ? 1 - a : a);
            }
        }
        if (byLine.isEmpty()) {
            return;
        }
        CurvePlot plot = new CurvePlot("", xLabel, "final " + (error ? errorName() : name())).logX(logX).logY(error && logX);
        yTitles.put(stem, "final " + (error ? errorName() : name()));
        List<String> labels = new ArrayList<>();
        byLine.forEach((g, atX) -> {
            CurvePlot.Series series = MeanSeries.counted(g, atX);
            labels.add(series.label());
            plot.add(series);
        });
        if (diagonal) {
            DoubleSummaryStatistics range = new DoubleSummaryStatistics();
            byLine.values().forEach(atX -> atX.forEach((xv, ys) -> {
                range.accept(xv);
                ys.forEach(range::accept);
            }));
            CurvePlot.Series guide = CurvePlot.Series.diagonal("learner = reference", range.getMin(), range.getMax());
            labels.add(guide.label());
            plot.add(guide);
        }
        plot.write(out.resolve(stem));
        finalLines.put(stem, labels);
        figures.add(new Figure(stem, caption));
    }

    /** The final metric of each group's cells, mean ± sd, groups in sorted order (the report's first table). */
    private Map<String, MeanSd> finalMetrics() {
        Map<String, List<Double>> byGroup = new TreeMap<>();
        FinalRows.byKey(rows, groups::cell).values().forEach(r ->
                byGroup.computeIfAbsent(groups.label(r), g -> new ArrayList<>()).add(r.numberOrNaN(metric)));
        Map<String, MeanSd> out = new LinkedHashMap<>();
        byGroup.forEach((g, v) -> out.put(g, MeanSd.of(v)));
        return out;
    }

    /** The y-axis title of a figure (null when it was not drawn). */
    String yTitleOf(String stem) {
        return yTitles.get(stem);
    }

    /** The legend of a figure of final values (empty when it was not drawn). */
    List<String> linesOf(String stem) {
        return finalLines.getOrDefault(stem, List.of());
    }

    /** Parameters of the row's model (the ladder's two-tower at its defaults; a run on your pairs at its own shape, from its cell). */
    Double parameters(ResultRow r) {
        return parameters.count(r.values());
    }

    /** The zero-shot top-1 its reference recorded (see {@link ReferenceAccuracy}). */
    Double referenceAccuracy(ResultRow r) {
        return references.of(r);
    }

    private String title() {
        Object spec = provenance.get("spec");
        Object name = spec instanceof Map<?, ?> m ? m.get("name") : null;
        return "Sweep " + (name == null ? out.getFileName() : name);
    }
}
