package org.curationlab.harness.plot;

import org.curationlab.data.CurationException;
import org.curationlab.harness.fit.OneAxisCurve;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Paper-style line plots (XChart), written as PNG and SVG side by side: white background, thin
 * lines with markers, error bars where given, optional log axes, dashed lines for fitted curves.
 */
public final class CurvePlot {
    /** The marker of the i-th data series: circles for the first palette's worth, then a new shape each time the colours repeat. */
    static Marker marker(int i) {
        return MARKERS[i / PALETTE.length % MARKERS.length];
    }

    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
            SeriesMarkers.TRIANGLE_UP};

    /** Colour-blind-safe palette (Okabe–Ito). */
    static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
            new Color(0xE69F00), new Color(0x56B4E9), new Color(0xF0E442), Color.BLACK};

    /** How a series is drawn: data (markers and a line), a fitted law (dashed, in its data's colour), a guide (dashed grey). */
    public enum Kind { DATA, FITTED, GUIDE }

    /** One curve; {@code yErr} may be null. */
    public record Series(String label, double[] x, double[] y, double[] yErr, Kind kind) {
        public static Series of(String label, double[] x, double[] y) {
            return new Series(label, x, y, null, Kind.DATA);
        }

        /** The line y = x over [lo, hi], e.g. where a learner's accuracy equals its reference's. */
        public static Series diagonal(String label, double lo, double hi) {
            return new Series(label, new double[]{lo, hi}, new double[]{lo, hi}, null, Kind.GUIDE);
        }

        /** A fitted law drawn dashed over [lo, hi], at 40 points evenly spaced in log x. */
        public static Series fitted(String label, OneAxisCurve curve, double lo, double hi) {
            double[] xs = new double[40], ys = new double[40];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = lo * Math.pow(hi / lo, i / (xs.length - 1.0));
                ys[i] = curve.predict(xs[i]);
            }
            return new Series(label, xs, ys, null, Kind.FITTED);
        }
    }

    /** The most legend entries drawn inside the plot area. */
    static final int LEGEND_INSIDE_MAX = 4;
    /** A label wider than this (pixels) sends the legend below the plot. */
    static final int LEGEND_INSIDE_MAX_WIDTH = 260;
    /** The figure's width unless a legend label needs more. */
    static final int WIDTH = 640;
    /** The legend's marker, padding and border around its widest label, and the chart's own margins. */
    private static final int LEGEND_MARGIN = 110;
    private static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    /** Measures labels in the legend's font (an off-screen graphics context, so headless works). */
    private static final FontMetrics LEGEND_METRICS = legendMetrics();

    private static FontMetrics legendMetrics() {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            return g.getFontMetrics(LEGEND_FONT);
        } finally {
            g.dispose();
        }
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private boolean logX;
    private boolean logY;
    private boolean scatter;

    public CurvePlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public CurvePlot add(Series s) {
        series.add(s);
        return this;
    }

    public CurvePlot logX(boolean on) {
        logX = on;
        return this;
    }

    /** Markers only, no lines between points (a cloud, e.g. one point per cluster). */
    public CurvePlot scatter(boolean on) {
        scatter = on;
        return this;
    }

    public CurvePlot logY(boolean on) {
        logY = on;
        return this;
    }

    /** Writes {@code base.png} and {@code base.svg}; returns the PNG path. */
    public Path write(Path base) {
        // Past a few entries, or with a long label, an inside legend hides points: it goes below the
        // plot, which grows to keep its height, and widens to the longest label (XChart neither
        // wraps nor clips a legend: a wider one pushed the whole figure off the image's left edge).
        long entries = series.stream().filter(s -> s.x().length > 0).count();
        int labelWidth = series.stream().filter(s -> s.x().length > 0)
                .mapToInt(s -> LEGEND_METRICS.stringWidth(s.label())).max().orElse(0);
        boolean legendBelow = entries > LEGEND_INSIDE_MAX || labelWidth > LEGEND_INSIDE_MAX_WIDTH;
        int height = legendBelow ? 440 + 18 * (int) entries : 440;
        int width = Math.max(WIDTH, labelWidth + LEGEND_MARGIN);
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        Styler.ChartTheme theme = Styler.ChartTheme.Matlab;
        chart.getStyler().setTheme(new org.knowm.xchart.style.theme.MatlabTheme());
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBorderVisible(true);
        chart.getStyler().setPlotGridLinesColor(new Color(0xE5E5E5));
        chart.getStyler().setLegendBorderColor(new Color(0xCCCCCC));
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        chart.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        chart.getStyler().setLegendFont(LEGEND_FONT);
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        // Decade-only ticks leave an axis that spans less than a decade (errors, short compute
        // ranges) without a single label, so label within decades only then; wider spans would crowd.
        chart.getStyler().setXAxisLogarithmicDecadeOnly(decades(true) >= 1);
        chart.getStyler().setYAxisLogarithmicDecadeOnly(decades(false) >= 1);
        // Curves here rise (accuracy, bottom-right free) or, on a log error axis, fall (bottom-left free).
        chart.getStyler().setLegendPosition(legendBelow ? Styler.LegendPosition.OutsideS
                : logY ? Styler.LegendPosition.InsideSW : Styler.LegendPosition.InsideSE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        chart.getStyler().setMarkerSize(6);
        int colour = 0;
        for (Series s : series) {
            if (s.x().length == 0) {
                continue;
            }
            XYSeries xy = s.yErr() == null ? chart.addSeries(s.label(), s.x(), s.y())
                    : chart.addSeries(s.label(), s.x(), s.y(), s.yErr());
            int index = s.kind() == Kind.DATA ? colour++ : Math.max(0, colour - 1);
            Color c = s.kind() == Kind.GUIDE ? Color.GRAY : PALETTE[index % PALETTE.length];
            xy.setLineColor(c);
            xy.setMarkerColor(c);
            if (s.kind() != Kind.DATA) {
                xy.setMarker(SeriesMarkers.NONE);
                xy.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[]{6f, 4f}, 0f));
            } else {
                xy.setMarker(marker(index));
                xy.setLineStyle(scatter ? org.knowm.xchart.style.lines.SeriesLines.NONE : new BasicStroke(1.8f));
            }
        }
        try {
            Path abs = base.toAbsolutePath();
            Files.createDirectories(abs.getParent());
            BitmapEncoder.saveBitmapWithDPI(chart, abs.toString(), BitmapEncoder.BitmapFormat.PNG, 150);
            VectorGraphicsEncoder.saveVectorGraphic(chart, abs.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return Path.of(abs + ".png");
        } catch (IOException e) {
            throw new CurationException(base + ": the plot cannot be written (" + e.getMessage() + ")", e);
        }
    }

    /** How many decades the positive values on one axis span (0 when there are none). */
    private double decades(boolean xAxis) {
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (Series s : series) {
            for (double v : xAxis ? s.x() : s.y()) {
                if (v > 0 && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return hi > 0 ? Math.log10(hi / lo) : 0;
    }
}
