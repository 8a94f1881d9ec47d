package org.curationlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.curationlab.data.FashionMnistFixture;
import org.curationlab.train.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** reference → eval --json → train, end to end through the command line, on the fixture. */
class TrainingVerbsTest {
    @TempDir
    Path tmp;

    @Test
    void referenceThenEvalJsonThenTrainAndResume() throws Exception {
        String data = FashionMnistFixture.dir().toString();
        Path ref = tmp.resolve("refs/curated-S.zip");
        CliRun r = CliRun.of("reference", "--data-dir", data, "--curation-level", "curated", "--reference-size", "60",
                "--tower", "mlp", "--model", "S", "--iterations", "3", "--batch", "16", "--eval-every", "3", "--eval-size", "50",
                "--threads", "1", "--out", ref.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.exists(ref) && Files.exists(ref.resolveSibling("curated-S.zip.json")));
        JsonNode refJson = new ObjectMapper().readTree(ref.resolveSibling("curated-S.zip.json").toFile());
        assertEquals("curated", refJson.at("/settings/curation-level").asText(), "provenance keys are the options' names");
        assertEquals(60, refJson.at("/settings/reference-size").asInt());
        assertTrue(refJson.at("/metrics/zeroshot_top1").isNumber());

        CliRun eval = CliRun.of("eval", "--checkpoint", ref.toString(), "--data-dir", data, "--eval-size", "50", "--json");
        assertEquals(0, eval.exitCode(), eval.err());
        JsonNode metrics = new ObjectMapper().readTree(eval.out().trim());
        for (String name : Metrics.NAMES) {
            assertTrue(metrics.get(name).isNumber(), name + " in " + eval.out());
        }
        assertEquals(refJson.at("/metrics/zeroshot_top1").asDouble(), metrics.get("zeroshot_top1").asDouble(), 1e-9,
                "eval of the saved checkpoint reproduces the training run's final row");

        Path run = tmp.resolve("run");
        String[] train = {"train", "--data-dir", data, "--pool-size", "200", "--method", "learnability", "--reference", ref.toString(),
                "--filter-ratio", "0.5", "--tower", "mlp", "--model", "S", "--iterations", "2", "--batch", "16", "--eval-every", "2",
                "--eval-size", "50", "--threads", "1", "--cache-dir", tmp.resolve("cache").toString(), "--out", run.toString()};
        CliRun t = CliRun.of(train);
        assertEquals(0, t.exitCode(), t.err());
        JsonNode prov = new ObjectMapper().readTree(run.resolve("provenance.json").toFile());
        assertEquals("learnability", prov.at("/settings/method").asText());
        assertEquals(0.5, prov.at("/settings/filter-ratio").asDouble(), "every setting under its schema key");
        assertEquals(ref.toString(), prov.at("/settings/reference-checkpoint").asText());
        assertTrue(prov.at("/environment/git_commit").isTextual());
        // Without --resume an existing run is refused, with a message saying so.
        CliRun again = CliRun.of(train);
        assertEquals(Curate.EXIT_INPUT, again.exitCode());
        assertTrue(again.err().contains("--resume"), again.err());
        CliRun eval2 = CliRun.of("eval", "--checkpoint", tmp.resolve("missing.zip").toString(), "--data-dir", data);
        assertEquals(Curate.EXIT_INPUT, eval2.exitCode());
        assertTrue(eval2.err().contains("missing.zip") && eval2.clean(), eval2.err());
    }
}
