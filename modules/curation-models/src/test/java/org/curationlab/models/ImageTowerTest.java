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

    /**
     * Every tower takes an RGB 32×32 config: input weights sized from C×H×W (the MLP's C·H·W inputs, the
     * CNN's C input channels, the ViT's 8×8×C patches and 4×4 grid), batches of that shape, nothing else.
     */
    @ParameterizedTest
    @EnumSource(ImageTowerKind.class)
    void takesItsImageShapeAndRefusesOthers(ImageTowerKind kind) {
        ImageShape rgb = new ImageShape(3, 32);
        ModelConfig c = ModelConfig.defaults(kind, ModelSize.S).withShape(16, 20, 4).withImageShape(rgb);
        TwoTowerModel m = TwoTowerModel.create(c);
        Map<String, List<Long>> inputWeights = switch (kind) {
            case MLP -> Map.of("img_fc0_w", List.of(3L * 32 * 32, 64L));
            case CNN -> Map.of("img_conv0_w", List.of(3L, 3L, 3L, 16L));
            case VIT -> Map.of("img_patch_w", List.of(3L * 8 * 8, 32L), "img_pos", List.of(16L, 32L));
        };
        inputWeights.forEach((name, shape) -> assertEquals(shape,
                java.util.Arrays.stream(m.parameters().get(name).shape()).boxed().toList(), name));
        SyntheticPairs d = new SyntheticPairs(6, 3, 4, 1, rgb);
        assertEquals(6, m.embedImages(d.images).rows());
        assertTrue(Double.isFinite(m.trainStep(d.images, d.tokens)));
        SyntheticPairs grey = new SyntheticPairs(6, 3, 4, 1);
        CurationException e = assertThrows(CurationException.class, () -> m.embedImages(grey.images));
        assertTrue(e.getMessage().contains("3072") && e.getMessage().contains("3×32×32"), e.getMessage());
        if (kind.accepts(ImageResolution.HALF)) {
            assertEquals(6, m.embedImages(rgb.downsample(d.images)).rows());
        }
    }
}
