package org.curationlab.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
