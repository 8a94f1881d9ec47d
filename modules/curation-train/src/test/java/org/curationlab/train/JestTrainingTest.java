package org.curationlab.train;

import org.curationlab.data.CurationLevel;
import org.curationlab.data.NoiseSpec;
import org.curationlab.selection.IndependentSelector;
import org.curationlab.selection.JointSelector;
import org.curationlab.selection.Scores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Online selection wired into the loop, on the fixture: the ledger, the stats, the cache. */
class JestTrainingTest {
    @TempDir
    Path tmp;

    @Test
    void learnabilitySelectionChargesScoringAndRecordsLearnability() {
        TrainConfig cfg = TrainerTest.config(4);
        Path ref = tmp.resolve("ref.zip");
        ReferenceTraining.train(TrainerTest.WORLD, CurationLevel.CURATED, NoiseSpec.NONE, 60, TrainerTest.config(3), ref, false,
                ProgressListener.NONE);
        ReferenceModel reference = ReferenceModel.load(ref);
        SelectionConfig sel = new SelectionConfig(Scores.LEARNABILITY, true, 0.5, JointSelector.Options.paper(),
                IndependentSelector.Options.topB(), 28, false);
        assertEquals(32, sel.superBatch(16));
        BatchPolicy policy = BatchPolicy.jest(TrainerTest.PAIRS, "fixture-pool", cfg.batch(), cfg.seed(), reference, sel, tmp.resolve("cache"));
        Trainer.Result r = new Trainer(cfg, TrainerTest.PAIRS, policy, new Evaluator(TrainerTest.WORLD, cfg.evalSize(), cfg.seed()),
                tmp.resolve("run"), ProgressListener.NONE).run(Map.of(), false);
        // The pool was pre-scored once (N forward passes of the reference) plus one B×B product per step.
        double prescore = 200.0 * (reference.model().forwardFlopsPerExample(28) + reference.model().textForwardFlopsPerExample());
        assertEquals(prescore + 4 * reference.logitsFlops(32), r.ledger().scoreReference(), 1e-6 * prescore);
        assertTrue(r.ledger().scoreLearner() > 0);
        List<Map<String, String>> rows = new EvalLog(tmp.resolve("run").resolve(Trainer.EVAL_CSV)).read();
        assertTrue(Double.isFinite(Double.parseDouble(rows.get(rows.size() - 1).get("batch_learnability"))), rows.toString());
        // select_s, the part of wall_s spent choosing batches: 0 before the first step, then growing and never past wall_s.
        assertEquals(0.0, Double.parseDouble(rows.get(0).get("select_s")));
        for (int i = 1; i < rows.size(); i++) {
            double select = Double.parseDouble(rows.get(i).get("select_s"));
            assertTrue(select > Double.parseDouble(rows.get(i - 1).get("select_s")), rows.toString());
            assertTrue(select < Double.parseDouble(rows.get(i).get("wall_s")), rows.toString());
        }
        // The embeddings cache is reused: a second prescore reads it back and gives the same logits.
        ReferenceModel again = ReferenceModel.load(ref);
        again.prescore(TrainerTest.PAIRS, "fixture-pool", tmp.resolve("cache"));
        reference.prescore(TrainerTest.PAIRS, "fixture-pool", tmp.resolve("cache"));
        int[] ids = {0, 5, 9};
        assertTrue(reference.logits(ids).equalsWithEps(again.logits(ids), 1e-6));
    }

    /** Flexi-JEST analogue: scoring at 14x14 costs well under 30% of scoring at 28x28, and multi-resolution training runs. */
    @Test
    void scoringAtHalfResolutionIsCheap() {
        Path ref = tmp.resolve("ref.zip");
        ReferenceTraining.train(TrainerTest.WORLD, CurationLevel.CURATED, NoiseSpec.NONE, 60, TrainerTest.config(2), ref, false,
                ProgressListener.NONE);
        ReferenceModel reference = ReferenceModel.load(ref);
        double[] learnerFlops = new double[2];
        int k = 0;
        for (int resolution : new int[]{28, 14}) {
            org.curationlab.data.WordTokenizer tok = org.curationlab.data.WordTokenizer.standard();
            org.curationlab.models.ModelConfig cnn = org.curationlab.models.ModelConfig.defaults(
                    org.curationlab.models.ImageTowerKind.CNN, org.curationlab.models.ModelSize.S)
                    .withShape(32, tok.vocabSize(), tok.maxTokens()).withSchedule(0.003, 1, 3);
            TrainConfig cfg = new TrainConfig(cnn, 3, 16, 3, 50, 7, 1, resolution == 14 ? 0.25 : 0.0);
            SelectionConfig sel = new SelectionConfig(Scores.LEARNABILITY, true, 0.5, JointSelector.Options.paper(),
                    IndependentSelector.Options.topB(), resolution, false);
            Trainer.Result r = new Trainer(cfg, TrainerTest.PAIRS,
                    BatchPolicy.jest(TrainerTest.PAIRS, "fixture-pool", cfg.batch(), cfg.seed(), reference, sel, tmp.resolve("cache")),
                    new Evaluator(TrainerTest.WORLD, cfg.evalSize(), cfg.seed()), tmp.resolve("run" + resolution), ProgressListener.NONE)
                    .run(Map.of(), false);
            learnerFlops[k++] = r.ledger().scoreLearner();
        }
        assertTrue(learnerFlops[1] < 0.30 * learnerFlops[0], learnerFlops[1] + " vs " + learnerFlops[0]);
    }
}
