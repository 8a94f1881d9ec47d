package org.curationlab.train;

import org.curationlab.data.PairFlag;
import org.curationlab.data.PoolTruth;
import org.curationlab.data.pairs.OwnPairPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --shuffle-captions on a run's own pairs: the training pool alone has a known share of its
 * captions moved (the held-out split and a reference's pairs are read as they are), the pool knows
 * which, and provenance records them.
 */
class ShuffleCaptionsLoadTest {
    @TempDir
    Path tmp;

    /** 40 grey 6×6 images, each its own shade, with the caption "shade i". */
    private Path fixture() throws IOException {
        StringBuilder csv = new StringBuilder("filepath,title\n");
        for (int i = 0; i < 40; i++) {
            BufferedImage img = new BufferedImage(6, 6, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(i * 6, 255 - i * 6, i * 3));
            g.fillRect(0, 0, 6, 6);
            g.dispose();
            ImageIO.write(img, "png", tmp.resolve("img" + i + ".png").toFile());
            csv.append("img").append(i).append(".png,shade ").append(i).append(" of the set\n");
        }
        return Files.writeString(tmp.resolve("pairs.csv"), csv.toString());
    }

    private static List<String> captions(OwnPairPool p) {
        List<String> c = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            c.add(p.caption(i));
        }
        return c;
    }

    @Test
    void onlyTheTrainingPoolIsShuffledAndItKnowsWhich() throws IOException {
        String csv = fixture().toString();
        RunSpec plain = RunSpec.defaults().with("pairs", csv).with("image-size", 8).with("min-word-count", 1);
        RunSpec noisy = plain.with("shuffle-captions", 0.3);
        OwnPairsData before = OwnPairsData.load(plain, csv, "--pairs", null, null);
        OwnPairsData after = OwnPairsData.load(noisy, csv, "--pairs", null, null);

        // The held-out split: the same pairs with the same captions.
        assertEquals(captions(before.eval()), captions(after.eval()));
        assertEquals(before.eval().pairs().keys(), after.eval().pairs().keys());
        assertTrue(after.eval().truth().isEmpty());
        assertEquals(before.provenance().get("eval-split"), after.provenance().get("eval-split"));

        // The training pool: 36 pairs, round(0.3 × 36) = 11 moved, flagged, recorded.
        assertEquals(36, after.pool().size());
        assertTrue(before.pool().truth().isEmpty(), "no shuffle, no ground truth");
        PoolTruth truth = after.pool().truth().orElseThrow();
        assertEquals(11, truth.composition().byFlag()[PairFlag.MISALIGNED.ordinal()]);
        assertEquals(25, truth.composition().byFlag()[PairFlag.CLEAN.ordinal()]);
        @SuppressWarnings("unchecked")
        Map<String, Object> rec = (Map<String, Object>) after.provenance().get("shuffled-captions");
        assertEquals(0.3, rec.get("rate"));
        assertEquals(OwnPairsData.SHUFFLE_SEED, rec.get("seed"));
        assertEquals(11, rec.get("pairs"));
        assertEquals(36, rec.get("of"));
        List<?> keys = (List<?>) rec.get("keys");
        for (int i = 0; i < 36; i++) {
            boolean moved = truth.flag(i) == PairFlag.MISALIGNED;
            assertEquals(moved, keys.contains(after.pool().key(i)), after.pool().key(i));
            assertEquals(moved, !before.pool().caption(i).equals(after.pool().caption(i)), "pair " + i);
        }
        assertEquals(before.tokenizer().vocabSize(), after.tokenizer().vocabSize(), "the same captions, moved: the same vocabulary");
        assertNotEquals(before.pool().contentHash(), after.pool().contentHash());
        assertEquals(after.pool().contentHash(), OwnPairsData.load(noisy, csv, "--pairs", null, null).pool().contentHash(),
                "the same pairs moved every time");

        // A reference's pairs are curated: read as they are, whatever the run's --shuffle-captions.
        OwnPairsData reference = OwnPairsData.load(noisy, csv, "--reference-pairs", null, null);
        assertEquals(captions(before.pool()), captions(reference.pool()));
        assertTrue(reference.pool().truth().isEmpty());
        assertFalse(reference.provenance().containsKey("shuffled-captions"));
    }
}
