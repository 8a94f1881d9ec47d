package org.curationlab.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.memory.abstracts.Nd4jWorkspace;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The ViT's train steps run in the {@link StepWorkspace}: the same losses and weights bit for bit
 * as steps outside it, over steps that change patch, batch size and parts (so anything a step keeps
 * and wrongly made inside the workspace would be overwritten by the next step and show); and a run
 * of same-shape steps reuses the workspace's one block instead of allocating its temporaries anew
 * (the cost of the ViT's training loop: docs/_incoming/vit-loop.md).
 */
class StepWorkspaceTest {
    private static ModelConfig vit(ContrastiveLoss loss) {
        return ModelConfig.defaults(ImageTowerKind.VIT, ModelSize.S).withShape(16, 20, 4).withLoss(loss);
    }

    /** Base patch, Flexi patches, another batch size, a two-part batch, and back. */
    private static List<Double> steps(TwoTowerModel m) {
        SyntheticPairs d = new SyntheticPairs(12, 4, 4, 5);
        SyntheticPairs small = new SyntheticPairs(6, 3, 4, 9);
        int base = m.patchSizes().get(0);
        int large = m.patchSizes().stream().mapToInt(Integer::intValue).max().orElseThrow();
        return List.of(
                m.trainStep(d.images, d.tokens),
                m.trainStep(d.images, d.tokens),
                m.trainStep(d.images, d.tokens, large),
                m.trainStep(small.images, small.tokens),
                m.trainStep(d.images.get(NDArrayIndex.interval(0, 8), NDArrayIndex.all()), base,
                        d.images.get(NDArrayIndex.interval(8, 12), NDArrayIndex.all()), large, d.tokens),
                m.trainStep(d.images, d.tokens, 4),
                m.trainStep(d.images, d.tokens),
                m.trainStep(d.images, d.tokens, large));
    }

    @ParameterizedTest
    @EnumSource(ContrastiveLoss.class)
    void sameLossesAndWeightsAsStepsOutsideIt(ContrastiveLoss loss) {
        TwoTowerModel in = TwoTowerModel.create(vit(loss));
        TwoTowerModel out = TwoTowerModel.create(vit(loss)).withoutStepWorkspace();
        assertTrue(in.stepsInWorkspace());
        assertFalse(out.stepsInWorkspace());
        List<Double> inLosses = steps(in);
        List<Double> outLosses = steps(out);
        for (int i = 0; i < inLosses.size(); i++) {
            assertEquals(Double.doubleToLongBits(outLosses.get(i)), Double.doubleToLongBits(inLosses.get(i)),
                    "step " + i + ": " + outLosses.get(i) + " outside, " + inLosses.get(i) + " inside");
        }
        for (String name : in.parameterNames()) {
            assertEquals(out.parameters().get(name), in.parameters().get(name), name);
            assertFalse(in.parameters().get(name).isAttached(), name + " made in a workspace");
        }
        assertEquals(out.optimiserState().get("adam"), in.optimiserState().get("adam"));
        SyntheticPairs d = new SyntheticPairs(12, 4, 4, 5);
        assertEquals(out.pairLogits(d.images, d.tokens), in.pairLogits(d.images, d.tokens));
    }

    @Test
    void sameShapeStepsReuseOneBlock() {
        TwoTowerModel m = TwoTowerModel.create(vit(ContrastiveLoss.SOFTMAX));
        SyntheticPairs d = new SyntheticPairs(32, 4, 4, 5);
        for (int i = 0; i < 3; i++) {
            m.trainStep(d.images, d.tokens);
        }
        Nd4jWorkspace ws = (Nd4jWorkspace) Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(StepWorkspace.ID);
        long size = ws.getCurrentSize();
        long generation = ws.getGenerationId();
        long step = ws.getLastCycleAllocations();
        assertTrue(step > 0, "a step's temporaries are made in the workspace");
        assertTrue(size >= step, "the block holds a whole step: " + size + " bytes for " + step);
        for (int i = 0; i < 5; i++) {
            m.trainStep(d.images, d.tokens);
            assertEquals(step, ws.getLastCycleAllocations(), "step " + i + " allocates what the first did");
        }
        assertEquals(size, ws.getCurrentSize(), "the block is not reallocated");
        assertEquals(0, ws.getSpilledSize(), "nothing spills out of the block");
        assertTrue(ws.getGenerationId() >= generation);
        assertFalse(Nd4j.getWorkspaceManager().anyWorkspaceActiveForCurrentThread(), "the scope is closed after a step");
    }

    @Test
    void towersThatKeepArraysMadeInAStepTrainOutsideIt() {
        assertFalse(TwoTowerModel.create(ModelConfig.defaults(ImageTowerKind.CNN, ModelSize.S).withShape(16, 20, 4))
                .stepsInWorkspace());
        assertFalse(TwoTowerModel.create(vit(ContrastiveLoss.SOFTMAX), TowerEngine.SAMEDIFF).stepsInWorkspace());
    }
}
