package org.curationlab.train;

import org.curationlab.data.CurationException;
import org.curationlab.data.FashionMnistFixture;
import org.curationlab.selection.Scores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run as data: its JSON form, its checks, and a run started from the library alone. */
class RunSpecTest {
    @TempDir
    Path tmp;

    /** A small learnability run on the fixture, against a reference trained on 60 curated pairs. */
    RunSpec fixtureRun() {
        Path ref = tmp.resolve("ref.zip");
        if (!Files.exists(ref)) {
            ReferenceTraining.train(TrainerTest.WORLD, org.curationlab.data.CurationLevel.CURATED, org.curationlab.data.NoiseSpec.NONE,
                    60, TrainerTest.config(2), ref, false, ProgressListener.NONE);
        }
        return RunSpec.defaults().with("data-dir", FashionMnistFixture.dir().toString()).with("pool-size", 200)
                .with("noise", "misaligned=0.3,generic=0.1").with("tower", "mlp").with("model", "S").with("embed-dim", 32)
                .with("iterations", 4).with("batch", 16).with("eval-every", 2).with("eval-size", 50).with("threads", 1)
                .with("seed", 3).with("method", "learnability").with("filter-ratio", 0.5).with("reference", ref.toString())
                .with("cache-dir", tmp.resolve("cache").toString());
    }

    @Test
    void jsonRoundTripKeepsEveryField() {
        RunSpec run = fixtureRun().with("greedy", true).with("chunks", 4).with("pool-pruning", "dbp");
        RunSpec back = RunSpec.fromJson(run.toJson(), "test");
        assertEquals(run, back);
        assertEquals(RunSpec.defaults(), RunSpec.fromJson("{}", "empty"), "fields left out take their defaults");
        assertTrue(RunSpec.keys().containsAll(List.of("filter-ratio", "pool-pruning", "reference-iterations", "min-per-cluster")),
                RunSpec.keys().toString());
        assertNull(RunSpec.defaults().with("pool-pruning", "none").pruning().poolPruning(), "none is the unpruned pool");
    }

    @Test
    void jacksonWritesARunFlatAsRunJsonHoldsIt() throws Exception {
        RunSpec run = RunSpec.defaults().with("method", "learnability").with("chunks", 4);
        var mapper = RunProvenance.json();
        assertEquals(run.toJson(), mapper.writeValueAsString(run));
    }

    @Test
    void pipelinesAndTheEmbeddingChoiceRoundTrip() {
        RunSpec run = RunSpec.defaults().with("pool-pruning", "semdedup+score:0.5+dbp:0.3").with("prune-embedding", "joint").check();
        RunSpec back = RunSpec.fromJson(run.toJson(), "test");
        assertEquals(run, back);
        assertTrue(run.toJson().contains("\"prune-embedding\" : \"joint\""), run.toJson());
        assertEquals("semdedup+score:0.5+dbp:0.3", back.pruningPipeline().toString());
        assertEquals(org.curationlab.pruning.PruneEmbedding.JOINT, back.clusterEmbedding());
        assertEquals("image", RunSpec.defaults().pruning().pruneEmbedding(), "the default clusters image embeddings, as before");
        assertEquals("image", RunSpec.fromJson("{\"pool-pruning\": \"dbp\"}", "old run.json").pruning().pruneEmbedding(),
                "a record written before the field existed reads as before");
        assertEquals("dbp:0.5", RunSpec.defaults().with("pool-pruning", "dbp").with("keep", 0.5).pruningPipeline().toString(),
                "the single-method form takes --keep");
    }

    @Test
    void weightDecayReachesTheOptimiserAndIsQuietAtItsDefault() {
        assertEquals(0.0, RunSpec.defaults().modelConfig().weightDecay(), "no decay, as before the setting existed");
        assertFalse(RunSpec.defaults().toJson().contains("weight-decay"), "left out of run.json at its default, so old records write back unchanged");
        assertEquals(RunSpec.defaults(), RunSpec.fromJson("{}", "old run.json"));
        RunSpec run = RunSpec.defaults().with("weight-decay", 0.05);
        assertEquals(0.05, run.modelConfig().weightDecay());
        assertTrue(run.toJson().contains("\"weight-decay\" : 0.05"), run.toJson());
        assertEquals(run, RunSpec.fromJson(run.toJson(), "test"));
    }

    /**
     * A reference the run trains takes 80 passes over its images unless its steps are given; a
     * record from before (every one names its steps, 1000 then the default) reads and writes back as it was.
     */
    @Test
    void aRunsReferenceTrainsPassesUnlessItsStepsAreGiven() {
        RunSpec d = RunSpec.defaults();
        assertNull(d.reference().referenceIterations());
        assertEquals(80.0, d.reference().referencePasses());
        assertEquals(625, d.referenceTrainConfig(2000).iterations());
        assertEquals(3125, d.referenceTrainConfig(10_000).iterations());
        assertEquals(40, d.with("reference-passes", 0.5).referenceTrainConfig(20_000).iterations());
        assertEquals(1000, d.with("reference-iterations", 1000).referenceTrainConfig(2000).iterations());
        assertTrue(d.toJson().contains("\"reference-iterations\" : null"), d.toJson());
        assertFalse(d.toJson().contains("reference-passes"), "left out of run.json at its default");
        String old = "{\"method\": \"learnability\", \"reference\": \"curated\", \"reference-iterations\": 1000}";
        RunSpec before = RunSpec.fromJson(old, "old run.json");
        assertEquals(1000, before.referenceTrainConfig(2000).iterations(), "an old record keeps its 1000 steps");
        assertEquals(before, RunSpec.fromJson(before.toJson(), "again"));
        assertFalse(before.toJson().contains("reference-passes"), before.toJson());
        RunSpec passes = d.with("reference-passes", 40.0);
        assertEquals(passes, RunSpec.fromJson(passes.toJson(), "test"));
    }

    @Test
    void aReferenceBudgetGivenTwiceIsRefusedNamingBothFlags() {
        String both = "give either --reference-iterations or --reference-passes, not both";
        CurationException e = assertThrows(CurationException.class,
                () -> RunSpec.defaults().with("reference-iterations", 400).with("reference-passes", 40.0).check());
        assertEquals(both, e.getMessage());
        e = assertThrows(CurationException.class,
                () -> RunSpec.refuseBothReferenceBudgets(List.of("reference-passes", "seed", "reference-iterations")));
        assertEquals(both, e.getMessage());
        RunSpec.refuseBothReferenceBudgets(List.of("reference-iterations", "seed"));
        RunSpec.defaults().with("reference-iterations", 400).with("reference-passes", 80.0).check();
    }

    @Test
    void onlyARunThatTrainsItsReferenceIsShapedByItsBudget() {
        assertFalse(RunSpec.defaults().trainsReference(), "uniform needs no reference");
        assertTrue(RunSpec.defaults().with("method", "learnability").trainsReference(), "a level's reference is trained");
        assertTrue(RunSpec.defaults().with("pool-pruning", "dbp").trainsReference());
        assertFalse(fixtureRun().trainsReference(), "a checkpoint file is read");
    }

    @Test
    void theDefaultChunksFitTheBatch() {
        assertEquals(16, RunSpec.defaults().chunkCount());
        assertEquals(4, RunSpec.defaults().with("batch", 4).chunkCount());
        assertEquals(2, RunSpec.defaults().with("batch", 4).with("chunks", 2).chunkCount());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"iterations\": \"lots\"}          | iterations: 'lots' is not a whole number",
            "{\"batch\": 1.5}                    | batch",
            "{\"greedy\": \"maybe\"}             | greedy",
            "{\"seed\": null}                    | seed: null is not a whole number",
            "{\"modle\": \"S\"}                  | unknown field 'modle'",
            "{\"iterations\": 10                 | not valid JSON",
            "[1, 2]                              | expected a JSON object",
    })
    void badJsonNamesTheFieldAndValue(String json, String fragment) {
        CurationException e = assertThrows(CurationException.class, () -> RunSpec.fromJson(json, "run.json"));
        assertTrue(e.getMessage().startsWith("run.json: "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment.trim()), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "filter-ratio | 1.5      | --filter-ratio: 1.5",
            "method       | learnabilty | learnabilty",
            "model        | XXL      | --model: 'XXL'",
            "batch        | 50000    | --batch: 50000 is larger than --pool-size",
            "reference    | nowhere  | --reference: 'nowhere'",
            "pool-pruning | prune-it | --pool-pruning",
            "pool-pruning | semdedup+score:0.2+dbp:0.3 | --pool-pruning: 'dbp:0.3' in 'semdedup+score:0.2+dbp:0.3' asks for 0.3",
            "pool-pruning | dbp:1.2  | --pool-pruning: 'dbp:1.2': 1.2 is outside (0, 1]",
            "pool-pruning | semdedup,dbp | join pipeline stages with '+'",
            "prune-embedding | both | --prune-embedding: 'both' is not one of [image, text, joint]",
            "data-dir     | /no/such | --data-dir: /no/such",
            "weight-decay | -0.1     | --weight-decay: -0.1 must be a finite number at least 0",
            "reference-iterations | 0 | --reference-iterations: 0 must be at least 1",
            "reference-passes | 0    | --reference-passes: 0.0 is not a positive number of passes",
            "reference-passes | -1   | --reference-passes: -1.0 is not a positive number of passes",
            "reference-passes | NaN  | --reference-passes: NaN is not a positive number of passes",
    })
    void checkNamesTheOption(String key, String value, String fragment) {
        RunSpec run = RunSpec.defaults().with("method", "learnability").with(key, value);
        CurationException e = assertThrows(CurationException.class, run::check);
        assertTrue(e.getMessage().contains(fragment.trim()), e.getMessage());
    }

    @Test
    void aRunStartsFromTheLibraryAndRepeatsRowForRow() {
        RunSpec run = fixtureRun();
        Runs.Result a = Runs.train(run, tmp.resolve("a"), false, Runs.Listener.SILENT);
        assertEquals(List.of("0", "2", "4"), a.rows().stream().map(r -> r.get("iteration")).toList());
        assertTrue(a.ledger().scoreReference() > 0 && a.ledger().scoreLearner() > 0, "learnability scores with both models");
        assertTrue(Files.exists(tmp.resolve("a").resolve(Trainer.PROVENANCE)));
        // The same record, read back from its JSON, trains the same rows (the reference embeddings now come from the cache).
        Path file = tmp.resolve("run.json");
        run.write(file);
        Runs.Result b = Runs.train(RunSpec.read(file), tmp.resolve("b"), false, Runs.Listener.SILENT);
        assertEquals(withoutTiming(a.rows()), withoutTiming(b.rows()));
        assertEquals(Scores.LEARNABILITY, run.selectionConfig().method());
    }

    static List<Map<String, String>> withoutTiming(List<Map<String, String>> rows) {
        return rows.stream().map(r -> {
            Map<String, String> m = new LinkedHashMap<>(r);
            m.keySet().removeAll(EvalLog.TIMING);
            return m;
        }).toList();
    }
}
