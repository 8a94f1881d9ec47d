package org.curationlab.train;

import java.util.List;

import org.curationlab.data.CurationLevel;
import org.curationlab.models.ContrastiveLoss;
import org.curationlab.models.ImageTowerKind;
import org.curationlab.models.ModelConfig;
import org.curationlab.models.ModelSize;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A level reference trained inside a run takes the run's model settings, so its cache name must
 * change with every one of them: two runs differing in learning rate, warm-up, loss or weight
 * decay would otherwise share whichever reference was trained first.
 */
class ReferenceCacheNameTest {
    private static TrainConfig config(ModelConfig model) {
        return new TrainConfig(model, 400, 256, 400, 1000, 0, 1);
    }

    @Test
    void everyModelSettingChangesTheName() {
        ModelConfig base = ModelConfig.defaults(ImageTowerKind.CNN, ModelSize.M);
        String name = ReferenceTraining.levelCacheName(CurationLevel.CURATED, config(base), "clean");
        assertTrue(name.startsWith("curated-cnn-M-s0-i400-clean-") && name.endsWith(".zip"), name);
        assertEquals(name, ReferenceTraining.levelCacheName(CurationLevel.CURATED, config(base), "clean"), "stable");
        List<ModelConfig> others = List.of(
                base.withSchedule(2e-3, base.warmupSteps(), base.totalSteps()),
                base.withSchedule(base.learningRate(), 50, base.totalSteps()),
                base.withLoss(ContrastiveLoss.SOFTMAX),
                new ModelConfig(base.imageTower(), base.size(), base.embedDim(), base.vocabSize(), base.maxTokens(),
                        base.loss(), base.learningRate(), base.warmupSteps(), base.totalSteps(), 0.5, base.seed()));
        for (ModelConfig other : others) {
            assertNotEquals(name, ReferenceTraining.levelCacheName(CurationLevel.CURATED, config(other), "clean"), other.toString());
        }
        TrainConfig otherBatch = new TrainConfig(base, 400, 128, 400, 1000, 0, 1);
        assertNotEquals(name, ReferenceTraining.levelCacheName(CurationLevel.CURATED, otherBatch, "clean"), "batch");
        TrainConfig otherThreads = new TrainConfig(base, 400, 256, 400, 1000, 0, 2);
        assertEquals(name, ReferenceTraining.levelCacheName(CurationLevel.CURATED, otherThreads, "clean"),
                "threads do not shape the weights' recipe");
    }
}
