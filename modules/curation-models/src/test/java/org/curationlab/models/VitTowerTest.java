package org.curationlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The ViT tower's ladder, FLOPs, patch sizes (FlexiViT) and checkpoints. */
class VitTowerTest {
    /** The ladder as the docs show it: parameters ×2–×4 per rung, FLOPs per example at each patch. */
    @Test
    void ladderGrowsTwoToFourTimesPerRung() {
        System.out.print(ModelLadder.patchTable());
        long previous = 0;
        for (ModelSize size : ModelSize.values()) {
            long params = ModelLadder.parameterCount(ModelConfig.defaults(ImageTowerKind.VIT, size));
            if (previous > 0) {
                double ratio = (double) params / previous;
                assertTrue(ratio >= 2 && ratio <= 4, size + ": ×" + ratio);
            }
            previous = params;
        }
        assertEquals(List.of(39_810L, 132_738L, 413_090L, 1_203_458L), java.util.Arrays.stream(ModelSize.values())
                .map(s -> ModelLadder.parameterCount(ModelConfig.defaults(ImageTowerKind.VIT, s))).toList());
    }

    /** The tower's parameters counted from its shape, by hand. */
    @ParameterizedTest
    @EnumSource(ModelSize.class)
    void parameterCountFollowsTheShape(ModelSize size) {
        ModelConfig c = ModelConfig.defaults(ImageTowerKind.VIT, size);
        VitTower.Shape s = VitTower.shape(size);
        long d = s.width();
        long m = s.mlpHidden();
        long block = 2 * d + (d * 3 * d + 3 * d) + (d * d + d) + 2 * d + (d * m + m) + (m * d + d);
        long tower = 49 * d + d + 16 * d + s.depth() * block + 2 * d + d * c.embedDim() + c.embedDim();
        Map<String, INDArray> drawn = new java.util.LinkedHashMap<>();
        new VitTower().initialise(c, new java.util.Random(1), drawn);
        assertEquals(tower, drawn.values().stream().mapToLong(INDArray::length).sum());
    }

    /**
     * S at patch 7 by hand: T = 16 tokens of width 32; patch embedding 2·16·49·32; per block
     * 2·16·(3·32² + 32² + 2·32·128) + 4·16²·32; the projection 2·32·64.
     */
    @Test
    void forwardFlopsCountEveryMatmul() {
        ModelConfig c = ModelConfig.defaults(ImageTowerKind.VIT, ModelSize.S);
        long perBlock = 2L * 16 * (3 * 1024 + 1024 + 2 * 32 * 128) + 4L * 16 * 16 * 32;
        assertEquals(2L * 16 * 49 * 32 + 2 * perBlock + 2L * 32 * 64, FlopCount.imageForwardAtPatch(c, 7));
        assertEquals(FlopCount.imageForwardAtPatch(c, 7), FlopCount.imageForward(c, 28), "28×28 is the base patch");
        long perBlock14 = 2L * 4 * (3 * 1024 + 1024 + 2 * 32 * 128) + 4L * 4 * 4 * 32;
        assertEquals(2L * 4 * 196 * 32 + 2 * perBlock14 + 2L * 32 * 64, FlopCount.imageForwardAtPatch(c, 14));
        long perBlock4 = 2L * 49 * (3 * 1024 + 1024 + 2 * 32 * 128) + 4L * 49 * 49 * 32;
        assertEquals(2L * 49 * 16 * 32 + 2 * perBlock4 + 2L * 32 * 64, FlopCount.imageForwardAtPatch(c, 4));
        // A step with a quarter of 64 rows at patch 14: each part at its own patch's cost.
        double text = FlopCount.textForward(c);
        assertEquals(3 * (FlopCount.imageForwardAtPatch(c, 7) + text) * 48 + 3 * (FlopCount.imageForwardAtPatch(c, 14) + text) * 16
                + 3.0 * FlopCount.logitsPerExample(c, 64) * 64, FlopCount.trainStepAtPatches(c, 64, 16, 14), 1e-3);
        assertEquals(FlopCount.trainStep(c, 64, 0), FlopCount.trainStepAtPatches(c, 64, 0, 14), 1e-3);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 8, 28})
    void patchSizesThatDoNotTileAreRefusedInOneLine(int patch) {
        ModelConfig c = ModelConfig.defaults(ImageTowerKind.VIT, ModelSize.S).withShape(16, 20, 4);
        TwoTowerModel m = TwoTowerModel.create(c);
        SyntheticPairs d = new SyntheticPairs(4, 4, 4, 1);
        for (CurationException e : List.of(
                assertThrows(CurationException.class, () -> m.pairScores(d.images, d.tokens, patch)),
                assertThrows(CurationException.class, () -> m.trainStep(d.images, d.tokens, patch)),
                assertThrows(CurationException.class, () -> FlopCount.imageForwardAtPatch(c, patch)))) {
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertTrue(e.getMessage().contains(Integer.toString(patch)), e.getMessage());
        }
        assertEquals(0, m.step(), "a refused step does not count");
    }

    @Test
    void halfResolutionInputAndPatchesOnOtherTowersAreRefused() {
        ModelConfig vit = ModelConfig.defaults(ImageTowerKind.VIT, ModelSize.S).withShape(16, 20, 4);
        SyntheticPairs d = new SyntheticPairs(4, 4, 4, 1);
        INDArray low = ImageResolution.downsample(d.images);
        assertThrows(CurationException.class, () -> TwoTowerModel.create(vit).embedImages(low));
        assertThrows(CurationException.class, () -> TwoTowerModel.create(vit).embedImages(low, 7));
        ModelConfig cnn = ModelConfig.defaults(ImageTowerKind.CNN, ModelSize.S).withShape(16, 20, 4);
        CurationException e = assertThrows(CurationException.class,
                () -> TwoTowerModel.create(cnn).pairScores(d.images, d.tokens, 14));
        assertTrue(e.getMessage().contains("no patches"), e.getMessage());
        assertEquals(List.of(), TwoTowerModel.create(cnn).patchSizes());
        assertEquals(List.of(7, 4, 14), TwoTowerModel.create(vit).patchSizes());
    }

    /**
     * One set of weights: training at a larger patch changes the base weights (same names and
     * shapes at every patch), and a model trained at mixed patches scores at each.
     */
    @Test
    void everyPatchSizeTrainsTheSameWeights() {
        ModelConfig c = ModelConfig.defaults(ImageTowerKind.VIT, ModelSize.S).withShape(16, 20, 4);
        TwoTowerModel m = TwoTowerModel.create(c);
        SyntheticPairs d = new SyntheticPairs(8, 4, 4, 2);
        INDArray before = m.parameters().get(VitTower.PATCH_W).dup();
        INDArray positions = m.parameters().get(VitTower.POSITIONS).dup();
        m.trainStep(d.images, d.tokens, 14);
        assertArrayEquals(new long[] {49, 32}, m.parameters().get(VitTower.PATCH_W).shape());
        assertTrue(before.sub(m.parameters().get(VitTower.PATCH_W)).amaxNumber().doubleValue() > 0);
        assertTrue(positions.sub(m.parameters().get(VitTower.POSITIONS)).amaxNumber().doubleValue() > 0);
        for (int patch : m.patchSizes()) {
            PairScores s = m.pairScores(d.images, d.tokens, patch);
            assertTrue(Double.isFinite(s.loss()));
            assertArrayEquals(new long[] {8, 8}, s.logits().shape());
        }
    }

    /** Save → load → the same loss and pair logits at every patch, and training resumes bit for bit. */
    @ParameterizedTest
    @EnumSource(TowerEngine.class)
    void checkpointLoadsAndScoresTheSame(TowerEngine engine, @TempDir Path dir) {
        ModelConfig c = ModelConfig.defaults(ImageTowerKind.VIT, ModelSize.S).withShape(16, 20, 4)
                .withLoss(ContrastiveLoss.SOFTMAX);
        TwoTowerModel m = TwoTowerModel.create(c, engine);
        SyntheticPairs d = new SyntheticPairs(8, 4, 4, 3);
        m.trainStep(d.images, d.tokens);
        m.trainStep(d.images.getRows(0, 1, 2, 3, 4), 7, d.images.getRows(5, 6, 7), 14, d.tokens);
        Path file = dir.resolve("vit.zip");
        m.save(file);
        TwoTowerModel loaded = TwoTowerModel.load(file);
        assertEquals(ImageTowerKind.VIT, loaded.config().imageTower());
        assertEquals(m.step(), loaded.step());
        TwoTowerModel same = engine == loaded.engine() ? loaded : null;
        for (int patch : m.patchSizes()) {
            PairScores want = m.pairScores(d.images, d.tokens, patch);
            PairScores got = loaded.pairScores(d.images, d.tokens, patch);
            double tolerance = same != null ? 0 : 1e-5; // another engine: float rounding only
            assertEquals(want.loss(), got.loss(), tolerance * Math.abs(want.loss()), "loss at patch " + patch);
            float[] a = want.logits().ravel().toFloatVector();
            float[] b = got.logits().ravel().toFloatVector();
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], tolerance * 10 * Math.max(1, Math.abs(a[i])), "logit " + i + " at patch " + patch);
            }
        }
        if (same != null) {
            assertEquals(m.trainStep(d.images, d.tokens, 14), same.trainStep(d.images, d.tokens, 14), 0.0);
            assertArrayEquals(m.parameters().get(VitTower.PATCH_W).ravel().toFloatVector(),
                    same.parameters().get(VitTower.PATCH_W).ravel().toFloatVector(), "weights after a resumed step");
        }
    }

    /**
     * The memory check's count of what a kernels pass keeps is exactly what the engine allocates, at
     * every patch of 28×28 and of 64×64 RGB (patch 4 there: 256 tokens, the largest pass), and the
     * backward scratch comes on top of it.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"1, 28, S", "1, 28, L", "3, 64, M", "3, 32, XL"})
    void keptActivationsAreCountedExactly(int channels, int side, ModelSize size) {
        ModelConfig c = ModelConfig.defaults(ImageTowerKind.VIT, size).withShape(16, 20, 4)
                .withImageShape(new ImageShape(channels, side));
        int n = 3;
        INDArray images = org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, n, c.imageShape().pixels());
        for (int patch : c.imageTower().patchSizes(c.imageShape())) {
            VitKernels kernels = new VitKernels(c, TowerParameters.initialise(c));
            kernels.forward(images, patch);
            assertEquals(VitTower.keptFloats(c, patch, n), kernels.keptFloats(), "patch " + patch);
            assertEquals(kernels.keptFloats(), ImageTowerKind.VIT.keptActivationFloats(c, patch, n));
            assertTrue(ImageTowerKind.VIT.backwardScratchFloats(c, patch, n) > 0);
        }
        assertEquals(0, ImageTowerKind.CNN.keptActivationFloats(c, 4, n));
    }
}
