package org.curationlab.train;

import org.curationlab.data.CurationException;
import org.curationlab.data.DataWorld;
import org.curationlab.data.FashionMnistFixture;
import org.curationlab.data.NoiseSpec;
import org.curationlab.data.PairPool;
import org.curationlab.data.pairs.SyntheticPairs;
import org.curationlab.data.PoolSpec;
import org.curationlab.data.WordTokenizer;
import org.curationlab.models.ImageTowerKind;
import org.curationlab.models.ModelConfig;
import org.curationlab.models.ModelSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training loop on the fixture: rows, checkpoints, resume, refusal to overwrite, stats. */
class TrainerTest {
    static final DataWorld WORLD = FashionMnistFixture.world();
    static final PairPool POOL = WORLD.webPool(new PoolSpec(200, NoiseSpec.parse("misaligned=0.3,generic=0.1"), 1));
    /** The pool as training reads it. */
    static final SyntheticPairs PAIRS = new SyntheticPairs(POOL);

    @TempDir
    Path tmp;

    static TrainConfig config(int iterations) {
        WordTokenizer tok = WordTokenizer.standard();
        ModelConfig model = ModelConfig.defaults(ImageTowerKind.MLP, ModelSize.S).withShape(32, tok.vocabSize(), tok.maxTokens())
                .withSchedule(0.003, 2, iterations);
        return new TrainConfig(model, iterations, 16, 2, 50, 7, 1);
    }

    static Trainer trainer(TrainConfig cfg, Path out, ProgressListener progress) {
        return new Trainer(cfg, PAIRS, BatchPolicy.uniform(POOL.size(), cfg.batch(), cfg.seed()), new Evaluator(WORLD, cfg.evalSize(), cfg.seed()),
                out, progress);
    }

    @Test
    void writesARowAtStartEveryIntervalAndTheEnd() {
        Trainer.Result r = trainer(config(5), tmp.resolve("run"), ProgressListener.NONE).run(Map.of("test", true), false);
        List<Map<String, String>> rows = new EvalLog(tmp.resolve("run").resolve(Trainer.EVAL_CSV)).read();
        assertEquals(List.of("0", "2", "4", "5"), rows.stream().map(x -> x.get("iteration")).toList());
        assertEquals(5 * 16, r.ledger().examples());
        assertEquals("80", rows.get(3).get("examples"));
        // Trained-batch composition comes from the pool's flags: about 30% misaligned here.
        double misaligned = Double.parseDouble(rows.get(3).get("batch_misaligned"));
        assertTrue(misaligned >= 0 && misaligned <= 1, rows.get(3).toString());
        assertTrue(Files.exists(tmp.resolve("run").resolve(Trainer.PROVENANCE)));
        assertTrue(Files.exists(tmp.resolve("run").resolve(Trainer.CHECKPOINT)));
    }

    @Test
    void aResumedRunEndsWhereAnUninterruptedOneDoes() {
        TrainConfig cfg = config(6);
        trainer(cfg, tmp.resolve("whole"), ProgressListener.NONE).run(Map.of(), false);
        // Crash just after the step-4 checkpoint was taken (mid-way through the next interval).
        ProgressListener crash = new ProgressListener() {
            @Override
            public void step(long step, long total, double loss, double examplesPerSecond) {
                if (step == 5) {
                    throw new IllegalStateException("simulated kill");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> trainer(cfg, tmp.resolve("cut"), crash).run(Map.of(), false));
        trainer(cfg, tmp.resolve("cut"), ProgressListener.NONE).run(Map.of(), true);
        List<Map<String, String>> whole = new EvalLog(tmp.resolve("whole").resolve(Trainer.EVAL_CSV)).read();
        List<Map<String, String>> cut = new EvalLog(tmp.resolve("cut").resolve(Trainer.EVAL_CSV)).read();
        assertEquals(whole.size(), cut.size());
        for (int i = 0; i < whole.size(); i++) {
            for (String col : List.of("iteration", "examples", "loss", "zeroshot_top1", "i2t_r1", "probe_10shot", "flops_total")) {
                assertEquals(whole.get(i).get(col), cut.get(i).get(col), "row " + i + " column " + col);
            }
        }
    }

    @Test
    void aFinishedRunResumesWithoutItsCheckpoint() throws java.io.IOException {
        Trainer.Result first = trainer(config(2), tmp.resolve("run"), ProgressListener.NONE).run(Map.of(), false);
        Files.delete(tmp.resolve("run").resolve(Trainer.CHECKPOINT));
        Trainer.Result again = trainer(config(2), tmp.resolve("run"), ProgressListener.NONE).run(Map.of(), true);
        assertEquals(first.last().zeroshotTop1(), again.last().zeroshotTop1(), 1e-6);
        assertEquals(2, new EvalLog(tmp.resolve("run").resolve(Trainer.EVAL_CSV)).read().size(), "rows at 0 and 2, none added");
    }

    @Test
    void anExistingRunIsNeverOverwritten() {
        trainer(config(2), tmp.resolve("run"), ProgressListener.NONE).run(Map.of(), false);
        CurationException e = assertThrows(CurationException.class,
                () -> trainer(config(2), tmp.resolve("run"), ProgressListener.NONE).run(Map.of(), false));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
    }

    @Test
    void sameSeedSameMetricsBitForBit() {
        trainer(config(3), tmp.resolve("a"), ProgressListener.NONE).run(Map.of(), false);
        trainer(config(3), tmp.resolve("b"), ProgressListener.NONE).run(Map.of(), false);
        List<Map<String, String>> a = new EvalLog(tmp.resolve("a").resolve(Trainer.EVAL_CSV)).read();
        List<Map<String, String>> b = new EvalLog(tmp.resolve("b").resolve(Trainer.EVAL_CSV)).read();
        for (int i = 0; i < a.size(); i++) {
            for (String col : Metrics.NAMES) {
                assertEquals(a.get(i).get(col), b.get(i).get(col), col);
            }
            assertEquals(a.get(i).get("loss"), b.get(i).get("loss"));
        }
    }

    @Test
    void uniformBatchesCoverEachEpochOnce() {
        UniformBatches u = new UniformBatches(10, 4, 3);
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        int[] first = u.batch(0), second = u.batch(1), third = u.batch(2);
        for (int[] b : new int[][]{first, second}) {
            for (int i : b) {
                assertTrue(seen.add(i));
            }
        }
        // The third batch finishes epoch 0 (2 pairs) and starts epoch 1 (2 pairs).
        assertTrue(seen.add(third[0]) && seen.add(third[1]));
        assertEquals(10, seen.size());
        assertEquals(java.util.Arrays.toString(third), java.util.Arrays.toString(new UniformBatches(10, 4, 3).batch(2)),
                "a pure function of the step");
    }

    @Test
    void badSettingsNameTheirFlag() {
        ModelConfig m = config(2).model();
        assertTrue(assertThrows(CurationException.class, () -> new TrainConfig(m, 0, 16, 2, 50, 0, 1)).getMessage().contains("--iterations"));
        assertTrue(assertThrows(CurationException.class, () -> new TrainConfig(m, 5, 1, 2, 50, 0, 1)).getMessage().contains("--batch"));
        assertTrue(assertThrows(CurationException.class, () -> new TrainConfig(m, 5, 16, 2, 50, 0, 1, 0.5)).getMessage().contains("--multi-res"));
    }
}
