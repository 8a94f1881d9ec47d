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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code curate data split}: a Tux Paint-like folder (two category folders, each image with a
 * sidecar .txt whose later lines are translations, and one caption with a tab and quotes) cut into
 * curated.tsv and pool.tsv that --pairs reads back.
 */
class DataSplitCommandTest {
    @TempDir
    Path tmp;

    /** 20 stamps: cats/c0..c9 and dogs/d0..d9, each a 12×10 PNG of its own shade with "A cat i." or "A dog i." first. */
    private Path stamps() throws IOException {
        Path root = tmp.resolve("stamps");
        for (String kind : List.of("cats", "dogs")) {
            Path dir = Files.createDirectories(root.resolve(kind));
            for (int i = 0; i < 10; i++) {
                BufferedImage img = new BufferedImage(12, 10, BufferedImage.TYPE_INT_ARGB);
                Graphics2D g = img.createGraphics();
                g.setColor(new Color(kind.equals("cats") ? 200 : 20, i * 20, 90));
                g.fillRect(0, 0, 12, 10);
                g.dispose();
                String stem = kind.charAt(0) + "" + i;
                ImageIO.write(img, "png", dir.resolve(stem + ".png").toFile());
                String caption = i == 3 ? "A \"quoted\"\tcat." : "A " + kind.substring(0, 3) + " " + i + ".";
                Files.writeString(dir.resolve(stem + ".txt"), caption + "\nfr.utf8=Un animal.\n");
            }
        }
        return root;
    }

    private CliRun split(Path source, Path out, String fraction, String seed) {
        return CliRun.of("data", "split", "--pairs", source.toString(), "--caption-first-line", "--label-from", "folder",
                "--cache-dir", tmp.resolve("cache").toString(), "--fraction", fraction, "--seed", seed, "--out", out.toString());
    }

    private static List<String> rows(Path tsv) throws IOException {
        List<String> lines = Files.readAllLines(tsv);
        assertEquals("filepath\ttitle\tlabel", lines.get(0));
        return lines.subList(1, lines.size());
    }

    @Test
    void cutsTheUsablePairsIntoTwoDisjointListsThatPairsReads() throws IOException {
        Path src = stamps();
        Path out = tmp.resolve("split");
        CliRun r = split(src, out, "0.25", "3");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("curated  5 pairs") && r.out().contains("pool     15 pairs"), r.out());
        List<String> curated = rows(out.resolve("curated.tsv"));
        List<String> pool = rows(out.resolve("pool.tsv"));
        assertEquals(5, curated.size());
        assertEquals(15, pool.size());
        Set<String> files = new HashSet<>();
        for (String row : curated) {
            files.add(row.split("\t")[0]);
        }
        for (String row : pool) {
            assertTrue(files.add(row.split("\t")[0]), "in both lists: " + row);
        }
        assertEquals(20, files.size());
        assertTrue(pool.stream().anyMatch(row -> row.startsWith("images/cats/c0.png\tA cat 0.\tcats"))
                || curated.stream().anyMatch(row -> row.startsWith("images/cats/c0.png\tA cat 0.\tcats")), "the first line, the folder label");
        assertArrayEquals(Files.readAllBytes(src.resolve("dogs/d7.png")), Files.readAllBytes(out.resolve("images/dogs/d7.png")));
        assertTrue(Files.readString(out.resolve("split.json")).contains("\"curated\" : 5"));

        // Both lists read back as --pairs, with their labels; the quoted caption comes back whole.
        for (String list : List.of("curated.tsv", "pool.tsv")) {
            CliRun info = CliRun.of("data", "info", "--pairs", out.resolve(list).toString(), "--label-column", "label",
                    "--cache-dir", tmp.resolve("cache").toString(), "--examples", "20");
            assertEquals(0, info.exitCode(), info.err());
            int n = list.equals("curated.tsv") ? 5 : 15;
            assertTrue(info.out().contains("loaded      " + n + " pairs of " + n + " items; 0 skipped"), info.out());
        }
        CliRun both = CliRun.of("data", "info", "--pairs", out.resolve(curated.stream().anyMatch(x -> x.contains("quoted"))
                ? "curated.tsv" : "pool.tsv").toString(), "--label-column", "label", "--cache-dir", tmp.resolve("cache").toString(), "--examples", "20");
        assertTrue(both.out().contains("A \"quoted\" cat.") || both.out().contains("A \"quoted\"\tcat."), both.out());

        // The same seed writes the same lists; another seed others.
        Path again = tmp.resolve("again");
        assertEquals(0, split(src, again, "0.25", "3").exitCode());
        assertEquals(Files.readString(out.resolve("curated.tsv")), Files.readString(again.resolve("curated.tsv")));
        Path other = tmp.resolve("other");
        assertEquals(0, split(src, other, "0.25", "4").exitCode());
        assertTrue(!Files.readString(out.resolve("curated.tsv")).equals(Files.readString(other.resolve("curated.tsv"))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0     | new        | --fraction: 0.0 must lie strictly between 0 and 1",
            "1.2   | new        | --fraction: 1.2 must lie strictly between 0 and 1",
            "0.01  | new        | --fraction: 0.01 of 20 pairs leaves no curated pair",
            "0.99  | new        | --fraction: 0.99 of 20 pairs leaves no pool pair",
            "0.5   | nonempty   | --out: ",
            "0.5   | file       | --out: ",
            "0.5   | inside     | --out: "})
    void refusedInOneLine(String fraction, String outKind, String expected) throws IOException {
        Path src = stamps();
        Path out = switch (outKind) {
            case "nonempty" -> {
                Path d = Files.createDirectories(tmp.resolve("full"));
                Files.writeString(d.resolve("x.txt"), "x");
                yield d;
            }
            case "file" -> Files.writeString(tmp.resolve("afile"), "x");
            case "inside" -> src.resolve("split");
            default -> tmp.resolve("new");
        };
        CliRun r = split(src, out, fraction, "0");
        assertEquals(2, r.exitCode(), r.out());
        assertTrue(r.err().contains(expected), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        String reason = switch (outKind) {
            case "nonempty" -> "is not empty";
            case "file" -> "is a file";
            case "inside" -> "lies inside the source's folder";
            default -> "";
        };
        assertTrue(r.err().contains(reason), r.err());
    }
}
