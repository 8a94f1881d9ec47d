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

    @Test
    void imageShapeRoundTripsAndOldPropertiesMeanGrey28() {
        ModelConfig rgb = ModelConfig.defaults(ImageTowerKind.CNN, ModelSize.M).withImageShape(new ImageShape(3, 32));
        assertEquals(rgb, ModelConfig.of(rgb.toProperties()));
        assertEquals("3", rgb.toProperties().getProperty("model.imageChannels"));
        assertEquals("32", rgb.toProperties().getProperty("model.imageSide"));
        // Properties written before the shape existed (every committed checkpoint) read as 1×28×28.
        Properties old = rgb.toProperties();
        old.remove("model.imageChannels");
        old.remove("model.imageSide");
        ModelConfig read = ModelConfig.of(old);
        assertEquals(ImageShape.DEFAULT, read.imageShape());
        assertEquals(ModelConfig.defaults(ImageTowerKind.CNN, ModelSize.M), read);
        // The 11-argument form is the 1×28×28 one.
        assertEquals(ImageShape.DEFAULT, new ModelConfig(ImageTowerKind.MLP, ModelSize.S, 64, 120, 12,
                ContrastiveLoss.SIGMOID, 1e-3, 100, 5000, 0.0, 42L).imageShape());
    }

    static Stream<Arguments> badShapes() {
        return Stream.of(
                Arguments.of("imageChannels", "2", "channels must be 1 (grey) or 3 (RGB), got 2"),
                Arguments.of("imageChannels", "x", "must be an integer"),
                Arguments.of("imageSide", "27", "even number of pixels from 8 to 256, got 27"),
                Arguments.of("imageSide", "512", "got 512"));
    }

    @ParameterizedTest
    @MethodSource("badShapes")
    void badImageShapeIsOneLineNamingTheField(String field, String value, String says) {
        Properties p = ModelConfig.defaults(ImageTowerKind.MLP, ModelSize.S).toProperties();
        p.setProperty("model." + field, value);
        CurationException e = assertThrows(CurationException.class, () -> ModelConfig.of(p));
        assertTrue(e.getMessage().contains("'" + field + "'") && e.getMessage().contains(says), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    static Stream<Arguments> refusedSides() {
        return Stream.of(
                Arguments.of(ImageTowerKind.CNN, 12, "at least 16"),
                Arguments.of(ImageTowerKind.VIT, 16, "it takes 28 (patches 4, 7, 14), 32 or 64 (patches 4, 8, 16)"),
                Arguments.of(ImageTowerKind.VIT, 48, "it takes 28 (patches 4, 7, 14), 32 or 64 (patches 4, 8, 16)"));
    }

    /** CNN: its pools need a pixel at half resolution; ViT: its patch sizes must tile the side. */
    @ParameterizedTest
    @MethodSource("refusedSides")
    void towerRefusesSidesItCannotTakeInOneLine(ImageTowerKind kind, int side, String says) {
        ModelConfig c = ModelConfig.defaults(kind, ModelSize.S);
        CurationException e = assertThrows(CurationException.class, () -> c.withImageShape(new ImageShape(3, side)));
        assertTrue(e.getMessage().contains("image size " + side) && e.getMessage().contains(says), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        // The MLP flattens whatever it is given.
        assertEquals(new ImageShape(3, side), ModelConfig.defaults(ImageTowerKind.MLP, ModelSize.S)
                .withImageShape(new ImageShape(3, side)).imageShape());
    }

    @Test
    void requireFitsRefusesAnotherShapeInOneLine() {
        ModelConfig grey = ModelConfig.defaults(ImageTowerKind.CNN, ModelSize.S);
        grey.requireFits(1, 28, "pairs.csv");
        CurationException e = assertThrows(CurationException.class, () -> grey.requireFits(3, 32, "pairs.csv"));
        assertTrue(e.getMessage().startsWith("pairs.csv has 3×32×32 images but the model takes 1×28×28"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
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
