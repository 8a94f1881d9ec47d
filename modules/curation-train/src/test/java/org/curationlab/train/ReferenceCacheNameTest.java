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

    /** A level's reference trained for 80 passes (625 steps) is never the cached 1 000-step one, nor the other way round. */
    @Test
    void theStepsThePassesMakeAreInTheName() {
        RunSpec run = RunSpec.defaults();
        TrainConfig passes = run.referenceTrainConfig(CurationLevel.CURATED.size());
        TrainConfig steps = run.with(org.curationlab.train.settings.RunSchema.REFERENCE_ITERATIONS, 1000)
                .referenceTrainConfig(CurationLevel.CURATED.size());
        assertEquals(625, passes.iterations());
        assertEquals(625, passes.model().totalSteps(), "the schedule ends at the reference's last step");
        assertEquals(1000, steps.iterations());
        String a = ReferenceTraining.levelCacheName(CurationLevel.CURATED, passes, "clean");
        String b = ReferenceTraining.levelCacheName(CurationLevel.CURATED, steps, "clean");
        assertTrue(a.startsWith("curated-cnn-M-s0-i625-clean-"), a);
        assertTrue(b.startsWith("curated-cnn-M-s0-i1000-clean-"), b);
        assertNotEquals(a, b);
        // experiments/quick.yaml pins 400 steps: its reference keeps the name it was cached under.
        TrainConfig quick = run.with(org.curationlab.train.settings.RunSchema.REFERENCE_ITERATIONS, 400)
                .referenceTrainConfig(CurationLevel.CURATED.size());
        assertEquals(ReferenceTraining.levelCacheName(CurationLevel.CURATED, quickBefore(run), "clean"),
                ReferenceTraining.levelCacheName(CurationLevel.CURATED, quick, "clean"));
    }

    /** The reference config as runs built it before passes existed: the learner's model and batch, 400 steps. */
    private static TrainConfig quickBefore(RunSpec run) {
        TrainConfig cfg = run.trainConfig();
        return new TrainConfig(cfg.model().withSchedule(cfg.model().learningRate(), Math.min(cfg.model().warmupSteps(), 400), 400),
                400, cfg.batch(), 400, cfg.evalSize(), cfg.seed(), cfg.threads());
    }
}
