package org.curationlab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code curate data info|show --pairs}: a CSV of three good pairs (one caption on two lines, so
 * the missing image's row is line 6) and one missing image.
 */
class DataPairsCommandTest {
    @TempDir
    Path tmp;

    private Path csv() throws IOException {
        Color[] colours = {Color.RED, Color.GREEN, Color.BLUE};
        for (int i = 0; i < colours.length; i++) {
            BufferedImage img = new BufferedImage(30 + 10 * i, 20, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(colours[i]);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.dispose();
            ImageIO.write(img, "png", tmp.resolve("p" + i + ".png").toFile());
        }
        Path f = tmp.resolve("pairs.csv");
        Files.writeString(f, "filepath,title,kind\n"
                + "p0.png,\"a red box, <b>bold</b> \"\"quoted\"\"\",warm\n"
                + "p1.png,a green box,cold\n"
                + "p2.png,\"a blue\nbox\",cold\n"
                + "gone.png,a missing picture,cold\n");
        return f;
    }

    private String[] args(String verb, Path source, String... more) {
        String[] base = {"data", verb, "--pairs", source.toString(), "--cache-dir", tmp.resolve("cache").toString(),
                "--label-column", "kind"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void infoCountsSizesLengthsLabelsAndSkips() throws IOException {
        Path f = csv();
        CliRun r = CliRun.of(args("info", f, "--max-bad", "0.25"));
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        assertTrue(out.contains("loaded      3 pairs of 4 items; 1 skipped (25.0%)"), out);
        assertTrue(out.contains("30 x 20") && out.contains("50 x 20"), out);
        assertTrue(out.contains("caption length in words  min 3, median 3, max 7"), out);
        assertTrue(out.contains("labels      2") && out.contains("cold"), out);
        assertTrue(out.contains("image file missing") && out.contains("pairs.csv:6: image file missing ('gone.png' does not exist)"), out);
        assertTrue(out.contains("all listed in "), out);
        assertTrue(out.contains("\"a red box, <b>bold</b> \"quoted\"\""), out);
        assertTrue(out.contains("written: decoded now"), out);
        CliRun again = CliRun.of(args("info", f, "--max-bad", "0.25"));
        assertTrue(again.out().contains("read: the source is unchanged"), again.out());
    }

    @Test
    void showDrawsTheSamplesWithTheirCaptions() throws IOException {
        Path png = tmp.resolve("grid.png");
        CliRun r = CliRun.of(args("show", csv(), "--out", png.toString(), "--image-size", "32", "--max-bad", "0.25"));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("3 of 3 pairs, 1 skipped, listed in"), r.out());
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img);
        assertTrue(img.getWidth() > 600, img.getWidth() + "x" + img.getHeight());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--image-column|picture|no column 'picture'",
            "--channels|2|--channels: 2",
            "--image-size|2|--image-size: 2",
            "--max-bad|0.1|--max-bad: 1 of the 4 items",
            "--label-from|parent|--label-from: 'parent'",
            "--samples|0|--samples: 0"})
    void badInputIsOneLineNamingTheFlag(String flag, String value, String message) throws IOException {
        String verb = flag.equals("--samples") ? "show" : "info";
        String[] more = verb.equals("show") ? new String[]{flag, value, "--out", tmp.resolve("g.png").toString(), "--max-bad", "0.5"}
                : new String[]{flag, value};
        CliRun r = CliRun.of(args(verb, csv(), more));
        assertEquals(Curate.EXIT_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains(message), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.clean(), r.err());
    }
}
