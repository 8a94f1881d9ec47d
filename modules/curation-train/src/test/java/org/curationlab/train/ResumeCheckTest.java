package org.curationlab.train;

import com.fasterxml.jackson.databind.JsonNode;
import org.curationlab.data.CurationException;
import org.curationlab.data.FashionMnistFixture;
import org.curationlab.models.ImageTowerKind;
import org.curationlab.models.ModelConfig;
import org.curationlab.models.ModelSize;
import org.curationlab.models.TwoTowerModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --resume continues only the run a folder holds: every changed setting is refused by name,
 * the threads may change, a checkpoint of another model, a replaced reference, lost rows are
 * refused, and an emptied state.json is rewritten from the checkpoint.
 */
class ResumeCheckTest {
    @TempDir
    static Path shared;
    /** A uniform run stopped after its step-2 checkpoint (of 4 steps). */
    static Path stopped;
    /** The same run, uninterrupted. */
    static Path whole;

    @TempDir
    Path tmp;

    static RunSpec run() {
        return RunSpec.defaults().with("data-dir", FashionMnistFixture.dir().toString()).with("pool-size", 200)
                .with("noise", "misaligned=0.3,generic=0.1").with("tower", "mlp").with("model", "S").with("embed-dim", 32)
                .with("iterations", 4).with("batch", 16).with("eval-every", 2).with("eval-size", 50).with("threads", 1)
                .with("seed", 3).with("warmup", 2);
    }

    /** Stops the run after step {@code after} (the checkpoint of step 2 is then on disk). */
    static Runs.Listener stopAfter(long after) {
        return new Runs.Listener() {
            @Override
            public ProgressListener progress(String label) {
                return new ProgressListener() {
                    @Override
                    public void step(long step, long total, double loss, double examplesPerSecond) {
                        if (step == after) {
                            throw new IllegalStateException("stopped");
                        }
                    }
                };
            }
        };
    }

    @BeforeAll
    static void runs() {
        whole = shared.resolve("whole");
        Runs.train(run(), whole, false, Runs.Listener.SILENT);
        stopped = shared.resolve("stopped");
        assertThrows(IllegalStateException.class, () -> Runs.train(run(), stopped, false, stopAfter(3)));
    }

    /** A copy of the stopped run to resume (each test its own). */
    Path copyOfStopped() throws IOException {
        Path dir = tmp.resolve("run");
        Files.createDirectories(dir);
        try (var files = Files.list(stopped)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "model | M | --model: saved S, now M",
            "lr | 0.01 | --lr: saved 0.002, now 0.01",
            "seed | 4 | --seed: saved 3, now 4",
            "noise | web | --noise: saved misaligned=0.3,generic=0.1, now web",
            "pool-size | 180 | --pool-size: saved 200, now 180",
            "batch | 8 | --batch: saved 16, now 8",
            "embed-dim | 16 | --embed-dim: saved 32, now 16",
            "tower | cnn | --tower: saved mlp, now cnn",
            "method | learnability | --method: saved uniform, now learnability",
            "reference | curated-plus | --reference: saved curated, now curated-plus",
            "iterations | 8 | --iterations: saved 4, now 8",
    })
    void aChangedSettingIsRefusedByName(String key, String value, String message) throws IOException {
        Path dir = copyOfStopped();
        byte[] provenance = Files.readAllBytes(dir.resolve(Trainer.PROVENANCE));
        RunSpec changed = run().with(key, value.matches("-?\\d+") ? (Object) Long.parseLong(value)
                : value.matches("[\\d.]+") ? (Object) Double.parseDouble(value) : value);
        CurationException e = assertThrows(CurationException.class, () -> Runs.train(changed, dir, true, Runs.Listener.SILENT));
        assertTrue(e.getMessage().startsWith(dir + ": --resume continues the run this folder holds"), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertArrayEquals(provenance, Files.readAllBytes(dir.resolve(Trainer.PROVENANCE)), "provenance is not rewritten");
        if (key.equals("iterations")) {
            assertTrue(e.getMessage().contains("a longer budget is a new run"), e.getMessage());
        }
    }

    @Test
    void everyDifferenceIsNamedInOneLine() throws IOException {
        Path dir = copyOfStopped();
        CurationException e = assertThrows(CurationException.class,
                () -> ResumeCheck.of(run().with("model", "M").with("lr", 0.01), dir, true));
        assertTrue(e.getMessage().contains("--model: saved S, now M; --lr: saved 0.002, now 0.01"), e.getMessage());
    }

    @Test
    void otherThreadsResumeToTheSameRowsAndAreRecorded() throws IOException {
        Path dir = copyOfStopped();
        Runs.train(run().with("threads", 2), dir, true, Runs.Listener.SILENT);
        assertSameRowsButTiming(whole, dir);
        JsonNode doc = RunProvenance.json().readTree(dir.resolve(Trainer.PROVENANCE).toFile());
        JsonNode sessions = doc.get(ResumeCheck.SESSIONS);
        assertEquals(2, sessions.size(), sessions.toString());
        assertEquals(1, sessions.get(0).get("threads").asInt());
        assertEquals(2, sessions.get(1).get("threads").asInt());
        assertTrue(sessions.get(1).get("resumed").asBoolean());
        assertEquals("S", doc.get(ResumeCheck.RUN).get("model").asText());
    }

    /** A run saved before settings were added (its run.json and provenance lack them) ran at their defaults: it resumes. */
    @Test
    void settingsAddedSinceTheRunWasSavedCompareAsTheirDefaults() throws IOException {
        Path dir = copyOfStopped();
        com.fasterxml.jackson.databind.node.ObjectNode doc =
                (com.fasterxml.jackson.databind.node.ObjectNode) RunProvenance.json().readTree(dir.resolve(Trainer.PROVENANCE).toFile());
        com.fasterxml.jackson.databind.node.ObjectNode saved = (com.fasterxml.jackson.databind.node.ObjectNode) doc.get(ResumeCheck.RUN);
        saved.remove(java.util.List.of("patch", "flexi", "score-patch"));
        RunProvenance.json().writeValue(dir.resolve(Trainer.PROVENANCE).toFile(), doc);
        Runs.train(run(), dir, true, Runs.Listener.SILENT);
        assertSameRowsButTiming(whole, dir);
    }

    /**
     * Every run saved before --reference-passes named reference-iterations: 1000 (its default then).
     * A run that trains no reference of its own resumes with today's default; one that trains a
     * level's reference is told its reference would be another.
     */
    @Test
    void theReferenceBudgetIsComparedOnlyWhenTheRunTrainsItsReference() throws IOException {
        Path dir = copyOfStopped();
        com.fasterxml.jackson.databind.node.ObjectNode doc =
                (com.fasterxml.jackson.databind.node.ObjectNode) RunProvenance.json().readTree(dir.resolve(Trainer.PROVENANCE).toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get(ResumeCheck.RUN)).put("reference-iterations", 1000);
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("settings")).put("reference-iterations", 1000);
        RunProvenance.json().writeValue(dir.resolve(Trainer.PROVENANCE).toFile(), doc);
        CurationException e = assertThrows(CurationException.class,
                () -> ResumeCheck.of(run().with("method", "learnability").with("reference", "curated"), dir, true));
        assertTrue(e.getMessage().contains("--reference-iterations: saved 1000, now (default)"), e.getMessage());
        Runs.train(run().with("reference-passes", 40.0), dir, true, Runs.Listener.SILENT);
        assertSameRowsButTiming(whole, dir);
    }

    /**
     * A run stopped by a version before select_s: neither its eval.csv nor its states (the
     * checkpoint's and state.json) have it. It resumes to the same rows, its eval.csv widened: the
     * old rows and every later one have an empty select_s, since the seconds before the resume are
     * unknown and a partial sum would read as the whole.
     */
    @Test
    void aRunBegunBeforeSelectSecondsResumesWithThemUnknown() throws IOException {
        Path dir = copyOfStopped();
        Path eval = dir.resolve(Trainer.EVAL_CSV);
        List<String> lines = Files.readAllLines(eval);
        Files.write(eval, lines.stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList());
        try (java.nio.file.FileSystem zip = java.nio.file.FileSystems.newFileSystem(dir.resolve(Trainer.CHECKPOINT))) {
            Path state = zip.getPath("run-state.json");
            com.fasterxml.jackson.databind.node.ObjectNode doc =
                    (com.fasterxml.jackson.databind.node.ObjectNode) RunProvenance.json().readTree(Files.readAllBytes(state));
            doc.remove(EvalLog.SELECT_SECONDS);
            Files.write(state, RunProvenance.json().writeValueAsBytes(doc));
            Files.write(dir.resolve(Trainer.STATE), RunProvenance.json().writeValueAsBytes(doc));
        }
        assertTrue(Double.isNaN(RunState.read(dir.resolve(Trainer.STATE)).selectSeconds()));
        Runs.train(run(), dir, true, Runs.Listener.SILENT);
        assertSameRowsButTiming(whole, dir);
        List<Map<String, String>> rows = new EvalLog(eval).read();
        assertEquals(EvalLog.COLUMNS, new EvalLog(eval).table().columns());
        assertTrue(rows.size() > lines.size() - 1, rows.toString());
        for (Map<String, String> row : rows) {
            assertEquals("", row.get(EvalLog.SELECT_SECONDS), row.toString());
        }
    }

    @Test
    void anEmptiedStateJsonIsRewrittenFromTheCheckpoint() throws IOException {
        Path dir = copyOfStopped();
        Files.write(dir.resolve(Trainer.STATE), new byte[0]);
        Runs.train(run(), dir, true, Runs.Listener.SILENT);
        assertSameRowsButTiming(whole, dir);
        assertEquals(4, RunState.read(dir.resolve(Trainer.STATE)).step());
    }

    @Test
    void anEmptiedEvalCsvIsRefusedNamingIt() throws IOException {
        Path dir = copyOfStopped();
        Files.write(dir.resolve(Trainer.EVAL_CSV), new byte[0]);
        CurationException e = assertThrows(CurationException.class, () -> Runs.train(run(), dir, true, Runs.Listener.SILENT));
        assertTrue(e.getMessage().startsWith(dir.resolve(Trainer.EVAL_CSV) + ": the row of iteration 0 is missing, though the "
                + "checkpoint is at step 2"), e.getMessage());
    }

    @Test
    void anotherModelsCheckpointIsRefused() throws IOException {
        Path dir = copyOfStopped();
        RunSpec other = run().with("model", "M").with("embed-dim", 16);
        Path otherDir = tmp.resolve("other");
        assertThrows(IllegalStateException.class, () -> Runs.train(other, otherDir, false, stopAfter(3)));
        Files.copy(otherDir.resolve(Trainer.CHECKPOINT), dir.resolve(Trainer.CHECKPOINT), StandardCopyOption.REPLACE_EXISTING);
        CurationException e = assertThrows(CurationException.class, () -> Runs.train(run(), dir, true, Runs.Listener.SILENT));
        assertTrue(e.getMessage().startsWith(dir.resolve(Trainer.CHECKPOINT) + " is not this run's checkpoint: --model: checkpoint M, "
                + "run S; --embed-dim: checkpoint 16, run 32"), e.getMessage());
    }

    @Test
    void aReplacedReferenceFileIsRefusedWithBothHashes() throws IOException {
        Path ref = tmp.resolve("ref.zip");
        smallModel(1).save(ref);
        String before = ReferenceModel.sha256(ref);
        RunSpec jest = run().with("method", "learnability").with("reference", ref.toString()).with("filter-ratio", 0.5);
        Path dir = tmp.resolve("jest");
        // A run started against the reference: its provenance as the trainer writes it, and a row.
        ResumeCheck fresh = ResumeCheck.of(jest, dir, true);
        fresh.reference(ref, before);
        RunProvenance.write(dir.resolve(Trainer.PROVENANCE), Map.of("command", "train"), fresh.provenance(Map.of()));
        new EvalLog(dir.resolve(Trainer.EVAL_CSV)).append(Map.of("iteration", 0));
        ResumeCheck.of(jest, dir, true);

        smallModel(2).save(ref);
        String after = ReferenceModel.sha256(ref);
        CurationException e = assertThrows(CurationException.class, () -> ResumeCheck.of(jest, dir, true));
        assertTrue(e.getMessage().startsWith("--reference: " + ref + " has SHA-256 " + after), e.getMessage());
        assertTrue(e.getMessage().contains("a reference with SHA-256 " + before), e.getMessage());
    }

    @Test
    void aFolderWithRowsButNoProvenanceIsRefused() throws IOException {
        Path dir = copyOfStopped();
        Files.delete(dir.resolve(Trainer.PROVENANCE));
        CurationException e = assertThrows(CurationException.class, () -> ResumeCheck.of(run(), dir, true));
        assertTrue(e.getMessage().startsWith(dir.resolve(Trainer.PROVENANCE) + " is missing"), e.getMessage());
    }

    @Test
    void theSettingsMapOfAnOlderRunIsComparedByFlag() throws IOException {
        Path dir = copyOfStopped();
        JsonNode doc = RunProvenance.json().readTree(dir.resolve(Trainer.PROVENANCE).toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc).remove(List.of(ResumeCheck.RUN, ResumeCheck.SESSIONS));
        RunProvenance.json().writeValue(dir.resolve(Trainer.PROVENANCE).toFile(), doc);
        CurationException e = assertThrows(CurationException.class,
                () -> Runs.train(run().with("lr", 0.01), dir, true, Runs.Listener.SILENT));
        assertTrue(e.getMessage().contains("--lr: saved 0.002, now 0.01"), e.getMessage());
        Runs.train(run(), dir, true, Runs.Listener.SILENT);
        assertSameRowsButTiming(whole, dir);
    }

    /**
     * A run saved before the settings schema spelt keys and values its own way (filter_ratio,
     * model.learningRate "0.002", SIGMOID, DIAGONAL_SOFTMAX, the pool as one key): it resumes with
     * the settings that made it, and a changed setting is still named by its flag.
     */
    @Test
    void aPreSchemaRecordIsComparedUnderTodaysKeysAndSpellings() throws IOException {
        Path dir = copyOfStopped();
        com.fasterxml.jackson.databind.node.ObjectNode doc =
                (com.fasterxml.jackson.databind.node.ObjectNode) RunProvenance.json().readTree(dir.resolve(Trainer.PROVENANCE).toFile());
        doc.remove(List.of(ResumeCheck.RUN, ResumeCheck.SESSIONS));
        JsonNode now = doc.get("settings");
        com.fasterxml.jackson.databind.node.ObjectNode old = doc.putObject("settings");
        old.put("command", "train");
        old.put("pool", run().poolSpec().key());
        old.put("data_dir", now.get("data-dir").asText());
        old.put("method", "uniform");
        old.put("selection", "joint");
        old.put("filter_ratio", 0.8);
        old.put("selection.joint.first-chunk", "DIAGONAL_SOFTMAX");
        old.put("selection.joint.chunks", now.get("chunks").asText());
        old.put("iterations", 4);
        old.put("batch", 16);
        old.put("eval_every", 2);
        old.put("seed", 3);
        old.put("threads", 1);
        old.put("model.imageTower", "MLP");
        old.put("model.loss", "SIGMOID");
        old.put("model.learningRate", "0.002");
        old.put("model.embedDim", "32");
        RunProvenance.json().writeValue(dir.resolve(Trainer.PROVENANCE).toFile(), doc);

        CurationException e = assertThrows(CurationException.class,
                () -> Runs.train(run().with("filter-ratio", 0.5).with("eval-every", 4), dir, true, Runs.Listener.SILENT));
        assertTrue(e.getMessage().contains("--eval-every: saved 2, now 4") && e.getMessage().contains("--filter-ratio: saved 0.8, now 0.5"),
                e.getMessage());
        e = assertThrows(CurationException.class, () -> Runs.train(run().with("noise", "web"), dir, true, Runs.Listener.SILENT));
        assertTrue(e.getMessage().contains("(the pool): saved size=200;"), e.getMessage());
        Runs.train(run(), dir, true, Runs.Listener.SILENT);
        assertSameRowsButTiming(whole, dir);
    }

    @Test
    void missingRowsAreNamed() {
        EvalLog log = new EvalLog(tmp.resolve("eval.csv"));
        log.append(Map.of("iteration", 0));
        log.append(Map.of("iteration", 20));
        ResumeCheck.requireRowsBefore(log, 20, 20);
        ResumeCheck.requireRowsBefore(log, 40, 20);
        CurationException e = assertThrows(CurationException.class, () -> ResumeCheck.requireRowsBefore(log, 80, 20));
        assertTrue(e.getMessage().contains("the rows of iterations 40, 60 are missing"), e.getMessage());
    }

    @Test
    void theCheckpointsModelMustBeTheRunsByEveryField() {
        ModelConfig run = smallModel(1).config();
        ResumeCheck.requireModel(Path.of("c.zip"), run, run);
        CurationException e = assertThrows(CurationException.class, () -> ResumeCheck.requireModel(Path.of("c.zip"),
                run.withShape(run.embedDim(), run.vocabSize() + 1, run.maxTokens()).withSeed(9), run));
        assertTrue(e.getMessage().contains("vocabulary size: checkpoint " + (run.vocabSize() + 1) + ", run " + run.vocabSize()
                + "; --seed: checkpoint 9, run 1"), e.getMessage());
        // A model for other images would otherwise resume where its weights happen to fit (a CNN's, at another side).
        e = assertThrows(CurationException.class, () -> ResumeCheck.requireModel(Path.of("c.zip"),
                run.withImageShape(new org.curationlab.models.ImageShape(3, 32)), run));
        assertTrue(e.getMessage().contains("image shape (channels×side×side): checkpoint 3×32×32, run 1×28×28"), e.getMessage());
    }

    static TwoTowerModel smallModel(long seed) {
        var tok = org.curationlab.data.WordTokenizer.standard();
        return TwoTowerModel.create(ModelConfig.defaults(ImageTowerKind.MLP, ModelSize.S).withShape(32, tok.vocabSize(), tok.maxTokens())
                .withSeed(seed));
    }

    static void assertSameRowsButTiming(Path expected, Path actual) {
        List<Map<String, String>> a = new EvalLog(expected.resolve(Trainer.EVAL_CSV)).read();
        List<Map<String, String>> b = new EvalLog(actual.resolve(Trainer.EVAL_CSV)).read();
        assertEquals(a.size(), b.size(), "rows " + b);
        for (int i = 0; i < a.size(); i++) {
            for (String col : EvalLog.COLUMNS) {
                if (!EvalLog.TIMING.contains(col)) {
                    assertEquals(a.get(i).get(col), b.get(i).get(col), "row " + i + " column " + col);
                }
            }
        }
    }
}
