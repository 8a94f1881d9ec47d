package org.curationlab.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checkpoints written by an older version still load and score the same (Tribuo-style fixtures
 * in {@code src/test/resources/checkpoints}, made at commit 4f5dbed, before the kernels engine
 * and the run state inside checkpoints): same step, same loss, same pair logits on the fixed
 * batch below, to float rounding of a different op order. {@code cnn-s-0.2.0} is the format with
 * a run state inside (kernels engine); {@code cnn-s-rgb32-0.3.0} today's, with an image shape
 * (3×32×32) and a caption tokenizer, both written by {@link CheckpointFixtureWriter}.
 */
class CheckpointCompatibilityTest {
    @ParameterizedTest
    @ValueSource(strings = {"cnn-s-0.1.0", "mlp-s-0.1.0", "cnn-s-0.2.0", "cnn-s-rgb32-0.3.0"})
    void olderCheckpointLoadsAndScoresTheSame(String name) throws Exception {
        JsonNode expected = new ObjectMapper().readTree(resource(name + ".json").toFile());
        TwoTowerModel m = TwoTowerModel.load(resource(name + ".zip"));
        assertEquals(expected.get("step").asLong(), m.step());
        // Since 0.3.0 a checkpoint records its image shape and may hold a tokenizer; older ones are 1×28×28 without one.
        assertEquals(expected.path("image_shape").asText("1×28×28"), m.config().imageShape().toString());
        if (expected.has("tokenizer_words")) {
            assertEquals(expected.get("tokenizer_words").asInt(), m.tokenizer().orElseThrow().vocabSize());
            assertEquals(CheckpointFixtureWriter.TOKENIZER, m.tokenizer().orElseThrow());
        } else {
            assertTrue(m.tokenizer().isEmpty());
        }
        PairScores s = m.pairScores(images(m.config().imageShape()), tokens());
        assertEquals(expected.get("loss").asDouble(), s.loss(), 1e-5 * Math.abs(expected.get("loss").asDouble()));
        float[] logits = s.logits().ravel().toFloatVector();
        JsonNode want = expected.get("logits");
        assertEquals(want.size(), logits.length);
        for (int i = 0; i < logits.length; i++) {
            assertEquals(want.get(i).asDouble(), logits[i], 1e-4 * Math.max(1, Math.abs(want.get(i).asDouble())),
                    "logit " + i);
        }
        // Since 0.2.0 a checkpoint carries the trainer's run state; older ones read back none.
        byte[] state = TwoTowerModel.readRunState(resource(name + ".zip"));
        if (expected.has("run_state")) {
            assertEquals(expected.get("run_state").asText(), new String(state, java.nio.charset.StandardCharsets.UTF_8));
        } else {
            assertEquals(null, state);
        }
    }

    /** The batch the fixtures were made with: 8 images from a fixed formula, 3-token captions. */
    static INDArray images() {
        return images(ImageShape.DEFAULT);
    }

    /** The same formula over the C·s·s values of images of another shape. */
    static INDArray images(ImageShape shape) {
        int pixels = shape.pixels();
        float[] px = new float[8 * pixels];
        for (int i = 0; i < 8; i++) {
            for (int p = 0; p < pixels; p++) {
                px[i * pixels + p] = (float) (((long) i * 7919 + (long) p * 104729) % 1000) / 1000f;
            }
        }
        return Nd4j.create(px, new long[] {8, pixels}, 'c');
    }

    static INDArray tokens() {
        int[] tok = new int[8 * 4];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 3; j++) {
                tok[i * 4 + j] = 1 + (i * 3 + j) % 19;
            }
        }
        return Nd4j.createFromArray(tok).reshape('c', 8, 4).castTo(DataType.INT32);
    }

    private static Path resource(String file) throws URISyntaxException {
        return Path.of(CheckpointCompatibilityTest.class.getResource("/checkpoints/" + file).toURI());
    }
}
