package org.curationlab.data;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pixel attributes, caption synthesis and the tokenizer. */
class CaptionsTest {

    @Test
    void attributesOfAHandDrawnRectangle() {
        // A 10-wide, 20-tall block of 0.5 at (4, 3): tone 0.5, size 200/784, aspect 0.5.
        float[] img = new float[784];
        for (int y = 3; y < 23; y++) {
            for (int x = 4; x < 14; x++) {
                img[y * 28 + x] = 0.5f;
            }
        }
        float[] a = PixelAttributes.measure(img);
        assertEquals(0.5, a[Attribute.TONE.ordinal()], 1e-6);
        assertEquals(200 / 784.0, a[Attribute.SIZE.ordinal()], 1e-6);
        assertEquals(0.5, a[Attribute.SHAPE.ordinal()], 1e-6);
        // Edges: the right column (20 px) and bottom row (10 px) step from 0.5 to 0: 30 × 0.5 over 200 ink px.
        assertEquals(30 * 0.5 / 200, a[Attribute.TEXTURE.ordinal()], 1e-6);
    }

    @Test
    void blankImageHasNeutralAttributes() {
        float[] a = PixelAttributes.measure(new float[784]);
        assertEquals(0, a[Attribute.SIZE.ordinal()], 0);
        assertEquals(1, a[Attribute.SHAPE.ordinal()], 0);
    }

    @Test
    void bucketsSplitTheTrainingSplitIntoTerciles() {
        DataWorld w = FashionMnistFixture.world();
        ImageSet train = w.data().train();
        int[][] counts = new int[4][3];
        for (int i = 0; i < train.count(); i++) {
            int[] b = w.attributeBuckets().bucket(PixelAttributes.measure(train.image(i)));
            for (int a = 0; a < 4; a++) {
                counts[a][b[a]]++;
            }
        }
        for (int a = 0; a < 4; a++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(200, counts[a][k], 25, "attribute " + Attribute.values()[a] + " bucket " + k);
            }
        }
    }

    @Test
    void captionsNameTheClassAndTheAttributeWords() {
        SplittableRandom rng = new SplittableRandom(1);
        int[] buckets = {0, 2, 1, 0};
        for (int i = 0; i < 50; i++) {
            String c = CaptionSynthesizer.caption(FashionClass.COAT, buckets, CaptionStyle.STANDARD, rng);
            assertTrue(c.contains("coat") || c.contains("jacket"), c);
            assertFalse(c.contains("{"), c);
            List<String> attributeWords = List.of("dark", "large", "square", "plain");
            assertTrue(attributeWords.stream().anyMatch(c::contains), c);
        }
        String rich = CaptionSynthesizer.caption(FashionClass.BAG, buckets, CaptionStyle.RICH, rng);
        for (String w : List.of("dark", "large", "square", "plain")) {
            assertTrue(rich.contains(w), rich);
        }
    }

    @Test
    void paraphrasesDifferFromTheOriginal() {
        SplittableRandom rng = new SplittableRandom(2);
        int[] buckets = {1, 1, 1, 1};
        String original = CaptionSynthesizer.caption(FashionClass.SNEAKER, buckets, CaptionStyle.STANDARD, rng);
        assertNotEquals(original, CaptionSynthesizer.paraphrase(original, FashionClass.SNEAKER, buckets, rng));
    }

    @Test
    void everyCaptionWordIsInTheVocabulary() {
        WordTokenizer tok = WordTokenizer.standard();
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 500; i++) {
            FashionClass cls = FashionClass.values()[rng.nextInt(10)];
            int[] b = {rng.nextInt(3), rng.nextInt(3), rng.nextInt(3), rng.nextInt(3)};
            for (String text : List.of(CaptionSynthesizer.caption(cls, b, CaptionStyle.RICH, rng),
                    CaptionSynthesizer.caption(cls, b, CaptionStyle.STANDARD, rng), CaptionSynthesizer.generic(rng))) {
                for (int t : tok.encode(text)) {
                    assertNotEquals(WordTokenizer.UNK, t, text);
                }
            }
        }
        for (FashionClass c : FashionClass.values()) {
            for (String p : CaptionSynthesizer.classPrompts(c)) {
                for (int t : tok.encode(p)) {
                    assertNotEquals(WordTokenizer.UNK, t, p);
                }
            }
        }
    }

    @Test
    void tokenizerPadsMapsNumbersAndRoundTrips() {
        WordTokenizer tok = WordTokenizer.standard();
        int[] ids = tok.encode("Product 4821");
        assertEquals(WordTokenizer.NUM, ids[1]);
        assertEquals(WordTokenizer.PAD, ids[2]);
        assertEquals("product <num>", tok.decode(ids));
        assertEquals("a pale large running shoe", tok.decode(tok.encode("a pale, large running shoe.")));
        assertEquals(WordTokenizer.UNK, tok.encode("zeppelin")[0]);
        assertEquals(tok.maxTokens(), tok.encode("a a a a a a a a a a a a a a a a").length);
        assertArrayEquals(tok.encode("a bag"), tok.encode("A  BAG"));
    }
}
