package org.curationlab.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The per-parameter Adam baseline must make the very update of the flattened default. */
class AdamLayoutTest {
    /** Float32 rounding only: both layouts run the same element-wise Adam arithmetic. */
    private static final double RELATIVE_TOLERANCE = 1e-5;

    @ParameterizedTest
    @EnumSource(ImageTowerKind.class)
    void perParameterAdamGivesTheFlattenedLosses(ImageTowerKind kind) {
        // Weight decay on and a 1-step warm-up, so decay and large updates both take part.
        ModelConfig c = new ModelConfig(kind, ModelSize.S, 16, 20, 4, ContrastiveLoss.SIGMOID,
                3e-3, 1, 50, 0.1, 7L);
        SyntheticPairs d = new SyntheticPairs(32, 8, 4, 13);
        TwoTowerModel flattened = TwoTowerModel.create(c);
        TwoTowerModel perParameter = TwoTowerModel.create(c, AdamLayout.PER_PARAMETER);
        assertEquals(AdamLayout.FLATTENED, flattened.adamLayout());
        double[] a = TwoTowerTrainingTest.losses(flattened, d, 3);
        double[] b = TwoTowerTrainingTest.losses(perParameter, d, 3);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], RELATIVE_TOLERANCE * Math.abs(a[i]), "loss of step " + (i + 1));
        }
        assertTrue(a[2] != a[0], "the steps changed the weights");
        // The third update, which no loss above reflects, must agree too.
        INDArray diff = flattened.embedImages(d.images).sub(perParameter.embedImages(d.images));
        assertTrue(diff.amaxNumber().doubleValue() < 1e-5, "image embeddings differ by " + diff.amaxNumber());
        assertEquals(3, perParameter.step());
        assertTrue(perParameter.lastOptimiserMillis() >= 0);
    }

    @Test
    void perParameterModelCannotBeSaved(@TempDir Path dir) {
        TwoTowerModel m = TwoTowerModel.create(ContrastiveLossTest.tiny(ContrastiveLoss.SIGMOID),
                AdamLayout.PER_PARAMETER);
        CurationException e = assertThrows(CurationException.class, () -> m.save(dir.resolve("m.zip")));
        assertTrue(e.getMessage().contains("PER_PARAMETER"), e.getMessage());
    }
}
