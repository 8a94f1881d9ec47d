package org.curationlab.data.view;

import org.curationlab.data.CurationException;
import org.curationlab.data.ImageSet;
import org.curationlab.data.PairFlag;
import org.curationlab.data.PairPool;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Draws pool samples as a grid of images with their captions and provenance flags, so that a
 * person can look at the pool and see what each noise kind does to a pair.
 */
public final class PoolSampleGrid {
    private static final int SCALE = 4;
    private static final int CELL_W = ImageSet.SIDE * SCALE + 60;
    private static final int IMG = ImageSet.SIDE * SCALE;
    private static final int TEXT_H = 62;
    private static final int TITLE_MARGIN = 8;
    private static final Map<PairFlag, Color> COLOURS = Map.of(
            PairFlag.CLEAN, new Color(0x2e7d32),
            PairFlag.MISALIGNED, new Color(0xc62828),
            PairFlag.GENERIC, new Color(0xef6c00),
            PairFlag.CORRUPTED, new Color(0x6a1b9a),
            PairFlag.DUPLICATE, new Color(0x1565c0));

    private PoolSampleGrid() {
    }

    /** Writes a PNG of the given pairs, {@code cols} per row, under a title (one line per newline in it). */
    public static void write(PairPool pool, int[] ids, int cols, String title, Path out) {
        writePng(render(pool, ids, cols, title), out);
    }

    /**
     * One cell of a grid: an image (floats in [0, 1], channel-major, 1 or 3 channels), a coloured
     * tag line and a caption, drawn as text (never interpreted as markup).
     */
    public record Cell(float[] pixels, int channels, int side, String tag, Color tagColour, String caption) {
    }

    /** Writes a PNG of the given cells, {@code cols} per row, under a title (one line per newline in it). */
    public static void write(List<Cell> cells, int cols, String title, Path out) {
        writePng(render(cells, cols, title), out);
    }

    private static void writePng(BufferedImage canvas, Path out) {
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(canvas, "png", out.toFile())) {
                throw new CurationException(out + ": no PNG writer available");
            }
        } catch (IOException e) {
            throw new CurationException(out + ": cannot be written (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The grid as an image. The title's lines are wrapped to the grid's width (a noise spec is one
     * long word: it breaks after its commas), and so are the flag tags to their cells.
     */
    static BufferedImage render(PairPool pool, int[] ids, int cols, String title) {
        List<Cell> cells = new ArrayList<>();
        for (int id : ids) {
            PairFlag flag = pool.flag(id);
            String tag = "#" + id + " " + flag.label() + (pool.duplicateOf(id) >= 0 ? " of #" + pool.duplicateOf(id) : "");
            cells.add(new Cell(pool.image(id), 1, ImageSet.SIDE, tag, COLOURS.get(flag), pool.caption(id)));
        }
        return render(cells, cols, title);
    }

    /** The grid of cells as an image; images are scaled to {@value #IMG} pixels a side. */
    static BufferedImage render(List<Cell> cells, int cols, String title) {
        int count = cells.size();
        System.setProperty("java.awt.headless", "true");
        int rows = (count + cols - 1) / cols;
        int width = cols * CELL_W;
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 13);
        FontMetrics titleMetrics = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics().getFontMetrics(titleFont);
        List<String> titleLines = new ArrayList<>();
        for (String l : title.split("\n")) {
            titleLines.addAll(wrap(l, titleMetrics, width - 2 * TITLE_MARGIN));
        }
        int titleH = 10 + 18 * titleLines.size();
        int cellH = IMG + TEXT_H + 10;
        BufferedImage canvas = new BufferedImage(width, titleH + rows * cellH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(titleFont);
        for (int l = 0; l < titleLines.size(); l++) {
            g.drawString(titleLines.get(l), TITLE_MARGIN, 19 + 18 * l);
        }
        Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        Font bold = new Font(Font.SANS_SERIF, Font.BOLD, 11);
        for (int k = 0; k < count; k++) {
            Cell cell = cells.get(k);
            int x0 = (k % cols) * CELL_W;
            int y0 = titleH + (k / cols) * cellH;
            float[] img = cell.pixels();
            int side = cell.side();
            int plane = side * side;
            int ix = x0 + (CELL_W - IMG) / 2;
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    int p = y * side + x;
                    int r = Math.round(img[p] * 255);
                    Color c = cell.channels() == 1 ? new Color(r, r, r)
                            : new Color(r, Math.round(img[plane + p] * 255), Math.round(img[2 * plane + p] * 255));
                    g.setColor(c);
                    // Pixel edges at x·IMG/side: SCALE-pixel squares for 28-pixel images, whole cells for others.
                    int px = x * IMG / side, py = y * IMG / side;
                    g.fillRect(ix + px, y0 + py, (x + 1) * IMG / side - px, (y + 1) * IMG / side - py);
                }
            }
            g.setColor(cell.tagColour());
            g.setFont(bold);
            String tag = cell.tag();
            // Four lines of text fit under an image: the tag's, then as many of the caption's as are left.
            int line = 0;
            for (String l : wrap(tag, g.getFontMetrics(), CELL_W - 12)) {
                g.drawString(l, x0 + 6, y0 + IMG + 14 + 13 * line++);
            }
            g.setColor(Color.DARK_GRAY);
            g.setFont(small);
            for (String l : captionLines(cell.caption(), g.getFontMetrics())) {
                if (line == 4) {
                    break;
                }
                g.drawString(l, x0 + 6, y0 + IMG + 15 + 13 * line++);
            }
        }
        g.dispose();
        return canvas;
    }

    /**
     * A caption as drawn under its image, in quotes, wrapped to the cell: every character as
     * written ({@code drawString} draws text, it knows no markup, so {@code <script>} or
     * {@code &amp;} in a caption is seen as those characters).
     */
    static List<String> captionLines(String caption, FontMetrics fm) {
        return wrap("\"" + caption + "\"", fm, CELL_W - 12);
    }

    /** Lines of at most {@code width} pixels, broken at spaces and after commas. */
    static List<String> wrap(String text, FontMetrics fm, int width) {
        List<String> lines = new ArrayList<>();
        String cur = "";
        for (String w : text.split("(?<=,)|(?<= )")) {
            String trial = cur + w;
            if (fm.stringWidth(trial.stripTrailing()) > width && !cur.isEmpty()) {
                lines.add(cur.stripTrailing());
                cur = w;
            } else {
                cur = trial;
            }
        }
        if (!cur.isBlank()) {
            lines.add(cur.stripTrailing());
        }
        return lines;
    }
}
