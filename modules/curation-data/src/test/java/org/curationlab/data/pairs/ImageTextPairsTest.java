package org.curationlab.data.pairs;

import org.curationlab.data.FashionMnistFixture;
import org.curationlab.data.NoiseSpec;
import org.curationlab.data.PairPool;
import org.curationlab.data.PoolSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Own pairs and the synthetic pools offer a model the same shapes through one interface. */
class ImageTextPairsTest {
    @TempDir
    Path tmp;

    private static void checkShapes(ImageTextPairs p, int channels, int side) {
        int[] ids = {1, 0};
        INDArray images = p.images(ids);
        assertArrayEquals(new long[]{2, (long) channels * side * side}, images.shape());
        assertTrue(images.minNumber().floatValue() >= 0 && images.maxNumber().floatValue() <= 1);
        assertArrayEquals(new long[]{2, channels, side, side}, p.imagesNchw(ids).shape());
        INDArray tokens = p.tokens(ids);
        assertArrayEquals(new long[]{2, p.maxTokens()}, tokens.shape());
        INDArray mask = p.tokenMask(ids);
        assertEquals(tokens.neq(0).castTo(mask.dataType()), mask);
        assertTrue(mask.sumNumber().intValue() > 0);
        assertTrue(p.key(0) != null && !p.key(0).equals(p.key(1)));
    }

    @Test
    void ownPairPoolTokenizesWithItsVocabulary() throws IOException {
        OwnPairs pairs = PairsLoader.load(PairsFixture.folder(tmp.resolve("f"), 4),
                PairsOptions.defaults(null).withImage(16, 3).withLabelFrom(PairsOptions.LabelFrom.FOLDER), null);
        CaptionTokenizer tok = CaptionTokenizer.build(pairs.captions(), 1, 0, 6);
        OwnPairPool pool = new OwnPairPool("train", pairs, tok);
        checkShapes(pool, 3, 16);
        assertEquals(tok.decode(tok.encode(pairs.caption(1))), tok.decode(pool.tokens(new int[]{1}).toIntVector()));
        assertEquals(pairs.labelNames().get(pool.label(0)), "even");
        // Image row r is the pair's own image, channel-major.
        assertArrayEquals(pairs.image(1), pool.images(new int[]{1}).toFloatVector(), 0f);
    }

    @Test
    void syntheticPoolsAreSeenThroughTheSameInterface() {
        PairPool pool = FashionMnistFixture.world().webPool(new PoolSpec(50, NoiseSpec.WEB, 1));
        SyntheticPairs p = new SyntheticPairs(pool);
        checkShapes(p, 1, 28);
        assertEquals(pool.images(new int[]{3}), p.images(new int[]{3}));
        assertEquals(10, p.labelNames().size());
        assertEquals(pool.classOf(2), p.label(2));
    }
}
