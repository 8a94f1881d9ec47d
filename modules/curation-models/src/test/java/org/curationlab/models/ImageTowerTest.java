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
}
