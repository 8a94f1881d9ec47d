package org.curationlab.models;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inference must repeat itself and agree with training: the oneDNN build's xw_plus_b once
 * returned different text embeddings on a second call, which made every evaluation meaningless
 * while training losses looked fine.
 */
class TwoTowerModelInferenceTest {

    @ParameterizedTest
    @EnumSource(ImageTowerKind.class)
    void repeatedInferenceIsIdenticalAndMatchesTheTrainingLoss(ImageTowerKind kind) {
        SyntheticPairs data = new SyntheticPairs(32, 8, 12, 3);
        ModelConfig config = ModelConfig.defaults(kind, ModelSize.S).withShape(32, 120, 12);
        TwoTowerModel model = TwoTowerModel.create(config);
        for (int call = 0; call < 3; call++) {
            INDArray t1 = model.embedTexts(data.tokens).dup();
            INDArray t2 = model.embedTexts(data.tokens).dup();
            INDArray i1 = model.embedImages(data.images).dup();
            INDArray i2 = model.embedImages(data.images).dup();
            assertTrue(t1.equalsWithEps(t2, 0), "text embeddings repeat, call " + call);
            assertTrue(i1.equalsWithEps(i2, 0), "image embeddings repeat, call " + call);
            double scored = model.pairScores(data.images, data.tokens).loss();
            double trained = model.trainStep(data.images, data.tokens);
            assertEquals(trained, scored, 1e-4, "pairScores and trainStep see the same model, call " + call);
        }
    }
}
