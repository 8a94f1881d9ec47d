package org.curationlab.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;

/** FLOPs against hand counts for S with embedDim 16, V 20 (multiply-add = 2 FLOPs). */
class FlopCountTest {
    private static final ModelConfig CNN_S =
            ModelConfig.defaults(ImageTowerKind.CNN, ModelSize.S).withShape(16, 20, 4);
    private static final ModelConfig MLP_S =
            ModelConfig.defaults(ImageTowerKind.MLP, ModelSize.S).withShape(16, 20, 4);

    @Test
    void cnnAtBothResolutions() {
        // conv 1→16 at 28×28, pool, conv 16→32 at 14×14, GAP, dense 32→16
        long at28 = 2L * 9 * 1 * 16 * 28 * 28 + 2L * 9 * 16 * 32 * 14 * 14 + 2L * 32 * 16;
        assertEquals(2_033_152L, at28);
        assertEquals(at28, FlopCount.imageForward(CNN_S, 28));
        // same at 14×14 then 7×7: about a quarter of the cost
        long at14 = 2L * 9 * 16 * 14 * 14 + 2L * 9 * 16 * 32 * 7 * 7 + 2L * 32 * 16;
        assertEquals(509_056L, at14);
        assertEquals(at14, FlopCount.imageForward(CNN_S, 14));
    }

    @Test
    void xlPoolsSevenToThreeToOne() {
        ModelConfig xl = ModelConfig.defaults(ImageTowerKind.CNN, ModelSize.XL).withShape(16, 20, 4);
        long at14 = 2L * 9 * (1 * 32 * 14 * 14 + 32 * 64 * 7 * 7 + 64 * 128 * 3 * 3 + 128 * 128)
                + 2L * 128 * 16;
        assertEquals(at14, FlopCount.imageForward(xl, 14));
    }

    @Test
    void mlpTextLogitsAndTrain() {
        assertEquals(2L * 784 * 64 + 2L * 64 * 16, FlopCount.imageForward(MLP_S, 28));
        assertThrows(CurationException.class, () -> FlopCount.imageForward(MLP_S, 14));
        long text = 2L * 20 * 32 + 2L * 32 * 64 + 2L * 64 * 16;
        assertEquals(7_424L, text);
        TwoTowerModel m = TwoTowerModel.create(MLP_S);
        assertEquals(text, m.textForwardFlopsPerExample());
        assertEquals(2L * 64 * 16, m.logitsFlopsPerExample(64));
        assertEquals(3 * (102_400L + text), m.trainFlopsPerExample(28));
    }

    /** What a step costs, counted once here: the trainer, JEST's batch policy and the benchmark all charge these. */
    @Test
    void stepCostsAreThePerExampleCountsTimesTheBatch() {
        ModelConfig cnn = ModelConfig.defaults(ImageTowerKind.CNN, ModelSize.M);
        long full = 3 * (FlopCount.imageForward(cnn, 28) + FlopCount.textForward(cnn));
        long half = 3 * (FlopCount.imageForward(cnn, 14) + FlopCount.textForward(cnn));
        assertEquals(full, FlopCount.trainPerExample(cnn, ImageResolution.FULL));
        assertEquals(half, FlopCount.trainPerExample(cnn, ImageResolution.HALF));
        double logits = 3.0 * FlopCount.logitsPerExample(cnn, 256) * 256;
        assertEquals((double) full * 256 + logits, FlopCount.trainStep(cnn, 256, 0));
        assertEquals((double) full * 192 + (double) half * 64 + logits, FlopCount.trainStep(cnn, 256, 64));
        assertEquals(1280.0 * (FlopCount.imageForward(cnn, 14) + FlopCount.textForward(cnn))
                + (double) FlopCount.logitsPerExample(cnn, 1280) * 1280, FlopCount.scoring(cnn, 1280, ImageResolution.HALF));
        assertEquals(1000.0 * (FlopCount.imageForward(cnn, 28) + FlopCount.textForward(cnn)), FlopCount.embedding(cnn, 1000));
        assertEquals((double) FlopCount.logitsPerExample(cnn, 640) * 640, FlopCount.logits(cnn, 640));
    }

    /** RGB 32×32, S, embedDim 16: each tower against its hand count. */
    private static final ImageShape RGB_32 = new ImageShape(3, 32);

    @Test
    void mlpAtRgb32FlattensThreeChannels() {
        ModelConfig mlp = MLP_S.withImageShape(RGB_32);
        // dense 3·32·32 → 64, dense 64 → 16
        assertEquals(2L * 3072 * 64 + 2L * 64 * 16, FlopCount.imageForward(mlp, 32));
        assertEquals(395_264L, FlopCount.imageForward(mlp, ImageResolution.FULL));
        assertThrows(CurationException.class, () -> FlopCount.imageForward(mlp, 16));
        assertThrows(CurationException.class, () -> FlopCount.imageForward(mlp, 28), "28 is not a side of 3×32×32");
    }

    @Test
    void cnnAtRgb32ConvolvesThreeChannels() {
        ModelConfig cnn = CNN_S.withImageShape(RGB_32);
        // conv 3→16 at 32×32, pool, conv 16→32 at 16×16, GAP, dense 32→16
        long at32 = 2L * 9 * 3 * 16 * 32 * 32 + 2L * 9 * 16 * 32 * 16 * 16 + 2L * 32 * 16;
        assertEquals(3_245_056L, at32);
        assertEquals(at32, FlopCount.imageForward(cnn, 32));
        // half resolution: 16×16 then 8×8
        long at16 = 2L * 9 * 3 * 16 * 16 * 16 + 2L * 9 * 16 * 32 * 8 * 8 + 2L * 32 * 16;
        assertEquals(812_032L, at16);
        assertEquals(at16, FlopCount.imageForward(cnn, 16));
        assertEquals(at16, FlopCount.imageForward(cnn, ImageResolution.HALF));
    }

    @Test
    void vitAtRgb32CutsEightByEightByThreePatches() {
        ModelConfig vit = ModelConfig.defaults(ImageTowerKind.VIT, ModelSize.S).withShape(16, 20, 4).withImageShape(RGB_32);
        assertEquals(java.util.List.of(8, 4, 16), vit.imageTower().patchSizes(RGB_32));
        // D 32, depth 2, MLP 128; patch 8: T = 16 tokens of 3·8·8 values.
        long d = 32;
        long t = 16;
        long perBlock = 2 * t * (3 * d * d + d * d + 2 * d * 128) + 2 * 2 * t * t * d;
        long at8 = 2 * t * (3 * 8 * 8) * d + 2 * perBlock + 2 * d * 16;
        assertEquals(1_049_600L, at8);
        assertEquals(at8, FlopCount.imageForwardAtPatch(vit, 8));
        assertEquals(at8, FlopCount.imageForward(vit, 32), "the base patch is the patch-less count");
        // patch 16: 4 tokens; patch 4: 64. The patch embedding costs 2·C·S²·D at every patch.
        assertEquals(2L * 4 * 768 * 32 + 2 * (2L * 4 * 12_288 + 4L * 16 * 32) + 1024, FlopCount.imageForwardAtPatch(vit, 16));
        assertEquals(4_391_936L, FlopCount.imageForwardAtPatch(vit, 4));
        CurationException e = assertThrows(CurationException.class, () -> FlopCount.imageForwardAtPatch(vit, 7));
        assertTrue(e.getMessage().contains("3×32×32") && e.getMessage().contains("[4, 8, 16]"), e.getMessage());
    }
}
