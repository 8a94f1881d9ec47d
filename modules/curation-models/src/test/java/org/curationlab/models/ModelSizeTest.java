package org.curationlab.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

class ModelSizeTest {
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> towersAndShapes() {
        return java.util.Arrays.stream(ImageTowerKind.values()).flatMap(kind -> java.util.stream.Stream.of(
                ImageShape.DEFAULT, new ImageShape(3, 32), new ImageShape(3, 64))
                .map(shape -> org.junit.jupiter.params.provider.Arguments.of(kind, shape)));
    }

    /** At 1×28×28 and at RGB 32×32 and 64×64 alike (the widths are the rung's, the input the data's). */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("towersAndShapes")
    void eachRungGrowsParametersTwoToFourFold(ImageTowerKind kind, ImageShape shape) {
        long previous = 0;
        for (ModelSize size : ModelSize.values()) {
            long params = ModelLadder.parameterCount(ModelConfig.defaults(kind, size).withImageShape(shape));
            System.out.printf("%s %s %s: %,d parameters%n", kind, size, shape, params);
            if (previous > 0) {
                double ratio = (double) params / previous;
                assertTrue(ratio >= 2.0 && ratio <= 4.0,
                        kind + " " + size + " at " + shape + " grows ×" + ratio + " over the previous rung");
            }
            previous = params;
        }
    }

    @Test
    void modelReportsTheLadderCount() {
        ModelConfig c = ModelConfig.defaults(ImageTowerKind.CNN, ModelSize.S);
        assertEquals(ModelLadder.parameterCount(c), TwoTowerModel.create(c).parameterCount());
    }

    @Test
    void printsTheLadderTable() {
        String table = ModelLadder.table();
        System.out.print(table);
        assertEquals(2 + 4 * ImageTowerKind.values().length, table.lines().count(), "a header and a row per tower and size");
    }
}
