package org.curationlab.models;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JEST's learner scoring reads {@link TwoTowerModel#pairLogits}, which skips the pair losses: its
 * logits must be {@link TwoTowerModel#pairScores}' to the bit, so that the picks do not change.
 */
class PairLogitsTest {

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (ImageTowerKind kind : ImageTowerKind.values()) {
            for (TowerEngine engine : TowerEngine.values()) {
                if (engine == TowerEngine.KERNELS && !kind.tower().hasKernels()) {
                    continue;
                }
                for (ContrastiveLoss loss : ContrastiveLoss.values()) {
                    b.add(Arguments.of(kind, engine, loss));
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void logitsAloneAreThePairScoresLogitsBitForBit(ImageTowerKind kind, TowerEngine engine, ContrastiveLoss loss) {
        SyntheticPairs data = new SyntheticPairs(24, 8, 12, 5);
        ModelConfig config = ModelConfig.defaults(kind, ModelSize.S).withShape(32, 120, 12).withLoss(loss);
        TwoTowerModel model = TwoTowerModel.create(config, engine);
        model.trainStep(data.images, data.tokens); // away from the initial weights
        assertSame(model.pairScores(data.images, data.tokens).logits(), model.pairLogits(data.images, data.tokens),
                kind + " " + engine + " " + loss);
        for (int patch : model.patchSizes()) {
            assertSame(model.pairScores(data.images, data.tokens, patch).logits(),
                    model.pairLogits(data.images, data.tokens, patch), kind + " " + engine + " " + loss + " patch " + patch);
        }
    }

    private static void assertSame(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        assertTrue(expected.equalsWithEps(actual, 0.0), what + ": logits differ");
        assertArrayEquals(expected.dup('c').data().asFloat(), actual.dup('c').data().asFloat(), what);
    }
}
