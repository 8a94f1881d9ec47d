package org.curationlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.memory.abstracts.Nd4jWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The ViT's and the CNN's train steps and pair logits run in the {@link StepWorkspace}: the same losses, logits
 * and weights bit for bit as outside it, over steps that change patch, batch size and parts with
 * JEST-like scoring of a bigger batch in between (so anything a step keeps and wrongly made inside
 * the workspace would be overwritten by the next one and show); and a run of same-shape steps
 * reuses the workspace's one block instead of allocating its temporaries anew (the cost of the
 * ViT's training loop: docs/models.md, "The step workspace").
 */
class StepWorkspaceTest {
    private static ModelConfig vit(ContrastiveLoss loss) {
        return ModelConfig.defaults(ImageTowerKind.VIT, ModelSize.S).withShape(16, 20, 4).withLoss(loss);
    }

    /** Base patch, Flexi patches, another batch size, a two-part batch, and back; a bigger batch's logits between. */
    private static List<float[]> steps(TwoTowerModel m) {
        SyntheticPairs d = new SyntheticPairs(12, 4, 4, 5);
        SyntheticPairs small = new SyntheticPairs(6, 3, 4, 9);
        SyntheticPairs superBatch = new SyntheticPairs(30, 4, 4, 11);
        int base = m.patchSizes().get(0);
        int large = m.patchSizes().stream().mapToInt(Integer::intValue).max().orElseThrow();
        List<float[]> out = new ArrayList<>();
        out.add(new float[] {(float) m.trainStep(d.images, d.tokens)});
        out.add(bits(m.pairLogits(superBatch.images, superBatch.tokens)));
        out.add(new float[] {(float) m.trainStep(d.images, d.tokens)});
        out.add(bits(m.pairLogits(superBatch.images, superBatch.tokens, large)));
        out.add(new float[] {(float) m.trainStep(d.images, d.tokens, large)});
        out.add(new float[] {(float) m.trainStep(small.images, small.tokens)});
        out.add(new float[] {(float) m.trainStep(d.images.get(NDArrayIndex.interval(0, 8), NDArrayIndex.all()), base,
                d.images.get(NDArrayIndex.interval(8, 12), NDArrayIndex.all()), large, d.tokens)});
        out.add(new float[] {(float) m.trainStep(d.images, d.tokens, 4)});
        INDArray kept = m.pairLogits(superBatch.images, superBatch.tokens);
        out.add(new float[] {(float) m.trainStep(d.images, d.tokens)});
        out.add(new float[] {(float) m.trainStep(d.images, d.tokens, large)});
        // Logits handed out before two more steps are still theirs: copied out of the workspace.
        assertFalse(kept.isAttached());
        out.add(bits(kept));
        return out;
    }

    /** The CNN's: full resolution, another batch size, a half-resolution part (multi-resolution) and half-resolution scoring. */
    private static List<float[]> cnnSteps(TwoTowerModel m) {
        SyntheticPairs d = new SyntheticPairs(12, 4, 4, 5);
        SyntheticPairs small = new SyntheticPairs(6, 3, 4, 9);
        SyntheticPairs superBatch = new SyntheticPairs(30, 4, 4, 11);
        List<float[]> out = new ArrayList<>();
        out.add(new float[] {(float) m.trainStep(d.images, d.tokens)});
        out.add(bits(m.pairLogits(superBatch.images, superBatch.tokens)));
        out.add(new float[] {(float) m.trainStep(d.images, d.tokens)});
        out.add(bits(m.pairLogits(ImageResolution.downsample(superBatch.images), superBatch.tokens)));
        out.add(new float[] {(float) m.trainStep(small.images, small.tokens)});
        out.add(new float[] {(float) m.trainStep(d.images.get(NDArrayIndex.interval(0, 8), NDArrayIndex.all()),
                ImageResolution.downsample(d.images.get(NDArrayIndex.interval(8, 12), NDArrayIndex.all())), d.tokens)});
        INDArray kept = m.pairLogits(superBatch.images, superBatch.tokens);
        out.add(new float[] {(float) m.trainStep(d.images, d.tokens)});
        out.add(new float[] {(float) m.trainStep(small.images, small.tokens)});
        assertFalse(kept.isAttached());
        out.add(bits(kept));
        return out;
    }

    private static float[] bits(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    @ParameterizedTest
    @CsvSource({"VIT, SIGMOID", "VIT, SOFTMAX", "CNN, SIGMOID", "CNN, SOFTMAX"})
    void sameLossesAndWeightsAsStepsOutsideIt(ImageTowerKind tower, ContrastiveLoss loss) {
        ModelConfig c = tower == ImageTowerKind.VIT ? vit(loss)
                : ModelConfig.defaults(ImageTowerKind.CNN, ModelSize.S).withShape(16, 20, 4).withLoss(loss);
        TwoTowerModel in = TwoTowerModel.create(c);
        TwoTowerModel out = TwoTowerModel.create(c).withoutStepWorkspace();
        assertTrue(in.stepsInWorkspace());
        assertFalse(out.stepsInWorkspace());
        List<float[]> inResults = tower == ImageTowerKind.VIT ? steps(in) : cnnSteps(in);
        List<float[]> outResults = tower == ImageTowerKind.VIT ? steps(out) : cnnSteps(out);
        for (int i = 0; i < inResults.size(); i++) {
            assertArrayEquals(outResults.get(i), inResults.get(i), "result " + i + " (a loss or logits)");
        }
        for (String name : in.parameterNames()) {
            assertArrayEquals(bits(out.parameters().get(name)), bits(in.parameters().get(name)), name);
            assertFalse(in.parameters().get(name).isAttached(), name + " made in a workspace");
        }
        assertArrayEquals(bits(out.optimiserState().get("adam")), bits(in.optimiserState().get("adam")));
    }

    @Test
    void stepsAndScoringReuseOneBlock() {
        TwoTowerModel m = TwoTowerModel.create(vit(ContrastiveLoss.SOFTMAX));
        SyntheticPairs d = new SyntheticPairs(32, 4, 4, 5);
        SyntheticPairs superBatch = new SyntheticPairs(64, 4, 4, 11);
        // As JEST: score a super-batch, train on a batch; the block grows to the larger once.
        for (int i = 0; i < 3; i++) {
            m.pairLogits(superBatch.images, superBatch.tokens);
            m.trainStep(d.images, d.tokens);
        }
        Nd4jWorkspace ws = (Nd4jWorkspace) Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(StepWorkspace.ID);
        long size = ws.getCurrentSize();
        long step = ws.getLastCycleAllocations();
        assertTrue(step > 0, "a step's temporaries are made in the workspace");
        assertTrue(size >= step, "the block holds a whole step: " + size + " bytes for " + step);
        for (int i = 0; i < 4; i++) {
            m.pairLogits(superBatch.images, superBatch.tokens);
            assertTrue(ws.getLastCycleAllocations() <= size, "scoring fits the block");
            m.trainStep(d.images, d.tokens);
            assertEquals(step, ws.getLastCycleAllocations(), "step " + i + " allocates what the first did");
        }
        assertEquals(size, ws.getCurrentSize(), "the block is not reallocated");
        assertEquals(0, ws.getSpilledSize(), "nothing spills out of the block");
        assertFalse(Nd4j.getWorkspaceManager().anyWorkspaceActiveForCurrentThread(), "the scope is closed after a step");
    }

    @Test
    void towersThatKeepArraysMadeInAStepTrainOutsideIt() {
        assertFalse(TwoTowerModel.create(ModelConfig.defaults(ImageTowerKind.MLP, ModelSize.S).withShape(16, 20, 4))
                .stepsInWorkspace());
        assertFalse(TwoTowerModel.create(vit(ContrastiveLoss.SOFTMAX), TowerEngine.SAMEDIFF).stepsInWorkspace());
    }
}
