package org.curationlab.harness.plot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CurvePlotTest {
    private static int heightWith(int lines, Path dir) throws IOException {
        CurvePlot plot = new CurvePlot("", "x", "y");
        for (int i = 0; i < lines; i++) {
            plot.add(CurvePlot.Series.of("line " + i, new double[]{1, 2}, new double[]{i, i + 1}));
        }
        return ImageIO.read(plot.write(dir.resolve("lines-" + lines)).toFile()).getHeight();
    }

    /** Past the palette's eight colours a curve would share its colour and shape with an earlier one: its marker changes. */
    @Test
    void curvesPastThePaletteTakeANewMarker() {
        int n = CurvePlot.PALETTE.length;
        assertEquals(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE, CurvePlot.marker(0));
        assertEquals(CurvePlot.marker(0), CurvePlot.marker(n - 1));
        java.util.Set<Object> shapes = new java.util.HashSet<>();
        for (int i = 0; i < 4 * n; i += n) {
            shapes.add(CurvePlot.marker(i));
        }
        assertEquals(4, shapes.size(), "each repeat of the palette has its own marker");
    }

    @Test
    void aLongLegendGoesBelowThePlotWhichGrowsToKeepItsHeight(@TempDir Path dir) throws IOException {
        int few = heightWith(CurvePlot.LEGEND_INSIDE_MAX, dir);
        assertEquals(few, heightWith(1, dir), "a short legend sits inside: the figure keeps its size");
        assertTrue(heightWith(CurvePlot.LEGEND_INSIDE_MAX + 2, dir) > few, "a long legend is drawn below the plot");
    }

    private static java.awt.image.BufferedImage withLabel(String label, Path dir, String name) throws IOException {
        CurvePlot plot = new CurvePlot("", "x", "y").add(CurvePlot.Series.of(label, new double[]{1, 2}, new double[]{0, 1}));
        return ImageIO.read(plot.write(dir.resolve(name)).toFile());
    }

    @Test
    void aLongLabelWidensTheFigureAndGoesBelowThePlot(@TempDir Path dir) throws IOException {
        var shortLabel = withLabel("method=uniform, noise=web (n=3)", dir, "short");
        var longLabel = withLabel("method=hard-learner, noise=misaligned=0.32,generic=0.16,corrupted=0.16,"
                + "duplicate=0.16,longtail=0.5 (n=3)", dir, "long");
        assertTrue(longLabel.getWidth() > shortLabel.getWidth(), "the figure widens to the longest label");
        assertTrue(longLabel.getHeight() > shortLabel.getHeight(), "a long label is drawn below the plot, not over it");
    }
}
