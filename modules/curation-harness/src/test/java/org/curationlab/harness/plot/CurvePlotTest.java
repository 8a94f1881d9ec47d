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

    @Test
    void aLongLegendGoesBelowThePlotWhichGrowsToKeepItsHeight(@TempDir Path dir) throws IOException {
        int few = heightWith(CurvePlot.LEGEND_INSIDE_MAX, dir);
        assertEquals(few, heightWith(1, dir), "a short legend sits inside: the figure keeps its size");
        assertTrue(heightWith(CurvePlot.LEGEND_INSIDE_MAX + 2, dir) > few, "a long legend is drawn below the plot");
    }
}
