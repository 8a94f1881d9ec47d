package org.curationlab.data.pairs;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/** Writes tiny pairs sources for tests: images drawn with ImageIO, lists, sidecars, tar shards. */
final class PairsFixture {
    private PairsFixture() {
    }

    /** A w × h image of one colour (alpha 255), as PNG or JPEG bytes. */
    static byte[] image(String format, int w, int h, Color colour) {
        BufferedImage img = new BufferedImage(w, h, format.equals("png") ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return encode(img, format);
    }

    static byte[] encode(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no " + format + " writer");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PNG whose header claims {@code w × h} pixels (CRC fixed up), with a 4 × 4 image's data. */
    static byte[] pngClaiming(int w, int h) {
        byte[] png = image("png", 4, 4, Color.RED);
        // Signature (8) + length (4) + "IHDR" (4), then width and height; the CRC covers type + data (17 bytes).
        ByteBuffer b = ByteBuffer.wrap(png);
        b.putInt(16, w).putInt(20, h);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        b.putInt(29, (int) crc.getValue());
        return png;
    }

    static byte[] truncated(byte[] bytes) {
        return Arrays.copyOf(bytes, bytes.length / 2);
    }

    static final Color[] COLOURS = {Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW, Color.CYAN, Color.MAGENTA,
            Color.ORANGE, Color.PINK, Color.GRAY, Color.BLACK};

    /** {@code n} good pairs: {@code img<i>.png} (JPEG for odd i), coloured by i, captioned "a picture number i". */
    static Map<String, byte[]> goodImages(int n) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String fmt = i % 2 == 0 ? "png" : "jpg";
            out.put("img" + i + "." + fmt, image(fmt.equals("jpg") ? "jpeg" : "png", 20 + i, 16, COLOURS[i % COLOURS.length]));
        }
        return out;
    }

    static String caption(int i) {
        return "a picture number " + i;
    }

    static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, bytes);
    }

    static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A folder source of {@code n} good pairs in two class folders ("even", "odd"). */
    static Path folder(Path dir, int n) throws IOException {
        int i = 0;
        for (Map.Entry<String, byte[]> e : goodImages(n).entrySet()) {
            String cls = i % 2 == 0 ? "even" : "odd";
            write(dir.resolve(cls).resolve(e.getKey()), e.getValue());
            write(dir.resolve(cls).resolve(e.getKey().replaceAll("\\.\\w+$", ".txt")), caption(i));
            i++;
        }
        return dir;
    }

    /** A CSV (or TSV) of {@code n} good pairs, images under {@code images/}. */
    static Path csv(Path dir, int n, char sep, String imageCol, String captionCol) throws IOException {
        StringBuilder sb = new StringBuilder(imageCol + sep + captionCol + sep + "label\n");
        int i = 0;
        for (Map.Entry<String, byte[]> e : goodImages(n).entrySet()) {
            write(dir.resolve("images").resolve(e.getKey()), e.getValue());
            sb.append("images/").append(e.getKey()).append(sep).append(caption(i)).append(sep).append(i % 2 == 0 ? "even" : "odd").append('\n');
            i++;
        }
        Path f = dir.resolve(sep == '\t' ? "pairs.tsv" : "pairs.csv");
        write(f, sb.toString());
        return f;
    }

    /** A tar shard of entries, in the given order; a null value writes a symbolic link entry. */
    static Path tar(Path file, Map<String, byte[]> entries) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream raw = Files.newOutputStream(file); TarArchiveOutputStream tar = new TarArchiveOutputStream(raw)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                if (e.getValue() == null) {
                    // null: a symbolic link entry (to a path outside the shard)
                    TarArchiveEntry link = new TarArchiveEntry(e.getKey(), org.apache.commons.compress.archivers.tar.TarConstants.LF_SYMLINK);
                    link.setLinkName("../../etc/picture.png");
                    tar.putArchiveEntry(link);
                    tar.closeArchiveEntry();
                    continue;
                }
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    /** The entries of a shard of {@code n} good pairs, keys {@code 00000i}. */
    static Map<String, byte[]> tarEntries(int from, int n) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        Map<String, byte[]> imgs = goodImages(from + n);
        int i = 0;
        for (Map.Entry<String, byte[]> e : imgs.entrySet()) {
            if (i >= from) {
                String key = String.format("%06d", i);
                out.put(key + "." + e.getKey().substring(e.getKey().indexOf('.') + 1), e.getValue());
                out.put(key + ".txt", caption(i).getBytes(StandardCharsets.UTF_8));
            }
            i++;
        }
        return out;
    }
}
