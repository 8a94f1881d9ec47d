package org.curationlab.harness.plot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.curationlab.data.CurationException;
import org.curationlab.harness.fit.FitReport;
import org.curationlab.harness.summary.MeanSd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A sweep's {@code report.html}, one offline page: the final metrics per group, every figure
 * (its SVG beside the page) with its caption, the fit table, and the sweep's provenance. Its
 * style sheet is the resource {@code report.css}, inlined so the page needs nothing else.
 */
final class ReportPage {
    private static final String CSS = css();

    private ReportPage() {
    }

    /**
     * Writes {@code out/report.html} (and {@code out/fits.json} when there are fits).
     *
     * @param metric the words for the plotted metric (zero-shot top-1 unless --metric)
     * @param finals the final metric of each group's cells, in the table's order
     * @param notes  paragraphs shown under that table (what was plotted when it is not zero-shot)
     */
    static void write(Path out, String title, String metric, Map<String, MeanSd> finals, List<String> notes,
                      List<FigureSet.Figure> figures, FitReport fits, Map<String, Object> provenance) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title>\n<style>").append(CSS).append("</style></head><body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n");
        h.append("<h2>Final metrics</h2>\n").append(finalTable(metric, finals));
        notes.forEach(n -> h.append("<p>").append(esc(n)).append("</p>\n"));
        for (FigureSet.Figure f : figures) {
            h.append("<figure><img src=\"").append(attr(f.stem())).append(".svg\" alt=\"").append(attr(f.stem())).append("\" width=\"640\">")
                    .append("<figcaption><b>").append(esc(f.stem())).append("</b>: ").append(esc(f.caption())).append("</figcaption></figure>\n");
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

    private static String finalTable(String metric, Map<String, MeanSd> finals) {
        StringBuilder t = new StringBuilder("<table><tr><th>group</th><th>cells</th><th>final " + esc(metric) + " (mean)</th><th>sd</th></tr>\n");
        finals.forEach((g, s) -> t.append(String.format(Locale.ROOT,
                "<tr><td style=\"text-align:left\">%s</td><td>%d</td><td>%.4f</td><td>%s</td></tr>%n",
                esc(g), s.n(), s.mean(), s.hasSpread() && !Double.isNaN(s.sd()) ? String.format(Locale.ROOT, "%.4f", s.sd()) : "-")));
        return t.append("</table>\n").toString();
    }

    private static String interval(FitReport.GroupFit g, String key) {
        var iv = g.intervals().get(key);
        return iv == null || Double.isNaN(iv.lo()) ? "" : String.format(Locale.ROOT, "[%.4g, %.4g]", iv.lo(), iv.hi());
    }

    /**
     * Text between tags, shown as written: a caption, group name or path holding {@code <script>}
     * or {@code &} is text, never markup. Quotes need no escape there (and keep the pages of
     * committed results byte for byte).
     */
    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** An attribute value between double quotes: {@link #esc} and the quotes too. */
    static String attr(String s) {
        return esc(s).replace("\"", "&quot;").replace("'", "&#39;");
    }

    private static String css() {
        try (InputStream in = ReportPage.class.getResourceAsStream("report.css")) {
            if (in == null) {
                throw new IllegalStateException("report.css is missing from the harness jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException("report.css cannot be read", e);
        }
    }
}
