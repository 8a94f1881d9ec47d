package org.curationlab.bench;

import org.curationlab.data.FashionMnistFixture;
import org.curationlab.models.FlopCount;
import org.curationlab.models.ImageResolution;
import org.curationlab.models.TwoTowerModel;
import org.curationlab.models.ImageTowerKind;
import org.curationlab.models.ModelSize;
import org.curationlab.train.RunSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The new rows of curate bench, each run once on a tiny batch: their names, FLOPs and notes, never their times. */
class VitBenchTest {
    @Test
    void aVitTrainingStepRowCarriesItsFlopsAndShape() {
        BenchResult r = VitBench.trainStep(ModelSize.S, 8, 1);
        assertEquals("train-vit-S", r.name());
        assertEquals(1, r.timing().repeats());
        assertTrue(r.ms() > 0);
        var m = Bench.model(ImageTowerKind.VIT, ModelSize.S);
        assertEquals(FlopCount.trainStepAtPatches(m.config(), 8, 7, 0, 7), r.flops());
        assertTrue(r.note().startsWith(m.parameterCount() + " parameters, ViT (width 32, depth 2, 2 heads, MLP 128), "
                + "patch 7 of 28x28 (16 tokens), batch 8, "), r.note());
        assertTrue(Double.isNaN(r.ratioToSgemm()), "set by finish");
        assertTrue(r.against(100).ratioToSgemm() > 0);
    }

    @Test
    void scoringRowsCompareTheLargerPatchWithTheBaseAndTheStep() {
        BenchResult step = VitBench.trainStep(ModelSize.S, 8, 1);
        List<BenchResult> rows = VitBench.scoring(ModelSize.S, 40, step, 1);
        assertEquals(List.of("score-vit-p7-B40", "score-vit-p14-B40"), rows.stream().map(BenchResult::name).toList());
        var m = Bench.model(ImageTowerKind.VIT, ModelSize.S);
        assertEquals(FlopCount.scoringAtPatch(m.config(), 40, 7), rows.get(0).flops());
        assertEquals(FlopCount.scoringAtPatch(m.config(), 40, 14), rows.get(1).flops());
        assertTrue(rows.get(1).flops() < rows.get(0).flops() / 2, "patch 14 has a quarter of patch 7's tokens");
        for (BenchResult r : rows) {
            assertTrue(r.note().matches("learner vit-S pair scores of a super-batch \\(b = 8 at f = 0.8\\) at patch \\d+, "
                    + "\\d+\\.\\d{3} MFLOP per example; \\d+\\.\\d\\dx the FLOPs and \\d+\\.\\d\\dx the time of a train-vit-S step.*"),
                    r.note());
        }
        assertTrue(rows.get(1).note().contains("% of the patch-7 FLOPs"), rows.get(1).note());
    }

    @Test
    void theRgbStepIsTheCnnMOn3x32x32() {
        BenchResult r = new Bench(true, x -> { }).trainStepRgb(8);
        assertEquals("train-M-rgb32", r.name());
        assertEquals(5, r.timing().repeats());
        var cnn = Bench.model(ImageTowerKind.CNN, ModelSize.M);
        assertTrue(r.flops() > Bench.trainStepFlops(cnn, 8), "32x32 RGB costs more than 28x28 grey");
        assertTrue(r.note().contains("CNN, 3×32×32 RGB"), r.note());
    }

    /** A committed curated reference: the fixture is too small to train a level's, so this test trains none. */
    private static final java.nio.file.Path REFERENCE = java.nio.file.Path.of("../../results/references/curated-M.zip");

    /** Two whole JEST runs (one untimed), so slow: with the integration tests. */
    @Test
    @org.junit.jupiter.api.Tag("integration")
    void theJestLoopRowRunsLearnabilityInTheRealTrainLoop() {
        RunSpec base = RunSpec.defaults().with("data-dir", FashionMnistFixture.dir().toString()).with("pool-size", 200)
                .with("reference", REFERENCE.toString()).with("eval-size", 50).with("threads", 1).with("seed", 0).with("warmup", 1);
        var m = Bench.model(ImageTowerKind.VIT, ModelSize.M);
        double uniformFlops = FlopCount.trainStepAtPatches(m.config(), 16, 7, 0, 7);
        BenchResult uniform = new BenchResult("loop-vit-M", new Timing(10, 10, 10, 1), uniformFlops, Double.NaN, "n");
        BenchResult r = LoopBench.jest(1, uniform, base, 2, 16);
        assertEquals(LoopBench.JEST_LOOP, r.name());
        assertEquals(1, r.timing().repeats());
        // Training plus the learner's scoring of 80 candidates and the reference's 80 x 80 products, not the one-off pool embedding.
        double expected = uniformFlops + FlopCount.scoring(m.config(), 80, ImageResolution.FULL)
                + FlopCount.logits(TwoTowerModel.readConfig(REFERENCE), 80);
        // eval.csv keeps six significant digits, and the step-0 total is subtracted from the final one.
        assertEquals(expected, r.flops(), 1e-4 * expected);
        assertTrue(r.note().startsWith("tower vit, curate train, learnability, joint, f = 0.8, web pool, batch 16, 2 steps per repeat, "
                + "reference " + REFERENCE + ", evaluation excluded"), r.note());
        assertTrue(r.note().matches(".*; choosing the batch \\(select_s / steps: .*\\) \\d+\\.\\d ms of it; \\d+\\.\\d\\dx the time "
                + "and \\d+\\.\\d\\dx the FLOPs of the loop-vit-M step of this run"), r.note());
        // Choosing the batch (scoring 5x the batch with both models, the selector) takes time, never more than the step.
        java.util.regex.Matcher ms = java.util.regex.Pattern.compile("\\) (\\d+\\.\\d) ms of it").matcher(r.note());
        assertTrue(ms.find(), r.note());
        double select = Double.parseDouble(ms.group(1));
        assertTrue(select > 0 && select < r.ms(), r.note());
    }

    /** Two whole training runs (one untimed), so slow: with the integration tests. */
    @Test
    @org.junit.jupiter.api.Tag("integration")
    void theLoopRowOfTheVitRunsTheRealTrainLoop() {
        RunSpec base = RunSpec.defaults().with("data-dir", FashionMnistFixture.dir().toString()).with("pool-size", 200)
                .with("eval-size", 50).with("threads", 1).with("seed", 0).with("warmup", 1);
        BenchResult step = new BenchResult("train-vit-S", 10.0, Double.NaN, Double.NaN, "n");
        BenchResult r = LoopBench.run(ImageTowerKind.VIT, ModelSize.S, 1, step, base, 2, 16);
        assertEquals("loop-vit-S", r.name());
        assertEquals(1, r.timing().repeats());
        var m = Bench.model(ImageTowerKind.VIT, ModelSize.S);
        assertEquals(FlopCount.trainStepAtPatches(m.config(), 16, 7, 0, 7), r.flops(), 1e-6 * r.flops());
        assertTrue(r.note().startsWith("tower vit, curate train, uniform, web pool, batch 16, 2 steps per repeat"), r.note());
        assertTrue(r.note().matches(".*; \\d+\\.\\d\\dx the train-vit-S step of this run"), r.note());
    }

    @Test
    void profilesAVitStep() {
        StepProfile.Result r = StepProfile.run(ImageTowerKind.VIT, ModelSize.S, 8, 1);
        assertEquals("train-vit-S", r.stepName());
        assertTrue(r.ops().stream().anyMatch(o -> o.op().contains("matmul") || o.op().contains("mmul")), r.ops().toString());
        double total = r.ops().stream().mapToDouble(StepProfile.OpTime::share).sum();
        assertEquals(1.0, total, 0.02, "shares sum to one");
        assertEquals("train-M", StepProfile.run(ModelSize.S, 4, 1).stepName().replace("S", "M"));
    }
}
