package org.curationlab.train;

import org.curationlab.data.CurationException;
import org.curationlab.data.CurationLevel;
import org.curationlab.data.NoiseSpec;
import org.curationlab.selection.IndependentSelector;
import org.curationlab.selection.JointSelector;
import org.curationlab.selection.Scores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run killed at any moment resumes to exactly the rows of an uninterrupted run (every column
 * but the timing ones, EvalLog.TIMING): the kill is injected at each {@link CrashPoint}, including between the checkpoint's
 * and state.json's renames and while evaluating. JEST learnability selection, so the
 * batch_learnability column and the learner-dependent batches are covered too.
 */
@Tag("integration")
class TrainerCrashResumeTest {
    static final int ITERATIONS = 6;
    static final long KILLED_STEP = 4;

    @TempDir
    static Path shared;
    static ReferenceModel reference;
    static List<Map<String, String>> uninterrupted;

    @TempDir
    Path tmp;

    static Trainer trainer(Path out) {
        TrainConfig cfg = TrainerTest.config(ITERATIONS);
        SelectionConfig sel = new SelectionConfig(Scores.LEARNABILITY, true, 0.5, JointSelector.Options.paper(),
                IndependentSelector.Options.topB(), 28, false);
        BatchPolicy policy = BatchPolicy.jest(TrainerTest.PAIRS, "fixture-pool", cfg.batch(), cfg.seed(), reference, sel,
                shared.resolve("cache"));
        return new Trainer(cfg, TrainerTest.PAIRS, policy, new Evaluator(TrainerTest.WORLD, cfg.evalSize(), cfg.seed()), out,
                ProgressListener.NONE);
    }

    static List<Map<String, String>> rows(Path run) {
        return new EvalLog(run.resolve(Trainer.EVAL_CSV)).read();
    }

    @BeforeAll
    static void uninterruptedRun() {
        Path ref = shared.resolve("ref.zip");
        ReferenceTraining.train(TrainerTest.WORLD, CurationLevel.CURATED, NoiseSpec.NONE, 60, TrainerTest.config(3), ref, false,
                ProgressListener.NONE);
        reference = ReferenceModel.load(ref);
        trainer(shared.resolve("whole")).run(Map.of(), false);
        uninterrupted = rows(shared.resolve("whole"));
        assertEquals(List.of("0", "2", "4", "6"), uninterrupted.stream().map(r -> r.get("iteration")).toList());
    }

    static void assertSameRowsButTiming(List<Map<String, String>> resumed) {
        assertEquals(uninterrupted.size(), resumed.size(), "rows " + resumed);
        for (int i = 0; i < uninterrupted.size(); i++) {
            for (String col : EvalLog.COLUMNS) {
                if (!EvalLog.TIMING.contains(col)) {
                    assertEquals(uninterrupted.get(i).get(col), resumed.get(i).get(col), "row " + i + " column " + col);
                }
            }
        }
        assertFalse(resumed.get(2).get("loss").equals("NaN"), "the re-evaluated row keeps its interval's loss");
    }

    @ParameterizedTest
    @EnumSource(CrashPoint.class)
    void aKillAtEveryPointResumesToTheUninterruptedRows(CrashPoint point) {
        Path run = tmp.resolve("run");
        assertThrows(CrashPoint.SimulatedKill.class, () -> trainer(run).crashAt(point, KILLED_STEP).run(Map.of(), false));
        trainer(run).run(Map.of(), true);
        assertSameRowsButTiming(rows(run));
    }

    @Test
    void killedAgainWhileResumingStillEndsExact() {
        Path run = tmp.resolve("run");
        assertThrows(CrashPoint.SimulatedKill.class,
                () -> trainer(run).crashAt(CrashPoint.AFTER_CHECKPOINT, KILLED_STEP).run(Map.of(), false));
        // The resume re-evaluates step 4's row and is killed again before appending it.
        assertThrows(CrashPoint.SimulatedKill.class,
                () -> trainer(run).crashAt(CrashPoint.AFTER_EVALUATION, KILLED_STEP).run(Map.of(), true));
        assertThrows(CrashPoint.SimulatedKill.class,
                () -> trainer(run).crashAt(CrashPoint.AFTER_STATE, ITERATIONS).run(Map.of(), true));
        trainer(run).run(Map.of(), true);
        assertSameRowsButTiming(rows(run));
    }

    @Test
    void aStaleStateIsRepairedFromTheCheckpointAndLeftoverTemporariesRemoved() throws IOException {
        Path run = tmp.resolve("run");
        assertThrows(CrashPoint.SimulatedKill.class,
                () -> trainer(run).crashAt(CrashPoint.AFTER_CHECKPOINT, KILLED_STEP).run(Map.of(), false));
        assertEquals(2, RunState.read(run.resolve(Trainer.STATE)).step(), "state.json lags the checkpoint");
        Files.writeString(run.resolve(Trainer.CHECKPOINT + "123.tmp"), "half a zip");
        trainer(run).run(Map.of(), true);
        assertEquals(ITERATIONS, RunState.read(run.resolve(Trainer.STATE)).step());
        try (var files = Files.list(run)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".tmp")));
        }
    }

    @Test
    void aStateAheadOfItsCheckpointIsRefused() throws IOException {
        Path run = tmp.resolve("run");
        assertThrows(CrashPoint.SimulatedKill.class,
                () -> trainer(run).crashAt(CrashPoint.AFTER_ROW, 2).run(Map.of(), false));
        Path step2 = tmp.resolve("checkpoint-2.zip");
        Files.copy(run.resolve(Trainer.CHECKPOINT), step2);
        assertThrows(CrashPoint.SimulatedKill.class,
                () -> trainer(run).crashAt(CrashPoint.AFTER_ROW, KILLED_STEP).run(Map.of(), true));
        // An older checkpoint copied back by hand beside the newer state.json.
        Files.copy(step2, run.resolve(Trainer.CHECKPOINT), StandardCopyOption.REPLACE_EXISTING);
        CurationException e = assertThrows(CurationException.class, () -> trainer(run).run(Map.of(), true));
        assertTrue(e.getMessage().contains("says step 4") && e.getMessage().contains("holds step 2"), e.getMessage());
    }
}
