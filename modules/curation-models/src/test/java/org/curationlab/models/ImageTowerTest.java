package org.curationlab.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.curationlab.data.CurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What every registered image tower promises the model that composes it. */
class ImageTowerTest {
    @ParameterizedTest
    @EnumSource(ImageTowerKind.class)
    void namesInitialisationAndModelAgree(ImageTowerKind kind) {
        for (ModelSize size : ModelSize.values()) {
            ModelConfig c = ModelConfig.defaults(kind, size).withShape(16, 20, 4);
            ImageTower tower = kind.tower();
            Map<String, INDArray> drawn = new LinkedHashMap<>();
            tower.initialise(c, new Random(c.seed()), drawn);
            List<String> names = tower.parameterNames(c);
            assertEquals(names, List.copyOf(drawn.keySet()), kind + " " + size + ": names in draw order");
            assertTrue(names.stream().allMatch(n -> n.startsWith("img_")), kind + " names start with img_");
            // The model's parameters start with the tower's, in the same order.
            List<String> model = TowerParameters.initialise(c).keySet().stream().toList();
            assertEquals(names, model.subList(0, names.size()));
        }
    }

    @ParameterizedTest
    @EnumSource(ImageTowerKind.class)
    void everyTowerTakesFullResolutionAndCountsOnlyWhatItTakes(ImageTowerKind kind) {
        ModelConfig c = ModelConfig.defaults(kind, ModelSize.S);
        assertTrue(kind.accepts(ImageResolution.FULL));
        assertTrue(FlopCount.imageForward(c, 28) > 0);
        if (kind.accepts(ImageResolution.HALF)) {
            assertTrue(FlopCount.imageForward(c, 14) < FlopCount.imageForward(c, 28));
        } else {
            assertThrows(CurationException.class, () -> FlopCount.imageForward(c, 14));
        }
        assertEquals(kind.tower().hasKernels() ? TowerEngine.KERNELS : TowerEngine.SAMEDIFF,
                TwoTowerModel.create(c).engine());
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> towersAndShapes() {
        return java.util.Arrays.stream(ImageTowerKind.values()).flatMap(kind -> java.util.stream.Stream.of(
                new ImageShape(3, 32), new ImageShape(1, 64)).map(shape -> org.junit.jupiter.params.provider.Arguments.of(kind, shape)));
    }

    /**
     * Every tower takes an RGB 32×32 or a grey 64×64 config: input weights sized from C×H×W (the MLP's
     * C·H·W inputs, the CNN's C input channels, the ViT's 8×8×C patches and 4×4 or 8×8 grid), batches of
     * that shape, nothing else.
     */

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("towersAndShapes")
    void takesItsImageShapeAndRefusesOthers(ImageTowerKind kind, ImageShape shape) {
        ModelConfig c = ModelConfig.defaults(kind, ModelSize.S).withShape(16, 20, 4).withImageShape(shape);
        TwoTowerModel m = TwoTowerModel.create(c);
        long ch = shape.channels();
        long side = shape.side();
        long grid = side / 8; // the ViT's base patch at 32 and 64
        Map<String, List<Long>> inputWeights = switch (kind) {
            case MLP -> Map.of("img_fc0_w", List.of(ch * side * side, 64L));
            case CNN -> Map.of("img_conv0_w", List.of(3L, 3L, ch, 16L));
            case VIT -> Map.of("img_patch_w", List.of(ch * 8 * 8, 32L), "img_pos", List.of(grid * grid, 32L));
        };
        inputWeights.forEach((name, dims) -> assertEquals(dims,
                java.util.Arrays.stream(m.parameters().get(name).shape()).boxed().toList(), name));
        SyntheticPairs d = new SyntheticPairs(6, 3, 4, 1, shape);
        assertEquals(6, m.embedImages(d.images).rows());
        assertTrue(Double.isFinite(m.trainStep(d.images, d.tokens)));
        SyntheticPairs grey = new SyntheticPairs(6, 3, 4, 1);
        CurationException e = assertThrows(CurationException.class, () -> m.embedImages(grey.images));
        assertTrue(e.getMessage().contains(Integer.toString(shape.pixels())) && e.getMessage().contains(shape.toString()),
                e.getMessage());
        if (kind.accepts(ImageResolution.HALF)) {
            assertEquals(6, m.embedImages(shape.downsample(d.images)).rows());
        }
    }
}
