package org.curationlab.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import java.util.stream.Stream;
import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModelConfigTest {
    @Test
    void propertiesRoundTrip() {
        ModelConfig c = new ModelConfig(ImageTowerKind.CNN, ModelSize.L, 32, 99, 10,
                ContrastiveLoss.SOFTMAX, 3.3e-4, 7, 1234, 1e-4, -5L);
        assertEquals(c, ModelConfig.of(c.toProperties()));
    }

    static Stream<Arguments> badFields() {
        return Stream.of(
                Arguments.of("embedDim", "0"),
                Arguments.of("vocabSize", "1"),
                Arguments.of("maxTokens", "-3"),
                Arguments.of("learningRate", "0"),
                Arguments.of("learningRate", "NaN"),
                Arguments.of("warmupSteps", "-1"),
                Arguments.of("warmupSteps", "6000"),
                Arguments.of("totalSteps", "0"),
                Arguments.of("weightDecay", "-0.1"),
                Arguments.of("size", "XXL"),
                Arguments.of("loss", "hinge"),
                Arguments.of("seed", "abc"),
                Arguments.of("imageTower", ""));
    }

    @ParameterizedTest
    @MethodSource("badFields")
    void badFieldThrowsNamingIt(String field, String value) {
        Properties p = ModelConfig.defaults(ImageTowerKind.MLP, ModelSize.S).toProperties();
        p.setProperty("model." + field, value);
        CurationException e = assertThrows(CurationException.class, () -> ModelConfig.of(p));
        assertTrue(e.getMessage().contains("'" + field + "'"), e.getMessage());
    }

    @Test
    void missingFieldThrowsNamingIt() {
        Properties p = ModelConfig.defaults(ImageTowerKind.MLP, ModelSize.S).toProperties();
        p.remove("model.totalSteps");
        CurationException e = assertThrows(CurationException.class, () -> ModelConfig.of(p));
        assertTrue(e.getMessage().contains("'totalSteps'"), e.getMessage());
    }

    @Test
    void scheduleWarmsUpThenDecaysToZero() {
        WarmupCosineSchedule s = new WarmupCosineSchedule(1e-3, 10, 110);
        assertEquals(1e-4, s.valueAt(0, 0), 1e-12);
        assertEquals(1e-3, s.valueAt(9, 0), 1e-12);
        assertEquals(1e-3, s.valueAt(10, 0), 1e-12);
        assertEquals(5e-4, s.valueAt(60, 0), 1e-12);
        assertEquals(0.0, s.valueAt(110, 0), 1e-12);
        assertEquals(0.0, s.valueAt(500, 0), 1e-12);
    }
}
