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
        System.setProperty("java.awt.headless", "true");
        int rows = (ids.length + cols - 1) / cols;
        String[] titleLines = title.split("\n");
        int titleH = 10 + 18 * titleLines.length;
        int cellH = IMG + TEXT_H + 10;
        BufferedImage canvas = new BufferedImage(cols * CELL_W, titleH + rows * cellH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        for (int l = 0; l < titleLines.length; l++) {
            g.drawString(titleLines[l], 8, 19 + 18 * l);
        }
        Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        Font bold = new Font(Font.SANS_SERIF, Font.BOLD, 11);
        for (int k = 0; k < ids.length; k++) {
            int id = ids[k];
            int x0 = (k % cols) * CELL_W;
            int y0 = titleH + (k / cols) * cellH;
            float[] img = pool.image(id);
            int ix = x0 + (CELL_W - IMG) / 2;
            for (int y = 0; y < ImageSet.SIDE; y++) {
                for (int x = 0; x < ImageSet.SIDE; x++) {
                    int v = Math.round(img[y * ImageSet.SIDE + x] * 255);
                    g.setColor(new Color(v, v, v));
                    g.fillRect(ix + x * SCALE, y0 + y * SCALE, SCALE, SCALE);
                }
            }
            PairFlag flag = pool.flag(id);
            g.setColor(COLOURS.get(flag));
            g.setFont(bold);
            String tag = "#" + id + " " + flag.label() + (pool.duplicateOf(id) >= 0 ? " of #" + pool.duplicateOf(id) : "");
            g.drawString(tag, x0 + 6, y0 + IMG + 14);
            g.setColor(Color.DARK_GRAY);
            g.setFont(small);
            int line = 0;
            for (String l : wrap("\"" + pool.caption(id) + "\"", g.getFontMetrics(), CELL_W - 12)) {
                if (line == 3) {
                    break;
                }
                g.drawString(l, x0 + 6, y0 + IMG + 28 + 13 * line++);
            }
        }
        g.dispose();
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

    private static List<String> wrap(String text, FontMetrics fm, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String w : text.split(" ")) {
            String trial = cur.isEmpty() ? w : cur + " " + w;
            if (fm.stringWidth(trial) > width && !cur.isEmpty()) {
                lines.add(cur.toString());
                cur = new StringBuilder(w);
            } else {
                cur = new StringBuilder(trial);
            }
        }
        if (!cur.isEmpty()) {
            lines.add(cur.toString());
        }
        return lines;
    }
}
