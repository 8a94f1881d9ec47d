package org.curationlab.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The ViT's kernels engine ({@link VitKernels}) computes what the whole SameDiff graph computes:
 * on the same weights and batch, the same loss and every gradient to float rounding, at every
 * patch size (the base patch and the Flexi-resized ones), for both losses and every size, and for a
 * batch in two parts at two patch sizes; on 1×28×28 images and (S) on RGB 32×32 ones. S runs by default; M, L and XL are integration tests
 * (a SameDiff graph per patch size takes a while to build).
 */
class VitEngineEquivalenceTest {
    /** Relative to the largest gradient entry of each array, as for the CNN; float sums in another order. */
    static final double GRADIENT_TOLERANCE = 2e-4;

    static final ImageShape RGB_32 = new ImageShape(3, 32);

    /** S at 1×28×28, both losses; S at RGB 32×32 (3-channel patches, its own patch sizes), the sigmoid loss. */
    static Stream<Arguments> small() {
        return Stream.concat(cases(ImageShape.DEFAULT, ContrastiveLoss.values(), ModelSize.S),
                cases(RGB_32, new ContrastiveLoss[] {ContrastiveLoss.SIGMOID}, ModelSize.S));
    }

    static Stream<Arguments> large() {
        return cases(ImageShape.DEFAULT, ContrastiveLoss.values(), ModelSize.M, ModelSize.L, ModelSize.XL);
    }

    private static Stream<Arguments> cases(ImageShape shape, ContrastiveLoss[] losses, ModelSize... sizes) {
        Stream.Builder<Arguments> b = Stream.builder();
        for (ModelSize size : sizes) {
            for (ContrastiveLoss loss : losses) {
                for (int patch : VitTower.patches(shape)) {
                    b.add(Arguments.of(size, loss, patch, shape));
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest
    @MethodSource("small")
    void sameLossAndGradientsAsTheWholeGraph(ModelSize size, ContrastiveLoss loss, int patch, ImageShape shape) {
        check(size, loss, patch, shape);
    }

    @Tag("integration")
    @ParameterizedTest
    @MethodSource("large")
    void sameLossAndGradientsAsTheWholeGraphLargeSizes(ModelSize size, ContrastiveLoss loss, int patch, ImageShape shape) {
        check(size, loss, patch, shape);
    }

    private static void check(ModelSize size, ContrastiveLoss loss, int patch, ImageShape shape) {
        ModelConfig c = ModelConfig.defaults(ImageTowerKind.VIT, size).withShape(16, 20, 4).withLoss(loss)
                .withImageShape(shape);
        TwoTowerModel kernels = TwoTowerModel.create(c, TowerEngine.KERNELS);
        TwoTowerModel graph = TwoTowerModel.create(c, TowerEngine.SAMEDIFF);
        SyntheticPairs d = new SyntheticPairs(8, 4, 4, 5, shape);
        // A few identical steps first, at this patch, so the weights are no longer at initialisation.
        for (int i = 0; i < 2; i++) {
            assertEquals(graph.trainStep(d.images, d.tokens, patch), kernels.trainStep(d.images, d.tokens, patch), 1e-4);
        }
        assertSame(graph.lossAndGradients(d.images, d.tokens, patch), kernels.lossAndGradients(d.images, d.tokens, patch));
        assertClose(graph.embedImages(d.images, patch), kernels.embedImages(d.images, patch), 1e-4, "image embeddings");
        assertClose(graph.pairScores(d.images, d.tokens, patch).logits(),
                kernels.pairScores(d.images, d.tokens, patch).logits(), 1e-3, "pair logits");
    }

    static Stream<Arguments> mixed() {
        return Stream.of(Arguments.of(ImageShape.DEFAULT, 7, 14), Arguments.of(RGB_32, 8, 16));
    }

    /** Flexi-JEST's mixed batch: part at the base patch, part at the larger one, one set of weights. */
    @ParameterizedTest
    @MethodSource("mixed")
    void mixedPatchBatchMatchesTheGraph(ImageShape shape, int basePatch, int largePatch) {
        ModelConfig c = ModelConfig.defaults(ImageTowerKind.VIT, ModelSize.S).withShape(16, 20, 4).withImageShape(shape);
        TwoTowerModel kernels = TwoTowerModel.create(c, TowerEngine.KERNELS);
        TwoTowerModel graph = TwoTowerModel.create(c, TowerEngine.SAMEDIFF);
        assertEquals(basePatch, kernels.patchSizes().get(0));
        SyntheticPairs d = new SyntheticPairs(10, 4, 4, 7, shape);
        INDArray base = d.images.get(NDArrayIndex.interval(0, 6), NDArrayIndex.all());
        INDArray large = d.images.get(NDArrayIndex.interval(6, 10), NDArrayIndex.all());
        assertEquals(graph.trainStep(base, basePatch, large, largePatch, d.tokens),
                kernels.trainStep(base, basePatch, large, largePatch, d.tokens), 1e-4);
        assertSame(graph.lossAndGradients(new INDArray[] {base, large}, new int[] {basePatch, largePatch}, d.tokens),
                kernels.lossAndGradients(new INDArray[] {base, large}, new int[] {basePatch, largePatch}, d.tokens));
    }

    static void assertSame(TwoTowerModel.LossAndGradients expected, TwoTowerModel.LossAndGradients actual) {
        assertEquals(expected.loss(), actual.loss(), 1e-5 * Math.abs(expected.loss()), "loss");
        assertEquals(expected.gradients().keySet(), actual.gradients().keySet());
        for (Map.Entry<String, INDArray> e : expected.gradients().entrySet()) {
            INDArray want = e.getValue();
            double scale = Math.max(want.amaxNumber().doubleValue(), 1e-12);
            assertClose(want, actual.gradients().get(e.getKey()), GRADIENT_TOLERANCE * scale,
                    "gradient of " + e.getKey());
        }
    }

    static void assertClose(INDArray want, INDArray got, double tolerance, String what) {
        assertEquals(java.util.Arrays.toString(want.shape()), java.util.Arrays.toString(got.shape()), what);
        double worst = want.sub(got.reshape(want.shape())).amaxNumber().doubleValue();
        assertTrue(worst <= tolerance, what + ": max |difference| " + worst + " > " + tolerance);
    }
}
