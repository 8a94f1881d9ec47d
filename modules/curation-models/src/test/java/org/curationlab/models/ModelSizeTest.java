package org.curationlab.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModelSizeTest {
    @ParameterizedTest
    @EnumSource(ImageTowerKind.class)
    void eachRungGrowsParametersTwoToFourFold(ImageTowerKind kind) {
        long previous = 0;
        for (ModelSize size : ModelSize.values()) {
            long params = ModelLadder.parameterCount(ModelConfig.defaults(kind, size));
            System.out.printf("%s %s: %,d parameters%n", kind, size, params);
            if (previous > 0) {
                double ratio = (double) params / previous;
                assertTrue(ratio >= 2.0 && ratio <= 4.0,
                        kind + " " + size + " grows ×" + ratio + " over the previous rung");
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
