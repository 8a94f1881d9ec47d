package org.curationlab.harness.plot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.curationlab.data.CurationException;
import org.curationlab.harness.fit.FitReport;
import org.curationlab.harness.fit.FittedCurve;
import org.curationlab.harness.fit.Form;
import org.curationlab.harness.fit.ModelParameters;
import org.curationlab.harness.fit.ObservationLoader;
import org.curationlab.harness.fit.ScalingFits;
import org.curationlab.pruning.PruningPipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The DESIGN §5 figures of one sweep, chosen by its axes, plus an offline {@code report.html}:
 * accuracy against iterations and against total FLOPs per group (mean over seeds, ± one standard
 * deviation); error against compute on log-log axes with the fitted saturating law dashed; and,
 * when the sweep varies them, final accuracy against the filtering ratio, final error against
 * model parameters, final accuracy against the kept fraction of the pool, and learner against
 * reference accuracy. A group is one combination of the non-seed axes (or of {@code --by}).
 */
public final class FigureSet {
    /** One figure written: its file stem and a caption. */
    public record Figure(String stem, String caption) {
    }

    private final List<Map<String, String>> rows;
    private final List<String> groupColumns;
    private final Map<String, Object> provenance;
    private final Path out;
    private Path sweepDir;
    private final List<Figure> figures = new ArrayList<>();
    /** The line labels of each figure of final values, by stem (what a reader finds in its legend). */
    private final Map<String, List<String>> finalLines = new LinkedHashMap<>();
    private FitReport fits;

    /**
     * @param rows         the sweep's results.csv rows
     * @param groupColumns columns whose values make a group (the non-seed axes, or --by)
     * @param provenance   the sweep's sweep.json, shown in the report (may be empty)
     * @param out          folder for the figures and report.html
     */
    public FigureSet(List<Map<String, String>> rows, List<String> groupColumns, Map<String, Object> provenance, Path out) {
        if (rows.isEmpty()) {
            throw new CurationException("the sweep holds no finished cell yet");
        }
        for (String c : groupColumns) {
            if (!rows.get(0).containsKey(c)) {
                throw new CurationException("no column '" + c + "' in the sweep's results; columns are " + rows.get(0).keySet());
            }
        }
        this.rows = rows;
        this.groupColumns = groupColumns;
        this.provenance = provenance;
        this.out = out;
    }

    /**
     * The sweep folder the rows came from: a cell whose reference is a curation level (trained and
     * cached on first use) finds the checkpoint it used, and so its accuracy, in its provenance.
     */
    public FigureSet sweepDir(Path dir) {
        this.sweepDir = dir;
        return this;
    }

    /** Writes every figure that applies and the report; returns the figures. */
    public List<Figure> write() {
        curves("accuracy-vs-iterations", "iteration", "zeroshot_top1", false,
                "Zero-shot top-1 against training iterations; mean over seeds, bars one standard deviation.");
        curves("accuracy-vs-flops", "flops_total", "zeroshot_top1", true,
                "Zero-shot top-1 against total FLOPs (training plus learner and reference scoring).");
        errorVsCompute();
        if (varies("filter-ratio")) {
            finals("accuracy-vs-filter-ratio", "filter-ratio", "filtering ratio f", r -> num(r, "filter-ratio"), false, false,
                    "Final zero-shot top-1 against the filtering ratio f (B = b / (1 - f)).");
        }
        if (varies("model")) {
            finals("error-vs-model-size", "model", "parameters", FigureSet::parameters, true, true,
                    "Final zero-shot error against model parameters (log-log).");
        }
        if (varies("keep") || varies("pool-pruning")) {
            keptFraction();
        }
        if (varies("reference") || varies("curation-level")) {
            String col = varies("reference") ? "reference" : "curation-level";
            finals("learner-vs-reference", col, "reference zero-shot top-1", this::referenceAccuracy, false, false,
                    "Final learner zero-shot top-1 against its reference's zero-shot top-1, one point per curation level.");
        }
        report();
        return figures;
    }

    public FitReport fits() {
        return fits;
    }

    private boolean varies(String column) {
        return rows.get(0).containsKey(column) && rows.stream().map(r -> r.get(column)).distinct().count() > 1;
    }

    private String group(Map<String, String> r) {
        if (groupColumns.isEmpty()) {
            return "all";
        }
        StringBuilder sb = new StringBuilder();
        for (String c : groupColumns) {
            sb.append(sb.length() == 0 ? "" : ", ").append(groupColumns.size() == 1 ? "" : c + "=").append(r.get(c));
        }
        return sb.toString();
    }

    private String groupWithout(Map<String, String> r, String column) {
        StringBuilder sb = new StringBuilder();
        for (String c : groupColumns) {
            if (!c.equals(column)) {
                sb.append(sb.length() == 0 ? "" : ", ").append(c).append('=').append(r.get(c));
            }
        }
        return sb.length() == 0 ? "all" : sb.toString();
    }

    /** Mean ± sd over the cells of each group at each x. */
    private void curves(String stem, String x, String y, boolean logX, String caption) {
        Map<String, TreeMap<Double, List<Double>>> byGroup = new LinkedHashMap<>();
        for (Map<String, String> r : rows) {
            double xv = num(r, x), yv = num(r, y);
            if (Double.isFinite(xv) && Double.isFinite(yv) && (!logX || xv > 0)) {
                byGroup.computeIfAbsent(group(r), g -> new TreeMap<>()).computeIfAbsent(xv, k -> new ArrayList<>()).add(yv);
            }
        }
        CurvePlot plot = new CurvePlot("", label(x), label(y)).logX(logX);
        byGroup.forEach((g, atX) -> plot.add(meanSeries(g, atX)));
        plot.write(out.resolve(stem));
        figures.add(new Figure(stem, caption));
    }

    /** Error against total FLOPs, log-log, with each group's fitted saturating law dashed. */
    private void errorVsCompute() {
        List<Map<String, String>> fitRows = new ArrayList<>();
        for (Map<String, String> r : rows) {
            double c = num(r, "flops_total"), a = num(r, "zeroshot_top1");
            // Not the untrained model's row: the fit leaves it out (ObservationLoader), so the drawn points do too;
            // only JEST runs would have one here, at the cost of the one-off reference pre-scoring.
            if (c > 0 && Double.isFinite(a) && num(r, "iteration") != 0) {
                Map<String, String> f = new LinkedHashMap<>(r);
                f.put("error", Double.toString(1 - a));
                f.put("group", group(r));
                fitRows.add(f);
            }
        }
        if (fitRows.isEmpty()) {
            return;
        }
        String seed = fitRows.get(0).containsKey("seed") ? "seed" : null;
        try {
            fits = ScalingFits.fit(ObservationLoader.load(fitRows, "flops_total", "error", "group", seed), Form.SATURATING, false,
                    null, 0L).withAxes("flops_total", "error");
        } catch (IllegalArgumentException e) {
            fits = null; // too few points to fit: the figure still shows the data
        }
        Map<String, TreeMap<Double, List<Double>>> byGroup = new LinkedHashMap<>();
        for (Map<String, String> r : fitRows) {
            byGroup.computeIfAbsent(r.get("group"), g -> new TreeMap<>())
                    .computeIfAbsent(num(r, "flops_total"), k -> new ArrayList<>()).add(num(r, "error"));
        }
        CurvePlot plot = new CurvePlot("", "total FLOPs", "zero-shot error").logX(true).logY(true);
        byGroup.forEach((g, atX) -> {
            plot.add(meanSeries(g, atX));
            if (fits != null) {
                FittedCurve c = fits.fits().stream().filter(f -> f.group().equals(g)).map(FitReport.GroupFit::curve).findFirst().orElse(null);
                if (c != null) {
                    double lo = atX.firstKey(), hi = atX.lastKey();
                    double[] xs = new double[40], ys = new double[40];
                    Map<String, Double> p = c.parameters();
                    for (int i = 0; i < 40; i++) {
                        xs[i] = lo * Math.pow(hi / lo, i / 39.0);
                        ys[i] = p.get("e_inf") + p.get("a") * Math.pow(xs[i], -p.get("alpha"));
                    }
                    plot.add(new CurvePlot.Series(g + " fit", xs, ys, null, true));
                }
            }
        });
        plot.write(out.resolve("error-vs-compute"));
        figures.add(new Figure("error-vs-compute", "Zero-shot error against total FLOPs (log-log) with the fitted "
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
        double keep = r.containsKey("keep") ? num(r, "keep") : org.curationlab.train.RunSpec.defaults().keep();
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
        Function<Map<String, String>, String> line = r -> {
            Map.Entry<String, Double> pt = keptFractionPoint(r);
            String rest = groupWithout(r, Set.of("pool-pruning", "keep"));
            return (pt == null ? "?" : pt.getKey()) + (rest.equals("all") ? "" : " (" + rest + ")");
        };
        finals("accuracy-vs-kept-fraction", line, "fraction of the pool kept", r -> {
                    Map.Entry<String, Double> pt = keptFractionPoint(r);
                    return pt == null ? null : pt.getValue();
                }, false, false,
                "Final zero-shot top-1 against the fraction of the original pool kept, one line per pruning method or pipeline "
                        + "(a pipeline's line is its stages without the last fraction); the full pool at 1.");
    }

    private String groupWithout(Map<String, String> r, Set<String> columns) {
        StringBuilder sb = new StringBuilder();
        for (String c : groupColumns) {
            if (!columns.contains(c)) {
                sb.append(sb.length() == 0 ? "" : ", ").append(c).append('=').append(r.get(c));
            }
        }
        return sb.length() == 0 ? "all" : sb.toString();
    }

    /** The final row of each cell, mean ± sd over seeds at each x, one line per other group. */
    private void finals(String stem, String column, String xLabel, Function<Map<String, String>, Double> x, boolean logX,
                        boolean error, String caption) {
        finals(stem, r -> groupWithout(r, column), xLabel, x, logX, error, caption);
    }

    private void finals(String stem, Function<Map<String, String>, String> line, String xLabel, Function<Map<String, String>, Double> x,
                        boolean logX, boolean error, String caption) {
        Map<String, Map<String, String>> last = new LinkedHashMap<>();
        for (Map<String, String> r : rows) {
            String cell = r.getOrDefault("cell", group(r) + "/" + r.get("seed"));
            Map<String, String> cur = last.get(cell);
            if (cur == null || num(r, "iteration") >= num(cur, "iteration")) {
                last.put(cell, r);
            }
        }
        Map<String, TreeMap<Double, List<Double>>> byLine = new LinkedHashMap<>();
        for (Map<String, String> r : last.values()) {
            Double xv = x.apply(r);
            double a = num(r, "zeroshot_top1");
            if (xv != null && Double.isFinite(xv) && Double.isFinite(a)) {
                byLine.computeIfAbsent(line.apply(r), g -> new TreeMap<>()).computeIfAbsent(xv, k -> new ArrayList<>())
                        .add(error ? 1 - a : a);
            }
        }
        if (byLine.isEmpty()) {
            return;
        }
        CurvePlot plot = new CurvePlot("", xLabel, error ? "final zero-shot error" : "final zero-shot top-1").logX(logX).logY(error && logX);
        List<String> labels = new ArrayList<>();
        byLine.forEach((g, atX) -> {
            CurvePlot.Series series = meanSeries(g, atX);
            labels.add(series.label());
            plot.add(series);
        });
        plot.write(out.resolve(stem));
        finalLines.put(stem, labels);
        figures.add(new Figure(stem, caption));
    }

    /** The legend of a figure of final values (empty when it was not drawn). */
    List<String> linesOf(String stem) {
        return finalLines.getOrDefault(stem, List.of());
    }

    private static CurvePlot.Series meanSeries(String label, TreeMap<Double, List<Double>> atX) {
        double[] xs = new double[atX.size()], ys = new double[atX.size()], err = new double[atX.size()];
        int k = 0;
        int n = 0;
        for (Map.Entry<Double, List<Double>> e : atX.entrySet()) {
            List<Double> v = e.getValue();
            double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double var = v.size() < 2 ? 0 : v.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum() / (v.size() - 1);
            xs[k] = e.getKey();
            ys[k] = mean;
            err[k++] = Math.sqrt(var);
            n = Math.max(n, v.size());
        }
        return new CurvePlot.Series(label + (n > 1 ? " (n=" + n + ")" : ""), xs, ys, n > 1 ? err : null, false);
    }

    static double num(Map<String, String> r, String col) {
        String v = r.get(col);
        if (v == null || v.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Parameters of the row's model (the ladder's CNN or MLP two-tower at its defaults). */
    static Double parameters(Map<String, String> r) {
        return ModelParameters.of(r);
    }

    /**
     * The zero-shot top-1 its reference recorded (FILE.json beside the checkpoint): the row's
     * reference setting when it is a file, else the checkpoint its cell's provenance names.
     */
    Double referenceAccuracy(Map<String, String> r) {
        String ref = r.get("reference");
        if (ref == null) {
            return null;
        }
        Double direct = accuracyBeside(Path.of(ref));
        if (direct != null || sweepDir == null || r.get("cell") == null) {
            return direct;
        }
        Path provenance = sweepDir.resolve("cells").resolve(r.get("cell")).resolve("provenance.json");
        try {
            var used = Files.isRegularFile(provenance) ? new ObjectMapper().readTree(provenance.toFile()).findValue("reference") : null;
            return used == null ? null : accuracyBeside(Path.of(used.asText()));
        } catch (IOException e) {
            return null;
        }
    }

    private static Double accuracyBeside(Path checkpoint) {
        Path json = Path.of(checkpoint + ".json");
        if (!Files.isRegularFile(json)) {
            return null;
        }
        try {
            var v = new ObjectMapper().readTree(json.toFile()).findValue("zeroshot_top1");
            return v == null ? null : v.asDouble();
        } catch (IOException e) {
            return null;
        }
    }

    private static String label(String column) {
        return switch (column) {
            case "iteration" -> "iterations";
            case "flops_total" -> "total FLOPs";
            case "zeroshot_top1" -> "zero-shot top-1";
            default -> column;
        };
    }

    /** report.html: every figure (inline SVG, so the page is one offline file with its folder), the fits, provenance. */
    private void report() {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title()))
                .append("</title>\n<style>body{font-family:sans-serif;max-width:980px;margin:2em auto;color:#222}"
                        + "figure{margin:1.5em 0}figcaption{font-size:90%;color:#444}table{border-collapse:collapse;font-size:90%}"
                        + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}"
                        + "pre{background:#f7f7f7;padding:1em;overflow:auto;font-size:85%}</style></head><body>\n");
        h.append("<h1>").append(esc(title())).append("</h1>\n");
        h.append("<h2>Final metrics</h2>\n").append(finalTable());
        for (Figure f : figures) {
            h.append("<figure><img src=\"").append(f.stem()).append(".svg\" alt=\"").append(f.stem()).append("\" width=\"640\">")
                    .append("<figcaption><b>").append(f.stem()).append("</b>: ").append(esc(f.caption())).append("</figcaption></figure>\n");
        }
        if (fits != null) {
            h.append("<h2>Fits: error = E_inf + A &middot; FLOPs<sup>-alpha</sup></h2>\n<table><tr><th>group</th><th>E_inf</th><th>A</th>"
                    + "<th>alpha</th><th>rmse (log)</th><th>points</th></tr>\n");
            for (FitReport.GroupFit g : fits.fits()) {
                Map<String, Double> p = g.curve().parameters();
                h.append(String.format(Locale.ROOT, "<tr><td style=\"text-align:left\">%s</td><td>%.4f %s</td><td>%.4g</td><td>%.3f %s</td>"
                                + "<td>%.4f</td><td>%d</td></tr>%n", esc(g.group()), p.get("e_inf"), interval(g, "e_inf"), p.get("a"),
                        p.get("alpha"), interval(g, "alpha"), g.curve().rmseLog(), g.curve().n()));
            }
            h.append("</table>\n<p>Intervals: bootstrap over seeds (").append(fits.resamples()).append(" resamples). Full JSON: "
                    + "<a href=\"fits.json\">fits.json</a>.</p>\n");
        }
        try {
            h.append("<h2>Provenance</h2>\n<pre>").append(esc(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(provenance))).append("</pre>\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        h.append("</body></html>\n");
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("report.html"), h);
            if (fits != null) {
                Files.writeString(out.resolve("fits.json"), fits.toJson());
            }
        } catch (IOException e) {
            throw new CurationException(out + ": the report cannot be written (" + e.getMessage() + ")", e);
        }
    }

    private String title() {
        Object spec = provenance.get("spec");
        Object name = spec instanceof Map<?, ?> m ? m.get("name") : null;
        return "Sweep " + (name == null ? out.getFileName() : name);
    }

    private String finalTable() {
        Map<String, List<Double>> finals = new TreeMap<>();
        Map<String, double[]> last = new LinkedHashMap<>();
        Map<String, String> cellGroup = new LinkedHashMap<>();
        for (Map<String, String> r : rows) {
            String cell = r.getOrDefault("cell", group(r) + "/" + r.get("seed"));
            double it = num(r, "iteration");
            double[] cur = last.get(cell);
            if (cur == null || it >= cur[0]) {
                last.put(cell, new double[]{it, num(r, "zeroshot_top1"), num(r, "flops_total")});
                cellGroup.put(cell, group(r));
            }
        }
        last.forEach((cell, v) -> finals.computeIfAbsent(cellGroup.get(cell), g -> new ArrayList<>()).add(v[1]));
        StringBuilder t = new StringBuilder("<table><tr><th>group</th><th>cells</th><th>final zero-shot top-1 (mean)</th><th>sd</th></tr>\n");
        finals.forEach((g, v) -> {
            double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double sd = v.size() < 2 ? Double.NaN : Math.sqrt(v.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum() / (v.size() - 1));
            t.append(String.format(Locale.ROOT, "<tr><td style=\"text-align:left\">%s</td><td>%d</td><td>%.4f</td><td>%s</td></tr>%n",
                    esc(g), v.size(), mean, Double.isNaN(sd) ? "-" : String.format(Locale.ROOT, "%.4f", sd)));
        });
        return t.append("</table>\n").toString();
    }

    private static String interval(FitReport.GroupFit g, String key) {
        var iv = g.intervals().get(key);
        return iv == null || Double.isNaN(iv.lo()) ? "" : String.format(Locale.ROOT, "[%.4g, %.4g]", iv.lo(), iv.hi());
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
