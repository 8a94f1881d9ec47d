package org.curationlab.harness.fit;

import org.curationlab.data.CurationException;
import org.curationlab.models.ImageShape;
import org.curationlab.models.ImageTowerKind;
import org.curationlab.models.ModelConfig;
import org.curationlab.models.ModelLadder;
import org.curationlab.models.ModelSize;
import org.curationlab.train.RunSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** N of a results row: the ladder's defaults for the synthetic world, a run on your pairs at its own recorded shape. */
class ModelParametersTest {
    @TempDir
    Path tmp;

    /** A sweep cell of a run on your pairs: its provenance.json as a train run writes it (the run's settings, its tokenizer). */
    private void cell(String id, int channels, int side, int vocabulary, int maxTokens) throws IOException {
        RunSpec run = RunSpec.defaults().with("pairs", "pool.csv").with("channels", channels).with("image-size", side)
                .with("model", "S").with("embed-dim", 16).with("max-tokens", maxTokens);
        String doc = "{\"settings\": {\"command\": \"train\", \"tokenizer\": {\"vocabulary\": " + vocabulary + ", \"max-tokens\": "
                + maxTokens + ", \"min-word-count\": 2}}, \"run\": " + run.toJson() + "}";
        Files.writeString(Files.createDirectories(tmp.resolve("sweep/cells").resolve(id)).resolve("provenance.json"), doc);
    }

    @Test
    void theSyntheticWorldIsCountedAtTheLaddersDefaultsAsBefore() {
        ModelParameters counter = ModelParameters.forTable(tmp.resolve("sweep/results.csv"));
        Map<String, String> row = Map.of("model", "M", "tower", "cnn", "cell", "c1");
        double n = ModelLadder.parameterCount(ModelConfig.defaults(ImageTowerKind.CNN, ModelSize.M));
        assertEquals(n, counter.count(row));
        assertEquals(n, ModelParameters.of(row));
        assertEquals(n, counter.count(Map.of("model", "M", "tower", "cnn", "pairs", "")), "an empty pairs cell is the synthetic world");
    }

    @ParameterizedTest
    @CsvSource({"3, 32, 57, 16", "1, 64, 57, 16", "3, 28, 300, 8"})
    void aRunOnYourPairsIsCountedAtItsRecordedShapeAndVocabulary(int channels, int side, int vocabulary, int maxTokens) throws IOException {
        cell("c1", channels, side, vocabulary, maxTokens);
        Map<String, String> row = Map.of("model", "S", "tower", "cnn", "pairs", "pool.csv", "cell", "c1");
        ModelConfig trained = ModelConfig.defaults(ImageTowerKind.CNN, ModelSize.S).withShape(16, vocabulary, maxTokens)
                .withImageShape(new ImageShape(channels, side));
        double n = ModelLadder.parameterCount(trained);
        assertEquals(n, ModelParameters.forTable(tmp.resolve("sweep/results.csv")).count(row));
        assertEquals(n, ModelParameters.forSweep(tmp.resolve("sweep")).count(row));
        assertNotEquals(ModelParameters.of(row), n, "not the 1x28x28 default");
    }

    @Test
    void theImageShapeChangesN() throws IOException {
        cell("grey", 1, 32, 57, 16);
        cell("rgb", 3, 32, 57, 16);
        ModelParameters counter = ModelParameters.forSweep(tmp.resolve("sweep"));
        double grey = counter.count(Map.of("model", "S", "tower", "cnn", "pairs", "p.csv", "cell", "grey"));
        double rgb = counter.count(Map.of("model", "S", "tower", "cnn", "pairs", "p.csv", "cell", "rgb"));
        assertTrue(rgb > grey, rgb + " vs " + grey);
    }

    @Test
    void aRunOnYourPairsWithoutItsRecordIsOneLineNamingTheFile() {
        Map<String, String> row = Map.of("model", "S", "tower", "cnn", "pairs", "pool.csv", "cell", "gone");
        CurationException e = assertThrows(CurationException.class, () -> ModelParameters.forSweep(tmp.resolve("sweep")).count(row));
        assertTrue(e.getMessage().startsWith(tmp.resolve("sweep/cells/gone/provenance.json") + ": not there"), e.getMessage());
        CurationException noTable = assertThrows(CurationException.class, () -> ModelParameters.forTable(null).count(row));
        assertTrue(noTable.getMessage().contains("pairs=pool.csv") && !noTable.getMessage().contains("\n"), noTable.getMessage());
    }
}
