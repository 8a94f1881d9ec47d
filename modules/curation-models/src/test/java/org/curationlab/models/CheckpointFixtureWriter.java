package org.curationlab.models;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a checkpoint fixture of today's format for {@link CheckpointCompatibilityTest}: an S CNN
 * trained three steps on the test's fixed batch, saved with a run state inside (the format since
 * checkpoints carry the trainer's state) and a caption tokenizer (since they carry one), and its
 * step, loss and pair logits beside it; for images of the shape {@code curationlab.fixture-shape}
 * ({@code CxS}, e.g. {@code 3x32}; 1×28×28 without it). Runs only when asked, from the repository root:
 * {@code mvn -o -pl modules/curation-models -am test -Dtest=CheckpointFixtureWriter -Dsurefire.failIfNoSpecifiedTests=false -Dcurationlab.write-fixture=NAME}.
 * A fixture is written once and then kept: it is what a later version must still read.
 */
class CheckpointFixtureWriter {
    static final byte[] RUN_STATE = "{\"fixture\":\"run state stored beside the weights\"}".getBytes(StandardCharsets.UTF_8);
    /** 18 words, each seen once: with {@code <pad>} and {@code <unk>}, the fixture's vocabulary of 20. */
    static final org.curationlab.data.pairs.CaptionTokenizer TOKENIZER = org.curationlab.data.pairs.CaptionTokenizer.build(
            java.util.List.of("a red bus on the bridge", "two grey cats sleep in sun", "one blue kite over green hills"),
            1, 0, 4);

    @Test
    @EnabledIfSystemProperty(named = "curationlab.write-fixture", matches = ".+")
    void write() throws Exception {
        String name = System.getProperty("curationlab.write-fixture");
        Path dir = Path.of("src/test/resources/checkpoints");
        String[] cs = System.getProperty("curationlab.fixture-shape", "1x28").split("x");
        ImageShape shape = new ImageShape(Integer.parseInt(cs[0]), Integer.parseInt(cs[1]));
        ModelConfig c = ModelConfig.defaults(ImageTowerKind.CNN, ModelSize.S).withShape(16, 20, 4).withSeed(11)
                .withImageShape(shape);
        TwoTowerModel m = TwoTowerModel.create(c);
        m.attachTokenizer(TOKENIZER);
        for (int i = 0; i < 3; i++) {
            m.trainStep(CheckpointCompatibilityTest.images(shape), CheckpointCompatibilityTest.tokens());
        }
        m.save(dir.resolve(name + ".zip"), RUN_STATE);
        PairScores s = m.pairScores(CheckpointCompatibilityTest.images(shape), CheckpointCompatibilityTest.tokens());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("made_by", "CheckpointFixtureWriter (TwoTowerModel.save with a run state and a tokenizer), kernels engine");
        json.put("image_shape", shape.toString());
        json.put("tokenizer_words", TOKENIZER.vocabSize());
        json.put("step", m.step());
        json.put("loss", s.loss());
        json.put("logits", s.logits().ravel().toFloatVector());
        json.put("run_state", new String(RUN_STATE, StandardCharsets.UTF_8));
        Files.writeString(dir.resolve(name + ".json"),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
    }
}
