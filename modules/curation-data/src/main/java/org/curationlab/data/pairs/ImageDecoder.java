package org.curationlab.data.pairs;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Decodes an image with Java ImageIO (plus the TwelveMonkeys plugins on the class path) into a
 * square of {@code side × side} pixels, channel-major bytes: alpha is composited on white, the
 * aspect ratio is kept by scaling the longer side to {@code side} and padding the shorter with
 * white (nothing of the picture is cut away), and grey is Rec. 601 luma of the RGB.
 *
 * <p>The size is read from the reader's header before any pixel is decoded, so an image that
 * claims 50 000 × 50 000 pixels is refused without allocating them. A reader's warnings (a JPEG
 * that ends early decodes with a grey tail and a warning) count as a corrupt image.
 */
final class ImageDecoder {
    /** Part of the cache key: raise it whenever the pixels this decoder gives change. */
    static final int VERSION = 1;

    static {
        ImageIO.setUseCache(false); // decode in memory, never through temporary files
        ImageIO.scanForPlugins();
    }

    private ImageDecoder() {
    }

    /** A decoded image and the size it had in its file. */
    record Decoded(byte[] pixels, int width, int height) {
    }

    static Decoded decode(ImageRef ref, int side, int channels, long maxPixels) throws BadItem {
        try {
            if (ref.size() == 0) {
                throw new BadItem(Skip.Reason.EMPTY_IMAGE, "0 bytes");
            }
        } catch (IOException e) {
            throw new BadItem(Skip.Reason.MISSING_FILE, "cannot be read: " + e.getMessage());
        }
        BufferedImage img;
        int w, h;
        try (InputStream in = ref.open(); ImageInputStream iis = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                throw new BadItem(Skip.Reason.UNKNOWN_FORMAT, "no ImageIO reader recognises its bytes");
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            try {
                reader.setInput(iis, true, true);
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                w = reader.getWidth(0);
                h = reader.getHeight(0);
                if (w <= 0 || h <= 0 || (long) w * h > maxPixels) {
                    throw new BadItem(Skip.Reason.TOO_LARGE, "its header says " + w + " x " + h
                            + " pixels; at most " + maxPixels + " are decoded");
                }
                img = reader.read(0);
            } finally {
                reader.dispose();
            }
            if (!warnings.isEmpty()) {
                throw new BadItem(Skip.Reason.CORRUPT_IMAGE, warnings.get(0));
            }
        } catch (BadItem b) {
            throw b;
        } catch (IOException | RuntimeException e) {
            // Readers report damage as IIOException, EOFException or, in some, unchecked exceptions.
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (e.getCause() != null && e.getCause().getMessage() != null) {
                why += ": " + e.getCause().getMessage();
            }
            throw new BadItem(Skip.Reason.CORRUPT_IMAGE, why.replaceAll("\\s+", " "));
        }
        return new Decoded(toSquare(img, side, channels), w, h);
    }

    /** Composite on white, scale the longer side to {@code side}, pad with white, channel-major bytes. */
    static byte[] toSquare(BufferedImage img, int side, int channels) {
        int w = img.getWidth(), h = img.getHeight();
        double scale = (double) side / Math.max(w, h);
        int tw = Math.max(1, (int) Math.round(w * scale));
        int th = Math.max(1, (int) Math.round(h * scale));
        BufferedImage cur = onWhite(img, w, h);
        // Halve with bilinear filtering until within a factor 2 of the target: one bilinear step
        // from far above would skip most source pixels and alias.
        while (cur.getWidth() / 2 >= tw && cur.getHeight() / 2 >= th) {
            cur = scaled(cur, cur.getWidth() / 2, cur.getHeight() / 2);
        }
        BufferedImage square = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = square.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, side, side);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(cur, (side - tw) / 2, (side - th) / 2, tw, th, null);
        g.dispose();
        byte[] out = new byte[channels * side * side];
        int plane = side * side;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int rgb = square.getRGB(x, y);
                int r = (rgb >> 16) & 0xff, gr = (rgb >> 8) & 0xff, b = rgb & 0xff;
                int p = y * side + x;
                if (channels == 1) {
                    out[p] = (byte) Math.round(0.299 * r + 0.587 * gr + 0.114 * b);
                } else {
                    out[p] = (byte) r;
                    out[plane + p] = (byte) gr;
                    out[2 * plane + p] = (byte) b;
                }
            }
        }
        return out;
    }

    private static BufferedImage onWhite(BufferedImage img, int w, int h) {
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.drawImage(img, 0, 0, null);
        g.dispose();
        return rgb;
    }

    private static BufferedImage scaled(BufferedImage src, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return out;
    }
}
