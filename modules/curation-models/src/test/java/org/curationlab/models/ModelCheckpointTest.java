package org.curationlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void resumedRunMatchesUninterruptedRunExactly() {
        ModelConfig c = ContrastiveLossTest.tiny(ContrastiveLoss.SIGMOID).withSchedule(3e-3, 2, 20);
        SyntheticPairs d = new SyntheticPairs(32, 8, 4, 4);
        double[] straight = TwoTowerTrainingTest.losses(TwoTowerModel.create(c), d, 5);

        TwoTowerModel first = TwoTowerModel.create(c);
        double[] head = TwoTowerTrainingTest.losses(first, d, 3);
        Path file = dir.resolve("ckpt.zip");
        first.save(file);
        TwoTowerModel resumed = TwoTowerModel.load(file);
        assertEquals(c, resumed.config());
        assertEquals(3, resumed.step());
        assertEquals(first.temperature(), resumed.temperature(), 0.0);
        double[] tail = TwoTowerTrainingTest.losses(resumed, d, 2);
        assertArrayEquals(straight, new double[] {head[0], head[1], head[2], tail[0], tail[1]}, 0.0);
    }

    @Test
    void softmaxCnnRoundTripKeepsScores() {
        ModelConfig c = ModelConfig.defaults(ImageTowerKind.CNN, ModelSize.S).withShape(8, 20, 4)
                .withLoss(ContrastiveLoss.SOFTMAX);
        SyntheticPairs d = new SyntheticPairs(8, 4, 4, 4);
        TwoTowerModel m = TwoTowerModel.create(c);
        m.trainStep(d.images, d.tokens);
        Path file = dir.resolve("cnn.zip");
        m.save(file);
        TwoTowerModel back = TwoTowerModel.load(file);
        assertEquals(m.pairScores(d.images, d.tokens).loss(), back.pairScores(d.images, d.tokens).loss(), 0.0);
    }

    @Test
    void missingCheckpointNamesTheFile() {
        Path missing = dir.resolve("nope.zip");
        CurationException e = assertThrows(CurationException.class, () -> TwoTowerModel.load(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void corruptCheckpointNamesTheFile() throws Exception {
        Path bad = dir.resolve("bad.zip");
        Files.writeString(bad, "not a zip at all");
        CurationException e = assertThrows(CurationException.class, () -> TwoTowerModel.load(bad));
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    }

    @Test
    void nonFiniteWeightsAreRefusedNamingTheFile() {
        TwoTowerModel m = TwoTowerModel.create(ContrastiveLossTest.tiny(ContrastiveLoss.SIGMOID));
        m.parameters().values().iterator().next().putScalar(0, Double.NaN);
        Path file = dir.resolve("nan.zip");
        // Such a checkpoint (an older version's, or one edited by hand) is refused on load ...
        ModelCheckpoint.write(file, m.config(), m.step(), m.parameters(), m.optimiserState(), null, null);
        CurationException e = assertThrows(CurationException.class, () -> TwoTowerModel.load(file));
        assertTrue(e.getMessage().startsWith(file + ": non-finite weights"), e.getMessage());
        // ... and a model whose weights diverged is never saved in the first place.
        Path refused = dir.resolve("diverged.zip");
        CurationException s = assertThrows(CurationException.class, () -> m.save(refused));
        assertTrue(s.getMessage().contains("not finite") && s.getMessage().contains(refused.toString()), s.getMessage());
        assertTrue(!Files.exists(refused));
    }

    @Test
    void runStateTravelsInTheSameFile() {
        TwoTowerModel m = TwoTowerModel.create(ContrastiveLossTest.tiny(ContrastiveLoss.SIGMOID));
        Path plain = dir.resolve("plain.zip");
        Path withState = dir.resolve("state.zip");
        m.save(plain);
        m.save(withState, "{\"step\":0}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(null, TwoTowerModel.readRunState(plain));
        assertEquals("{\"step\":0}", new String(TwoTowerModel.readRunState(withState), java.nio.charset.StandardCharsets.UTF_8));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".tmp")), "no temporary file is left behind");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every tower, at RGB 32×32: the shape and the tokenizer come back, and the reloaded model scores the same. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(ImageTowerKind.class)
    void imageShapeAndTokenizerTravelInTheCheckpoint(ImageTowerKind kind) {
        org.curationlab.data.pairs.CaptionTokenizer tokenizer = org.curationlab.data.pairs.CaptionTokenizer.build(
                java.util.List.of("a red bus", "a red fox", "the blue sea"), 1, 0, 4);
        ModelConfig c = ModelConfig.defaults(kind, ModelSize.S).withShape(8, tokenizer.vocabSize(), 4)
                .withImageShape(new ImageShape(3, 32));
        TwoTowerModel m = TwoTowerModel.create(c);
        Path plain = dir.resolve("plain.zip");
        m.save(plain);
        assertTrue(TwoTowerModel.load(plain).tokenizer().isEmpty());
        assertTrue(TwoTowerModel.readTokenizer(plain).isEmpty());

        m.attachTokenizer(tokenizer);
        Path file = dir.resolve("rgb.zip");
        m.save(file, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(c, TwoTowerModel.readConfig(file), "the config, shape included, without the weights");
        assertEquals(new ImageShape(3, 32), TwoTowerModel.readConfig(file).imageShape());
        assertEquals(tokenizer, TwoTowerModel.readTokenizer(file).orElseThrow());
        TwoTowerModel back = TwoTowerModel.load(file);
        assertEquals(tokenizer, back.tokenizer().orElseThrow());
        SyntheticPairs d = new SyntheticPairs(6, 3, 4, 2, new ImageShape(3, 32));
        m.trainStep(d.images, d.tokens);
        m.save(file);
        back = TwoTowerModel.load(file);
        assertEquals(1, back.step());
        assertEquals(m.pairScores(d.images, d.tokens).loss(), back.pairScores(d.images, d.tokens).loss(), 0.0);
    }

    @Test
    void tokenizerOfAnotherVocabularyIsRefused() {
        org.curationlab.data.pairs.CaptionTokenizer tokenizer = org.curationlab.data.pairs.CaptionTokenizer.build(
                java.util.List.of("a red bus"), 1, 0, 4);
        TwoTowerModel m = TwoTowerModel.create(ContrastiveLossTest.tiny(ContrastiveLoss.SIGMOID));
        CurationException e = assertThrows(CurationException.class, () -> m.attachTokenizer(tokenizer));
        assertTrue(e.getMessage().contains("model.vocabSize"), e.getMessage());
    }
}
