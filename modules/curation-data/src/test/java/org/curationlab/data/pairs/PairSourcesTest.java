package org.curationlab.data.pairs;

import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every source kind loads the same pairs from the same images and captions. */
class PairSourcesTest {
    @TempDir
    Path tmp;

    private Path source(String kind) throws IOException {
        Path dir = tmp.resolve(kind);
        return switch (kind) {
            case "csv" -> PairsFixture.csv(dir, 6, ',', "filepath", "title");
            case "tsv" -> PairsFixture.csv(dir, 6, '\t', "image", "caption");
            case "semicolon" -> PairsFixture.csv(dir, 6, ';', "path", "text");
            case "folder" -> PairsFixture.folder(dir, 6);
            case "tar" -> PairsFixture.tar(dir.resolve("shard-000.tar"), PairsFixture.tarEntries(0, 6));
            case "tar-folder" -> {
                PairsFixture.tar(dir.resolve("a/shard-000.tar"), PairsFixture.tarEntries(0, 3));
                PairsFixture.tar(dir.resolve("b/shard-001.tar"), PairsFixture.tarEntries(3, 3));
                yield dir;
            }
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "tsv", "semicolon", "folder", "tar", "tar-folder"})
    void eachKindLoadsEveryPair(String kind) throws IOException {
        PairsOptions opts = PairsOptions.defaults(null).withImage(8, 3);
        if (kind.equals("folder")) {
            opts = opts.withLabelFrom(PairsOptions.LabelFrom.FOLDER);
        }
        if (kind.contains("sv") || kind.equals("semicolon")) {
            opts = opts.withColumns(null, null, "label");
        }
        OwnPairs p = PairsLoader.load(source(kind), opts, null);
        assertEquals(6, p.size(), p.skips().toString());
        assertEquals(0, p.skipped());
        assertEquals(6, p.candidates());
        assertEquals(kind.startsWith("tar") ? "tar" : kind.equals("folder") ? "folder" : "csv", p.kind());
        for (int i = 0; i < p.size(); i++) {
            // The caption says which image it belongs to; the image's colour must be that image's.
            int n = Integer.parseInt(p.caption(i).replace("a picture number ", ""));
            Color c = PairsFixture.COLOURS[n % PairsFixture.COLOURS.length];
            float[] img = p.image(i);
            int centre = 4 * 8 + 4;
            assertEquals(c.getRed() / 255f, img[centre], 0.06f, "red of " + p.key(i));
            assertEquals(c.getGreen() / 255f, img[64 + centre], 0.06f, "green of " + p.key(i));
            assertEquals(c.getBlue() / 255f, img[128 + centre], 0.06f, "blue of " + p.key(i));
            if (!kind.startsWith("tar")) {
                assertEquals(n % 2 == 0 ? "even" : "odd", p.labelNames().get(p.label(i)), p.key(i));
            } else {
                assertEquals(-1, p.label(i));
            }
        }
        assertEquals(kind.startsWith("tar") ? List.of() : List.of("even", "odd"), p.labelNames());
        assertEquals(6, p.sizesSeen().values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void csvCaptionsMayHoldQuotesCommasAndNewlines() throws IOException {
        Path dir = tmp.resolve("quoted");
        PairsFixture.write(dir.resolve("a.png"), PairsFixture.image("png", 5, 5, Color.RED));
        PairsFixture.write(dir.resolve("b c.png"), PairsFixture.image("png", 5, 5, Color.BLUE));
        PairsFixture.write(dir.resolve("list.csv"), "filepath,title\n"
                + "a.png,\"a \"\"red\"\" square, small\nand on two lines\"\n"
                + "\"b c.png\",plain\n");
        OwnPairs p = PairsLoader.load(dir.resolve("list.csv"), PairsOptions.defaults(null), null);
        assertEquals(List.of("a \"red\" square, small\nand on two lines", "plain"), p.captions());
        assertEquals(List.of("a.png", "b c.png"), p.keys());
    }

    @Test
    void folderLabelsAreTheParentFolderAndKeysRelativeStems() throws IOException {
        OwnPairs p = PairsLoader.load(PairsFixture.folder(tmp.resolve("f"), 4),
                PairsOptions.defaults(null).withLabelFrom(PairsOptions.LabelFrom.FOLDER), null);
        assertEquals(List.of("even/img0", "even/img2", "odd/img1", "odd/img3"), p.keys());
        assertTrue(p.labelled());
    }

    @Test
    void tarIgnoresMetadataEntries() throws IOException {
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>(PairsFixture.tarEntries(0, 2));
        entries.put("000001.json", "{}".getBytes());
        OwnPairs p = PairsLoader.load(PairsFixture.tar(tmp.resolve("s.tar"), entries), PairsOptions.defaults(null), null);
        assertEquals(List.of("000000", "000001"), p.keys());
        assertEquals(0, p.skipped());
    }

    @Test
    void missingColumnNamesTheFileAndTheFlag() throws IOException {
        Path f = PairsFixture.csv(tmp.resolve("c"), 2, ',', "picture", "title");
        CurationException e = assertThrows(CurationException.class, () -> PairsLoader.load(f, PairsOptions.defaults(null), null));
        assertTrue(e.getMessage().contains("pairs.csv") && e.getMessage().contains("--image-column")
                && e.getMessage().contains("picture"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        CurationException named = assertThrows(CurationException.class, () -> PairsLoader.load(f,
                PairsOptions.defaults(null).withColumns("picture", "words", null), null));
        assertTrue(named.getMessage().contains("'words'") && named.getMessage().contains("--caption-column"), named.getMessage());
        assertEquals(2, PairsLoader.load(f, PairsOptions.defaults(null).withColumns("picture", null, null), null).size());
    }

    @Test
    void aSourceThatIsNothingKnownIsOneMessage() throws IOException {
        PairsFixture.write(tmp.resolve("x.zip"), "zip");
        CurationException e = assertThrows(CurationException.class,
                () -> PairsLoader.load(tmp.resolve("x.zip"), PairsOptions.defaults(null), null));
        assertTrue(e.getMessage().startsWith("--pairs: ") && e.getMessage().contains("x.zip"), e.getMessage());
        CurationException none = assertThrows(CurationException.class,
                () -> PairsLoader.load(tmp.resolve("nowhere"), PairsOptions.defaults(null), null));
        assertTrue(none.getMessage().contains("does not exist"), none.getMessage());
    }
}
