package org.curationlab.data.pairs;

import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each kind of bad item is skipped with one line naming its file and what was wrong, the good
 * ones still load, the skip is listed in the skipped file, and too many bad items stop the load.
 */
class BadInputTest {
    @TempDir
    Path tmp;

    /** One bad item added to a source of 9 good ones; where the skip must point. */
    enum Case {
        CSV_MISSING_FILE(Skip.Reason.MISSING_FILE, "pairs.csv:11"),
        CSV_ESCAPES(Skip.Reason.ESCAPES_SOURCE, "pairs.csv:11"),
        CSV_DUPLICATE_KEY(Skip.Reason.DUPLICATE_KEY, "pairs.csv:11"),
        CSV_EMPTY_CAPTION(Skip.Reason.EMPTY_CAPTION, "pairs.csv:11"),
        CSV_NOT_UTF8(Skip.Reason.NOT_UTF8, "pairs.csv:11"),
        CSV_SHORT_ROW(Skip.Reason.BAD_ROW, "pairs.csv:11"),
        CSV_LINK_OUT(Skip.Reason.ESCAPES_SOURCE, "pairs.csv:11"),
        CSV_HUGE_HEADER(Skip.Reason.TOO_LARGE, "pairs.csv:11 images/huge.png"),
        CSV_ZERO_BYTE_IMAGE(Skip.Reason.EMPTY_IMAGE, "pairs.csv:11 images/empty.png"),
        ZERO_BYTE_IMAGE(Skip.Reason.EMPTY_IMAGE, "bad.png"),
        TRUNCATED_PNG(Skip.Reason.CORRUPT_IMAGE, "bad.png"),
        TRUNCATED_JPEG(Skip.Reason.CORRUPT_IMAGE, "bad.jpg"),
        HUGE_HEADER(Skip.Reason.TOO_LARGE, "bad.png"),
        NOT_AN_IMAGE(Skip.Reason.UNKNOWN_FORMAT, "bad.png"),
        EMPTY_SIDECAR(Skip.Reason.EMPTY_CAPTION, "bad.txt"),
        NON_UTF8_SIDECAR(Skip.Reason.NOT_UTF8, "bad.txt"),
        IMAGE_WITHOUT_SIDECAR(Skip.Reason.NO_CAPTION, "bad.png"),
        SIDECAR_WITHOUT_IMAGE(Skip.Reason.NO_IMAGE, "bad.txt"),
        FOLDER_DUPLICATE_KEY(Skip.Reason.DUPLICATE_KEY, "even/img0."),
        FOLDER_LINK_OUT(Skip.Reason.ESCAPES_SOURCE, "even/bad.png"),
        TAR_IMAGE_WITHOUT_CAPTION(Skip.Reason.NO_CAPTION, "shard.tar:bad.png"),
        TAR_CAPTION_WITHOUT_IMAGE(Skip.Reason.NO_IMAGE, "shard.tar:bad.txt"),
        TAR_DUPLICATE_KEY(Skip.Reason.DUPLICATE_KEY, "shard.tar:000001.jpg"),
        TAR_TWO_IMAGES_ONE_KEY(Skip.Reason.DUPLICATE_KEY, "shard.tar:000001.png"),
        TAR_EMPTY_CAPTION(Skip.Reason.EMPTY_CAPTION, "shard.tar:bad.txt"),
        TAR_NOT_UTF8_CAPTION(Skip.Reason.NOT_UTF8, "shard.tar:bad.txt"),
        TAR_TRUNCATED_IMAGE(Skip.Reason.CORRUPT_IMAGE, "shard.tar:bad.png"),
        TAR_HUGE_HEADER(Skip.Reason.TOO_LARGE, "shard.tar:bad.png"),
        TAR_LINK_ENTRY(Skip.Reason.ESCAPES_SOURCE, "shard.tar:bad.png");

        final Skip.Reason reason;
        final String where;

        Case(Skip.Reason reason, String where) {
            this.reason = reason;
            this.where = where;
        }
    }

    private static final byte[] NOT_UTF8 = {'a', ' ', (byte) 0xff, (byte) 0xfe, ' ', 'b'};

    private Path build(Case c) throws IOException {
        String name = c.name();
        if (name.startsWith("CSV")) {
            Path f = PairsFixture.csv(tmp.resolve("c"), 9, ',', "filepath", "title");
            String row = switch (c) {
                case CSV_MISSING_FILE -> "images/nope.png,a caption,x\n";
                case CSV_ESCAPES -> "../outside.png,a caption,x\n";
                case CSV_DUPLICATE_KEY -> "images/img3.jpg,the same image again,x\n";
                case CSV_EMPTY_CAPTION -> "images/img0.png,\"  \",x\n";
                case CSV_SHORT_ROW -> "images/img0.png\n";
                case CSV_LINK_OUT -> "images/link.png,a caption,x\n";
                case CSV_HUGE_HEADER -> "images/huge.png,a caption,x\n";
                case CSV_ZERO_BYTE_IMAGE -> "images/empty.png,a caption,x\n";
                default -> null;
            };
            if (c == Case.CSV_ESCAPES || c == Case.CSV_LINK_OUT) {
                PairsFixture.write(tmp.resolve("outside.png"), PairsFixture.image("png", 4, 4, Color.RED));
            }
            if (c == Case.CSV_LINK_OUT) {
                Files.createSymbolicLink(tmp.resolve("c/images/link.png"), tmp.resolve("outside.png"));
            }
            if (c == Case.CSV_HUGE_HEADER) {
                PairsFixture.write(tmp.resolve("c/images/huge.png"), PairsFixture.pngClaiming(50_000, 50_000));
            }
            if (c == Case.CSV_ZERO_BYTE_IMAGE) {
                PairsFixture.write(tmp.resolve("c/images/empty.png"), new byte[0]);
            }
            if (c == Case.CSV_NOT_UTF8) {
                PairsFixture.write(tmp.resolve("c/images/extra.png"), PairsFixture.image("png", 4, 4, Color.RED));
                byte[] head = "images/extra.png,".getBytes(StandardCharsets.UTF_8);
                Files.write(f, concat(head, NOT_UTF8, ",x\n".getBytes(StandardCharsets.UTF_8)), java.nio.file.StandardOpenOption.APPEND);
            } else {
                Files.writeString(f, row, java.nio.file.StandardOpenOption.APPEND);
            }
            return f;
        }
        if (name.startsWith("TAR")) {
            Map<String, byte[]> entries = new LinkedHashMap<>(PairsFixture.tarEntries(0, 9));
            switch (c) {
                case TAR_IMAGE_WITHOUT_CAPTION -> entries.put("bad.png", PairsFixture.image("png", 4, 4, Color.RED));
                case TAR_CAPTION_WITHOUT_IMAGE -> entries.put("bad.txt", "lonely".getBytes(StandardCharsets.UTF_8));
                case TAR_EMPTY_CAPTION, TAR_NOT_UTF8_CAPTION -> {
                    entries.put("bad.png", PairsFixture.image("png", 4, 4, Color.RED));
                    entries.put("bad.txt", c == Case.TAR_EMPTY_CAPTION ? new byte[0] : NOT_UTF8);
                }
                case TAR_LINK_ENTRY -> {
                    entries.put("bad.png", null); // written as a symbolic link to ../../etc/picture.png below
                    entries.put("bad.txt", "a caption for a link".getBytes(StandardCharsets.UTF_8));
                }
                case TAR_TRUNCATED_IMAGE, TAR_HUGE_HEADER -> {
                    entries.put("bad.png", c == Case.TAR_HUGE_HEADER ? PairsFixture.pngClaiming(50_000, 50_000)
                            : PairsFixture.truncated(PairsFixture.image("png", 64, 64, Color.RED)));
                    entries.put("bad.txt", "a bad image".getBytes(StandardCharsets.UTF_8));
                }
                case TAR_DUPLICATE_KEY -> {
                    // a second shard repeats a key, below
                }
                case TAR_TWO_IMAGES_ONE_KEY -> {
                    // 000001.jpg, 000001.png, 000001.txt side by side: the second image is one too many
                    Map<String, byte[]> withPng = new LinkedHashMap<>();
                    entries.forEach((k, v) -> {
                        withPng.put(k, v);
                        if (k.equals("000001.jpg")) {
                            withPng.put("000001.png", PairsFixture.image("png", 4, 4, Color.RED));
                        }
                    });
                    entries = withPng;
                }
                default -> throw new IllegalArgumentException(name);
            }
            Path shard = PairsFixture.tar(tmp.resolve("shard.tar"), entries);
            if (c == Case.TAR_DUPLICATE_KEY) {
                Map<String, byte[]> dup = new LinkedHashMap<>();
                dup.put("000001.jpg", entries.get("000001.jpg"));
                dup.put("000001.txt", entries.get("000001.txt"));
                Path shards = tmp.resolve("shards");
                PairsFixture.tar(shards.resolve("a.tar"), entries);
                PairsFixture.tar(shards.resolve("shard.tar"), dup);
                return shards;
            }
            return shard;
        }
        Path dir = PairsFixture.folder(tmp.resolve("f"), 9).resolve("even");
        switch (c) {
            case ZERO_BYTE_IMAGE -> image(dir, "bad.png", new byte[0]);
            case TRUNCATED_PNG -> image(dir, "bad.png", PairsFixture.truncated(PairsFixture.image("png", 64, 64, Color.RED)));
            case TRUNCATED_JPEG -> image(dir, "bad.jpg", PairsFixture.truncated(noisyJpeg()));
            case HUGE_HEADER -> image(dir, "bad.png", PairsFixture.pngClaiming(50_000, 50_000));
            case NOT_AN_IMAGE -> image(dir, "bad.png", "this is text".getBytes(StandardCharsets.UTF_8));
            case EMPTY_SIDECAR -> {
                PairsFixture.write(dir.resolve("bad.png"), PairsFixture.image("png", 4, 4, Color.RED));
                PairsFixture.write(dir.resolve("bad.txt"), " \n\t");
            }
            case NON_UTF8_SIDECAR -> {
                PairsFixture.write(dir.resolve("bad.png"), PairsFixture.image("png", 4, 4, Color.RED));
                PairsFixture.write(dir.resolve("bad.txt"), NOT_UTF8);
            }
            case IMAGE_WITHOUT_SIDECAR -> PairsFixture.write(dir.resolve("bad.png"), PairsFixture.image("png", 4, 4, Color.RED));
            case SIDECAR_WITHOUT_IMAGE -> PairsFixture.write(dir.resolve("bad.txt"), "a caption alone");
            case FOLDER_DUPLICATE_KEY -> PairsFixture.write(dir.resolve("img0.jpg"), PairsFixture.image("jpeg", 4, 4, Color.RED));
            case FOLDER_LINK_OUT -> {
                PairsFixture.write(tmp.resolve("outside.png"), PairsFixture.image("png", 4, 4, Color.RED));
                Files.createSymbolicLink(dir.resolve("bad.png"), tmp.resolve("outside.png"));
                PairsFixture.write(dir.resolve("bad.txt"), "a caption for a picture elsewhere");
            }
            default -> throw new IllegalArgumentException(name);
        }
        return dir.getParent();
    }

    private static void image(Path dir, String name, byte[] bytes) throws IOException {
        PairsFixture.write(dir.resolve(name), bytes);
        PairsFixture.write(dir.resolve(name.replaceAll("\\.\\w+$", ".txt")), "a bad image");
    }

    /** A JPEG with detail everywhere, so that cutting it loses scan data rather than just the end marker. */
    private static byte[] noisyJpeg() {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                img.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        return PairsFixture.encode(img, "jpeg");
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void aBadItemIsSkippedNamedAndListed(Case c) throws IOException {
        Path source = build(c);
        Path skipped = tmp.resolve("out/skipped.txt");
        OwnPairs p = PairsLoader.load(source, PairsOptions.defaults(null).withMaxBad(0.2)
                .withLabelFrom(PairsOptions.LabelFrom.FOLDER), skipped);
        assertEquals(1, p.skipped(), p.skips().toString());
        Skip s = p.skips().get(0);
        assertEquals(c.reason, s.reason(), s.line());
        assertTrue(s.where().contains(c.where), s.line());
        assertTrue(!s.line().contains("\n") && !s.line().contains("\t"), s.line());
        assertEquals(p.size() + 1, p.candidates());
        assertEquals(9, p.size(), "the good pairs still load");
        List<String> listed = Files.readAllLines(skipped);
        assertEquals(List.of(s.line()), listed);
    }

    @ParameterizedTest
    @EnumSource(value = Case.class, names = {"TRUNCATED_PNG", "HUGE_HEADER", "IMAGE_WITHOUT_SIDECAR", "CSV_MISSING_FILE"})
    void moreBadThanMaxBadStopsTheLoadWithOneLine(Case c) throws IOException {
        Path source = build(c);
        Path skipped = tmp.resolve("out/skipped.txt");
        // 1 bad of 10 items: 10% is more than the default 1%.
        CurationException e = assertThrows(CurationException.class,
                () -> PairsLoader.load(source, PairsOptions.defaults(null).withLabelFrom(PairsOptions.LabelFrom.FOLDER), skipped));
        assertTrue(e.getMessage().startsWith("--max-bad: 1 of the 10 items"), e.getMessage());
        assertTrue(e.getMessage().contains(c.where) && e.getMessage().contains(skipped.toString()), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        assertEquals(1, Files.readAllLines(skipped).size());
        // At exactly the allowed fraction it loads.
        assertEquals(9, PairsLoader.load(source, PairsOptions.defaults(null).withMaxBad(0.1)
                .withLabelFrom(PairsOptions.LabelFrom.FOLDER), skipped).size());
    }

    @Test
    void hugeHeaderIsRefusedBeforeDecoding() {
        BadItem e = assertThrows(BadItem.class, () -> ImageDecoder.decode(
                new ImageRef.InMemory(PairsFixture.pngClaiming(50_000, 50_000)), 8, 1, PairsOptions.DEFAULT_MAX_PIXELS));
        assertEquals(Skip.Reason.TOO_LARGE, e.reason);
        assertTrue(e.getMessage().contains("50000 x 50000"), e.getMessage());
    }

    @Test
    void noUsablePairIsOneMessage() throws IOException {
        PairsFixture.write(tmp.resolve("d/a.png"), new byte[0]);
        PairsFixture.write(tmp.resolve("d/a.txt"), "zero bytes");
        CurationException e = assertThrows(CurationException.class,
                () -> PairsLoader.load(tmp.resolve("d"), PairsOptions.defaults(null).withMaxBad(1), null));
        assertTrue(e.getMessage().contains("no usable image-caption pair") && e.getMessage().contains("a.png"), e.getMessage());
    }
}
