package org.curationlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.curationlab.models.TwoTowerModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Your own pairs end to end, on a fixture the test draws: 72 coloured shapes ("a red circle") in a
 * CSV with a label column, at RGB 32×32. A reference on a curated CSV, a learnability run on the
 * pool, {@code curate eval} of its checkpoint, {@code curate prune} of the pool by the reference; and the refusals a user meets (a changed --pairs on
 * resume, a missing source, a shape the checkpoint does not take), each one line.
 */
@Tag("integration")
class OwnPairsTrainingIT {
    private static final List<String> COLOURS = List.of("red", "green", "blue", "yellow");
    private static final Map<String, Color> RGB = Map.of("red", Color.RED, "green", Color.GREEN, "blue", Color.BLUE, "yellow", Color.YELLOW);
    private static final List<String> SHAPES = List.of("circle", "square", "triangle");

    @TempDir
    Path tmp;

    /** {@code copies} of each colour × shape, drawn at 40×40 in a shifting place, listed in {@code name}.csv with the shape as label. */
    private Path fixture(String name, int copies) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        StringBuilder csv = new StringBuilder("filepath,title,shape\n");
        int k = 0;
        for (int c = 0; c < copies; c++) {
            for (String colour : COLOURS) {
                for (String shape : SHAPES) {
                    BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
                    Graphics2D g = img.createGraphics();
                    g.setColor(Color.WHITE);
                    g.fillRect(0, 0, 40, 40);
                    g.setColor(RGB.get(colour));
                    int o = 4 + (c * 3) % 10;
                    switch (shape) {
                        case "circle" -> g.fillOval(o, o, 24, 24);
                        case "square" -> g.fillRect(o, o, 24, 24);
                        default -> g.fillPolygon(new int[]{o, o + 24, o + 12}, new int[]{o + 24, o + 24, o}, 3);
                    }
                    g.dispose();
                    String file = "img" + (k++) + ".png";
                    ImageIO.write(img, "png", dir.resolve(file).toFile());
                    csv.append(file).append(",a ").append(colour).append(' ').append(shape).append(',').append(shape).append('\n');
                }
            }
        }
        Path list = dir.resolve(name + ".csv");
        Files.writeString(list, csv.toString());
        return list;
    }

    private String[] common(String... more) {
        String[] base = {"--channels", "3", "--image-size", "32", "--label-column", "shape", "--min-word-count", "1",
                "--cache-dir", tmp.resolve("cache").toString(), "--threads", "1", "--model", "S", "--tower", "cnn", "--embed-dim", "16",
                "--batch", "8"};
        String[] all = new String[more.length + base.length];
        System.arraycopy(more, 0, all, 0, more.length);
        System.arraycopy(base, 0, all, more.length, base.length);
        return all;
    }

    @Test
    void referenceThenLearnabilityThenEvalOnYourPairs() throws IOException {
        Path curated = fixture("curated", 3);
        Path pool = fixture("pool", 6);
        Path ref = tmp.resolve("ref.zip");
        CliRun r = CliRun.of(common("reference", "--reference-pairs", curated.toString(), "--iterations", "6", "--eval-every", "3",
                "--out", ref.toString()));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(TwoTowerModel.readTokenizer(ref).isPresent(), "the reference's checkpoint carries its tokenizer");
        assertEquals(3, TwoTowerModel.readConfig(ref).imageShape().channels());

        // --passes counts passes over the pairs the reference trains on: 36 less the 4 held out, batch 8 -> 4 steps a pass.
        Path byPasses = tmp.resolve("ref-passes.zip");
        CliRun rp = CliRun.of(common("reference", "--reference-pairs", curated.toString(), "--passes", "1.5", "--eval-every", "3",
                "--out", byPasses.toString()));
        assertEquals(0, rp.exitCode(), rp.err());
        assertTrue(rp.err().contains("1.5 passes over the 32 pairs trained on: 6 iterations of 8"), rp.err());
        JsonNode refSettings = new ObjectMapper().readTree(tmp.resolve("ref-passes.zip.json").toFile()).get("settings");
        assertEquals(6, refSettings.get("iterations").asInt(), refSettings.toString());

        Path run = tmp.resolve("run");
        CliRun t = CliRun.of(common("train", "--pairs", pool.toString(), "--method", "learnability", "--reference", ref.toString(),
                "--filter-ratio", "0.5", "--iterations", "6", "--eval-every", "3", "--out", run.toString()));
        assertEquals(0, t.exitCode(), t.err());
        List<String> lines = Files.readAllLines(run.resolve("eval.csv"));
        assertEquals(4, lines.size(), "rows at 0, 3, 6: " + lines);
        List<String> header = List.of(lines.get(0).split(","));
        for (String row : lines.subList(1, lines.size())) {
            String[] cells = row.split(",", -1);
            for (String metric : List.of("i2t_r1", "i2t_r5", "t2i_r1", "t2i_r5", "zeroshot_top1")) {
                double v = Double.parseDouble(cells[header.indexOf(metric)]);
                assertTrue(v >= 0 && v <= 1, metric + " = " + v);
            }
            assertEquals("", cells[header.indexOf("probe_10shot")], "no probe on your pairs");
            assertEquals("", cells[header.indexOf("batch_clean")], "no ground truth, no batch composition");
        }
        assertTrue(TwoTowerModel.readTokenizer(run.resolve("checkpoint.zip")).isPresent(), "the learner's checkpoint carries its tokenizer");
        JsonNode prov = new ObjectMapper().readTree(run.resolve("provenance.json").toFile());
        JsonNode settings = prov.get("settings");
        assertEquals(64, settings.get("pairs-sha256").asText().length());
        JsonNode split = settings.get("eval-split");
        assertEquals(7, split.get("pairs").asInt(), "10% of 72, held out");
        assertEquals(7, split.get("keys").size());
        assertEquals(7, settings.get("evaluated").get("pairs").asInt(), "all held-out pairs evaluated, and their count recorded");
        assertFalse(settings.get("evaluated").has("seed"), "no subset");
        assertEquals(pool.toString(), prov.get("run").get("pairs").asText());

        CliRun e = CliRun.of("eval", "--checkpoint", run.resolve("checkpoint.zip").toString(), "--pairs", pool.toString(),
                "--label-column", "shape", "--cache-dir", tmp.resolve("cache").toString(), "--json");
        assertEquals(0, e.exitCode(), e.err());
        JsonNode m = new ObjectMapper().readTree(e.out());
        assertTrue(m.has("i2t_r1") && m.has("t2i_r5") && m.has("zeroshot_top1") && !m.has("probe_10shot"), e.out());
        assertEquals(7, m.get("eval_pairs").asInt(), e.out());
        // --eval-size below the pairs to evaluate: a seeded subset, said on stderr and counted in the output.
        CliRun cut = CliRun.of("eval", "--checkpoint", run.resolve("checkpoint.zip").toString(), "--eval-pairs", pool.toString(),
                "--label-column", "shape", "--cache-dir", tmp.resolve("cache").toString(), "--eval-size", "10");
        assertEquals(0, cut.exitCode(), cut.err());
        assertTrue(cut.out().contains("eval_pairs     10"), cut.out());
        assertTrue(cut.err().contains("--eval-size 10 evaluates a seeded subset of 10 of the 72 pairs of --eval-pairs"), cut.err());

        // A reference named by its pairs is trained once and cached, keyed by their content.
        Path run2 = tmp.resolve("run2");
        CliRun t2 = CliRun.of(common("train", "--pairs", pool.toString(), "--method", "learnability", "--reference-pairs", curated.toString(),
                "--reference-iterations", "3", "--filter-ratio", "0.5", "--iterations", "3", "--eval-every", "3", "--out", run2.toString(),
                "--score-resolution", "16"));
        assertEquals(0, t2.exitCode(), t2.err());
        // Half of 32x32, named by the images' own side: said, as "14" would not say it is 16x16 here.
        assertTrue(t2.err().contains("curate: --score-resolution 16 scores your 3×32×32 images at 3×16×16"), t2.err());
        String refUsed = new ObjectMapper().readTree(run2.resolve("provenance.json").toFile()).get("settings").get("reference-checkpoint").asText();
        assertTrue(refUsed.startsWith(tmp.resolve("cache").resolve("references").resolve("pairs-").toString()), refUsed);
        assertTrue(TwoTowerModel.readTokenizer(Path.of(refUsed)).isPresent());
        JsonNode refTraining = new ObjectMapper().readTree(run2.resolve("provenance.json").toFile()).get("settings").get("reference-training");
        assertEquals(32, refTraining.get("images").asInt(), "the 36 curated pairs less the 4 held out: " + refTraining);
        assertEquals(3, refTraining.get("steps").asInt(), refTraining.toString());
        assertEquals(0.75, refTraining.get("passes").asDouble(), refTraining.toString());
        // Without --reference-iterations, --reference-passes passes over those 32 pairs: 1.5 of them at batch 8 are 6 steps.
        Path run3 = tmp.resolve("run3");
        CliRun t3 = CliRun.of(common("train", "--pairs", pool.toString(), "--method", "learnability", "--reference-pairs", curated.toString(),
                "--reference-passes", "1.5", "--filter-ratio", "0.5", "--iterations", "3", "--eval-every", "3", "--out", run3.toString()));
        assertEquals(0, t3.exitCode(), t3.err());
        JsonNode settings3 = new ObjectMapper().readTree(run3.resolve("provenance.json").toFile()).get("settings");
        assertEquals(6, settings3.get("reference-training").get("steps").asInt(), settings3.toString());
        assertEquals(1.5, settings3.get("reference-passes").asDouble(), settings3.toString());
        assertTrue(!settings3.get("reference-checkpoint").asText().equals(refUsed), "another budget, another cached reference");

        // Prune the pool by the reference's alignment: the shape and tokenizer come from its checkpoint.
        Path kept = tmp.resolve("kept.csv");
        CliRun p = CliRun.of("prune", "--pairs", pool.toString(), "--reference", ref.toString(), "--method", "score", "--keep", "0.5",
                "--cache-dir", tmp.resolve("cache").toString(), "--out", kept.toString());
        assertEquals(0, p.exitCode(), p.err());
        assertTrue(p.out().contains("score kept 36 of 72 rows"), p.out());
        assertTrue(p.out().contains("no breakdown of what was kept: the pairs carry no labels"), p.out());
        // With labels, what was kept of each, as the web pool's table by kind: 24 of each shape, 36 kept in all.
        Path keptByLabel = tmp.resolve("kept-by-label.csv");
        CliRun pl = CliRun.of("prune", "--pairs", pool.toString(), "--label-column", "shape", "--reference", ref.toString(),
                "--method", "score", "--keep", "0.5", "--cache-dir", tmp.resolve("cache").toString(), "--out", keptByLabel.toString());
        assertEquals(0, pl.exitCode(), pl.err());
        assertEquals(Files.readString(kept), Files.readString(keptByLabel), "labels change the table, not what is kept");
        assertTrue(pl.out().contains("label           pool     kept kept/pool"), pl.out());
        int keptSum = 0;
        for (String shape : SHAPES) {
            java.util.regex.Matcher row = java.util.regex.Pattern.compile("(?m)^" + shape + " +24 +(\\d+) +0\\.\\d{4}$").matcher(pl.out());
            assertTrue(row.find(), shape + ": " + pl.out());
            keptSum += Integer.parseInt(row.group(1));
        }
        assertEquals(36, keptSum, pl.out());
        assertTrue(pl.out().contains("total             72       36    0.5000"), pl.out());

        // Another pool under the same run folder: refused in one line, naming --pairs.
        Path other = fixture("other", 4);
        CliRun resumed = CliRun.of(common("train", "--pairs", other.toString(), "--method", "learnability", "--reference", ref.toString(),
                "--filter-ratio", "0.5", "--iterations", "6", "--eval-every", "3", "--out", run.toString(), "--resume"));
        assertEquals(2, resumed.exitCode());
        assertTrue(resumed.err().contains("--pairs: saved " + pool + ", now " + other), resumed.err());
        assertEquals(1, resumed.err().strip().lines().count(), resumed.err());

        // A shape the checkpoint does not take, and a source that is not there: one line each.
        CliRun grey = CliRun.of("eval", "--checkpoint", run.resolve("checkpoint.zip").toString(), "--pairs", pool.toString(),
                "--channels", "1", "--cache-dir", tmp.resolve("cache").toString());
        assertEquals(2, grey.exitCode());
        assertTrue(grey.err().contains("1×32×32 images but the model takes 3×32×32"), grey.err());
        assertEquals(1, grey.err().strip().lines().count(), grey.err());
        CliRun missing = CliRun.of(common("train", "--pairs", tmp.resolve("nowhere.csv").toString(), "--out", tmp.resolve("x").toString()));
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("--pairs: " + tmp.resolve("nowhere.csv") + " does not exist"), missing.err());
        assertFalse(Files.exists(tmp.resolve("x").resolve("eval.csv")));
    }

    /** A known share of the pool's captions moved: the batches' composition is written, as for the synthetic pool. */
    @Test
    void shuffledCaptionsAreAuditedInTheBatches() throws IOException {
        Path pool = fixture("pool", 6);
        Path run = tmp.resolve("shuffled");
        CliRun t = CliRun.of(common("train", "--pairs", pool.toString(), "--shuffle-captions", "0.5", "--iterations", "6",
                "--eval-every", "3", "--out", run.toString()));
        assertEquals(0, t.exitCode(), t.err());
        List<String> lines = Files.readAllLines(run.resolve("eval.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        for (String row : lines.subList(2, lines.size())) {
            String[] cells = row.split(",", -1);
            double clean = Double.parseDouble(cells[header.indexOf("batch_clean")]);
            double misaligned = Double.parseDouble(cells[header.indexOf("batch_misaligned")]);
            assertEquals(1.0, clean + misaligned, 1e-9, row);
            assertEquals(0.0, Double.parseDouble(cells[header.indexOf("batch_generic")]), row);
        }
        JsonNode prov = new ObjectMapper().readTree(run.resolve("provenance.json").toFile());
        JsonNode settings = prov.get("settings");
        JsonNode moved = settings.get("shuffled-captions");
        assertEquals(33, moved.get("pairs").asInt(), "half of the 65 training pairs, rounded");
        assertEquals(33, moved.get("keys").size());
        assertEquals(7, settings.get("eval-split").get("pairs").asInt(), "the held-out split is the unshuffled run's");
        assertEquals(0.5, prov.get("run").get("shuffle-captions").asDouble());
    }
}
