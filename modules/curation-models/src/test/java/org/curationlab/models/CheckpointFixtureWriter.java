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
 * checkpoints carry the trainer's state), and its step, loss and pair logits beside it. Runs only
 * when asked, from the repository root:
 * {@code mvn -o -pl modules/curation-models -am test -Dtest=CheckpointFixtureWriter -Dsurefire.failIfNoSpecifiedTests=false -Dcurationlab.write-fixture=NAME}.
 * A fixture is written once and then kept: it is what a later version must still read.
 */
class CheckpointFixtureWriter {
    static final byte[] RUN_STATE = "{\"fixture\":\"run state stored beside the weights\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    @EnabledIfSystemProperty(named = "curationlab.write-fixture", matches = ".+")
    void write() throws Exception {
        String name = System.getProperty("curationlab.write-fixture");
        Path dir = Path.of("src/test/resources/checkpoints");
        ModelConfig c = ModelConfig.defaults(ImageTowerKind.CNN, ModelSize.S).withShape(16, 20, 4).withSeed(11);
        TwoTowerModel m = TwoTowerModel.create(c);
        for (int i = 0; i < 3; i++) {
            m.trainStep(CheckpointCompatibilityTest.images(), CheckpointCompatibilityTest.tokens());
        }
        m.save(dir.resolve(name + ".zip"), RUN_STATE);
        PairScores s = m.pairScores(CheckpointCompatibilityTest.images(), CheckpointCompatibilityTest.tokens());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("made_by", "CheckpointFixtureWriter (TwoTowerModel.save with a run state), kernels engine");
        json.put("step", m.step());
        json.put("loss", s.loss());
        json.put("logits", s.logits().ravel().toFloatVector());
        json.put("run_state", new String(RUN_STATE, StandardCharsets.UTF_8));
        Files.writeString(dir.resolve(name + ".json"),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
    }
}
