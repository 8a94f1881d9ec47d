package org.curationlab.train;

import com.fasterxml.jackson.databind.JsonNode;
import org.curationlab.data.CurationLevel;
import org.curationlab.data.FashionMnistFixture;
import org.curationlab.data.NoiseSpec;
import org.curationlab.data.WordTokenizer;
import org.curationlab.models.FlopCount;
import org.curationlab.models.ImageTowerKind;
import org.curationlab.models.ModelConfig;
import org.curationlab.models.ModelSize;
import org.curationlab.selection.IndependentSelector;
import org.curationlab.selection.JointSelector;
import org.curationlab.selection.Scores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FlexiViT in runs: the ViT trains at its patch (or a drawn one, or partly at the larger patch) and
 * the learner scores at --score-patch, each forward and backward charged to the ledger at its own
 * patch's FLOPs; the rows are written. The 20-step runs (about 20 s each) are integration tests.
 */
class VitPatchRunsTest {
    @TempDir
    Path tmp;

    /** Forward FLOPs per example of both towers at a patch; training is 3× that. */
    static double forward(ModelConfig c, int patch) {
        return FlopCount.imageForwardAtPatch(c, patch) + FlopCount.textForward(c);
    }

    /** A B×B logit product, 2·B·B·E. */
    static double logits(ModelConfig c, int b) {
        return 2.0 * b * b * c.embedDim();
    }

    @Test
    void scoringAtPatch14AndTrainingAt7ChargeEachStepItsOwnFlops() {
        Path ref = tmp.resolve("ref.zip");
        ReferenceTraining.train(TrainerTest.WORLD, CurationLevel.CURATED, NoiseSpec.NONE, 60, TrainerTest.config(2), ref, false,
                ProgressListener.NONE);
        ReferenceModel reference = ReferenceModel.load(ref);
        WordTokenizer tok = WordTokenizer.standard();
        ModelConfig vit = ModelConfig.defaults(ImageTowerKind.VIT, ModelSize.S).withShape(32, tok.vocabSize(), tok.maxTokens())
                .withSchedule(0.003, 1, 3);
        TrainConfig cfg = new TrainConfig(vit, 3, 16, 3, 50, 7, 1);
        SelectionConfig sel = new SelectionConfig(Scores.LEARNABILITY, true, 0.5, JointSelector.Options.paper(),
                IndependentSelector.Options.topB(), 28, false, 14);
        Trainer.Result r = new Trainer(cfg, TrainerTest.PAIRS,
                BatchPolicy.jest(TrainerTest.PAIRS, "fixture-pool", cfg.batch(), cfg.seed(), reference, sel, tmp.resolve("cache")),
                new Evaluator(TrainerTest.WORLD, cfg.evalSize(), cfg.seed()), tmp.resolve("run"), ProgressListener.NONE).run(Map.of(), false);

        // Per step: the learner's forward passes of B = 32 candidates at patch 14 and their logits; a training step of b = 16 at patch 7.
        double scoring = 32 * forward(vit, 14) + logits(vit, 32);
        double training = 3 * 16 * forward(vit, 7) + 3 * logits(vit, 16);
        assertEquals(3 * scoring, r.ledger().scoreLearner(), 1e-9 * scoring);
        assertEquals(3 * training, r.ledger().train(), 1e-9 * training);
        assertTrue(scoring < 0.35 * (32 * forward(vit, 7) + logits(vit, 32)), "patch 14 scores at well under half the FLOPs of 7");
        List<Map<String, String>> rows = new EvalLog(tmp.resolve("run").resolve(Trainer.EVAL_CSV)).read();
        for (Map<String, String> row : rows) {
            long step = Long.parseLong(row.get("iteration"));
            // eval.csv keeps 6 significant digits.
            assertEquals(step * scoring, Double.parseDouble(row.get(ComputeLedger.SCORE_LEARNER)), 1e-5 * step * scoring, row.toString());
            assertEquals(step * training, Double.parseDouble(row.get(ComputeLedger.TRAIN)), 1e-5 * step * training, row.toString());
        }
    }

    /** A ViT S learner trained 20 steps on the fixture. */
    RunSpec vit() {
        return RunSpec.defaults().with("data-dir", FashionMnistFixture.dir().toString()).with("pool-size", 200)
                .with("noise", "misaligned=0.3,generic=0.1").with("tower", "vit").with("model", "S").with("embed-dim", 32)
                .with("iterations", 20).with("batch", 16).with("eval-every", 10).with("eval-size", 50).with("threads", 1)
                .with("seed", 3).with("warmup", 2).with("cache-dir", tmp.resolve("cache").toString());
    }

    /** Trains {@code run}; checks its rows (0, 10, 20) and that each row's training FLOPs are the sum of its steps' {@code step}. */
    Runs.Result trainAndCheck(RunSpec run, LongToDoubleFunction step) {
        Path out = tmp.resolve("run");
        Runs.Result r = Runs.train(run, out, false, Runs.Listener.SILENT);
        assertEquals(List.of("0", "10", "20"), r.rows().stream().map(x -> x.get("iteration")).toList());
        double sum = 0;
        for (long s = 0; s <= 20; s++) {
            if (s % 10 == 0) {
                Map<String, String> row = r.rows().get((int) (s / 10));
                assertEquals(sum, Double.parseDouble(row.get(ComputeLedger.TRAIN)), 1e-5 * sum, row.toString());
                assertTrue(Double.isFinite(Double.parseDouble(row.get("zeroshot_top1"))), row.toString());
            }
            if (s < 20) {
                sum += step.applyAsDouble(s);
            }
        }
        assertEquals(sum, r.ledger().train(), 1e-9 * sum);
        assertEquals(20 * 16, r.ledger().examples());
        return r;
    }

    @Test
    @Tag("integration")
    void flexiDrawsAPatchPerStepAndChargesEachItsFlops() {
        RunSpec run = vit().with("flexi", "4,7,14");
        ModelConfig c = run.modelConfig();
        PatchPlan plan = run.trainConfig().patches();
        Runs.Result r = trainAndCheck(run, s -> 3 * 16 * forward(c, plan.patchAt(s)) + 3 * logits(c, 16));
        assertEquals(3, java.util.stream.LongStream.range(0, 20).map(plan::patchAt).distinct().count(), "20 steps draw all three");
        JsonNode settings = RunProvenance.json().valueToTree(RunProvenance.settings(r.out().resolve(Trainer.PROVENANCE)));
        assertEquals("4,7,14", settings.path("flexi").asText());
        assertEquals(7, settings.path("score-patch").asInt(), "provenance records the scoring patch the run resolved to");
    }

    @Test
    @Tag("integration")
    void learnabilityScoresAtTheScorePatch() {
        // A vit reference (a few steps on the fixture's curated pairs): it pre-scores the pool at its base patch.
        Path ref = tmp.resolve("ref.zip");
        ReferenceTraining.train(TrainerTest.WORLD, CurationLevel.CURATED, NoiseSpec.NONE, 60, vit().with("iterations", 3).trainConfig(),
                ref, false, ProgressListener.NONE);
        RunSpec run = vit().with("method", "learnability").with("filter-ratio", 0.5).with("score-patch", 14).with("reference", ref.toString());
        ModelConfig c = run.modelConfig();
        Runs.Result r = trainAndCheck(run, s -> 3 * 16 * forward(c, 7) + 3 * logits(c, 16));
        double scoring = 32 * forward(c, 14) + logits(c, 32);
        assertEquals(20 * scoring, r.ledger().scoreLearner(), 1e-9 * scoring);
        // The reference embedded the pool once at its base patch, then one B×B product per step.
        ModelConfig rc = ReferenceModel.load(ref).model().config();
        assertEquals(200 * forward(rc, 7) + 20 * logits(rc, 32), r.ledger().scoreReference(), 1e-9 * r.ledger().scoreReference());
        Map<String, JsonNode> settings = RunProvenance.settings(r.out().resolve(Trainer.PROVENANCE));
        assertEquals(7, settings.get("patch").asInt());
        assertEquals(14, settings.get("score-patch").asInt());
        assertTrue(settings.get("flexi").isNull());
    }

    @Test
    @Tag("integration")
    void multiResolutionTrainsPartOfEachBatchAtTheLargerPatch() {
        RunSpec run = vit().with("multi-res", 0.25);
        ModelConfig c = run.modelConfig();
        // 12 pairs at patch 7, the last 4 at patch 14, every image against every caption of the 16.
        trainAndCheck(run, s -> 3 * 12 * forward(c, 7) + 3 * 4 * forward(c, 14) + 3 * logits(c, 16));
    }
}
