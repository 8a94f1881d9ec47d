package org.curationlab.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The kernels engine computes what the whole SameDiff graph computes: on the same weights and
 * batch, the same loss, gradients, embeddings and pair scores (to float rounding of differently
 * ordered sums), at both resolutions, mixed batches included, for both losses and every size, on
 * grey 28×28 images and (size S) on RGB 32×32 ones.
 */
class TowerEngineEquivalenceTest {
    /** Relative to the largest gradient entry of each array; float sums in another order. */
    private static final double GRADIENT_TOLERANCE = 2e-4;

    static final ImageShape RGB_32 = new ImageShape(3, 32);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(ModelSize.S, ContrastiveLoss.SIGMOID, ImageShape.DEFAULT),
                Arguments.of(ModelSize.M, ContrastiveLoss.SIGMOID, ImageShape.DEFAULT),
                Arguments.of(ModelSize.M, ContrastiveLoss.SOFTMAX, ImageShape.DEFAULT),
                Arguments.of(ModelSize.L, ContrastiveLoss.SOFTMAX, ImageShape.DEFAULT),
                Arguments.of(ModelSize.XL, ContrastiveLoss.SIGMOID, ImageShape.DEFAULT),
                // RGB: the first convolution's patch matrix holds 9·3 taps; 32 pools to 16, 8, 4.
                Arguments.of(ModelSize.S, ContrastiveLoss.SIGMOID, RGB_32));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void sameLossAndGradientsAsTheWholeGraph(ModelSize size, ContrastiveLoss loss, ImageShape shape) {
        ModelConfig c = ModelConfig.defaults(ImageTowerKind.CNN, size).withShape(16, 20, 4).withLoss(loss)
                .withImageShape(shape);
        TwoTowerModel kernels = TwoTowerModel.create(c, TowerEngine.KERNELS);
        TwoTowerModel graph = TwoTowerModel.create(c, TowerEngine.SAMEDIFF);
        SyntheticPairs d = new SyntheticPairs(24, 8, 4, 5, shape);
        // A few identical steps first, so the weights are no longer at initialisation.
        for (int i = 0; i < 3; i++) {
            assertEquals(graph.trainStep(d.images, d.tokens), kernels.trainStep(d.images, d.tokens), 1e-4);
        }
        INDArray low = shape.downsample(d.images);
        assertSame(graph.lossAndGradients(d.images, d.tokens), kernels.lossAndGradients(d.images, d.tokens));
        assertSame(graph.lossAndGradients(low, d.tokens), kernels.lossAndGradients(low, d.tokens));
        INDArray high = d.images.get(NDArrayIndex.interval(0, 15), NDArrayIndex.all());
        INDArray lowPart = low.get(NDArrayIndex.interval(15, 24), NDArrayIndex.all());
        assertSame(graph.lossAndGradients(high, lowPart, d.tokens),
                kernels.lossAndGradients(high, lowPart, d.tokens));
        assertClose(graph.embedImages(d.images), kernels.embedImages(d.images), 1e-4, "image embeddings");
        assertClose(graph.pairScores(low, d.tokens).logits(), kernels.pairScores(low, d.tokens).logits(),
                1e-3, "pair logits at half resolution");
    }

    @org.junit.jupiter.api.Test
    void kernelsEngineIsDeterministic() {
        ModelConfig c = ModelConfig.defaults(ImageTowerKind.CNN, ModelSize.M).withShape(16, 20, 4);
        TwoTowerModel a = TwoTowerModel.create(c, TowerEngine.KERNELS);
        TwoTowerModel b = TwoTowerModel.create(c, TowerEngine.KERNELS);
        SyntheticPairs d = new SyntheticPairs(32, 8, 4, 9);
        for (int i = 0; i < 4; i++) {
            assertEquals(a.trainStep(d.images, d.tokens), b.trainStep(d.images, d.tokens), 0.0, "loss of step " + i);
        }
        for (Map.Entry<String, INDArray> e : a.parameters().entrySet()) {
            // Bit for bit: INDArray.equals would allow a 1e-5 difference.
            org.junit.jupiter.api.Assertions.assertArrayEquals(e.getValue().ravel().toFloatVector(),
                    b.parameters().get(e.getKey()).ravel().toFloatVector(), "weights of " + e.getKey() + " after 4 steps");
        }
    }

    private static void assertSame(TwoTowerModel.LossAndGradients expected, TwoTowerModel.LossAndGradients actual) {
        assertEquals(expected.loss(), actual.loss(), 1e-5 * Math.abs(expected.loss()), "loss");
        assertEquals(expected.gradients().keySet(), actual.gradients().keySet());
        for (Map.Entry<String, INDArray> e : expected.gradients().entrySet()) {
            INDArray want = e.getValue();
            double scale = Math.max(want.amaxNumber().doubleValue(), 1e-12);
            assertClose(want, actual.gradients().get(e.getKey()), GRADIENT_TOLERANCE * scale,
                    "gradient of " + e.getKey());
        }
    }

    private static void assertClose(INDArray want, INDArray got, double tolerance, String what) {
        assertEquals(java.util.Arrays.toString(want.shape()), java.util.Arrays.toString(got.shape()), what);
        double worst = want.sub(got.reshape(want.shape())).amaxNumber().doubleValue();
        assertTrue(worst <= tolerance, what + ": max |difference| " + worst + " > " + tolerance);
    }
}
