package org.curationlab.train;

import org.curationlab.data.CurationException;
import org.curationlab.data.WordTokenizer;
import org.curationlab.models.ImageTowerKind;
import org.curationlab.models.ModelConfig;
import org.curationlab.models.ModelSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings refused up front that would otherwise train something else than recorded, or die late. */
class RunLimitsTest {
    static final long GB = 1L << 30;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "multi-res | 0.007 | --multi-res: 0.007 of --batch 64 rounds to 0 of its 64 pairs at 14x14",
            "multi-res | 0.995 | --multi-res: 0.995 of --batch 64 rounds to 64 of its 64 pairs at 14x14",
            "lr | 1e300 | --lr: 1.0E300 is larger than 10",
            "lr | 11 | --lr: 11.0 is larger than 10",
            "batch | 0 | --batch: 0 must be at least 2",
            "embed-dim | 100000000 | --embed-dim 100000000: a projection matrix of the model would hold 6400000000 numbers",
            "embed-dim | 10000000 | --embed-dim 10000000: a projection matrix of the model needs 2.4 GB, more than half the Java heap",
    })
    void refusedUpFrontNamingTheFlag(String key, String value, String message) {
        RunSpec run = RunSpec.defaults().with("model", "S").with("batch", 64).with("pool-size", 2000).with("eval-size", 1000)
                .with(key, Double.parseDouble(value) % 1 == 0 && Double.parseDouble(value) < Integer.MAX_VALUE && !value.contains("e")
                        ? (Object) Long.parseLong(value) : (Object) Double.parseDouble(value));
        CurationException e = assertThrows(CurationException.class, run::check);
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.0079, 0.5, 0.99})
    void aMultiResThatSplitsTheBatchPasses(double f) {
        assertDoesNotThrow(() -> RunLimits.multiRes(f, 64));
    }

    @Test
    void theLearningRateBoundAdmitsTheTunedRange() {
        assertDoesNotThrow(() -> RunLimits.learningRate(0.008));
        assertDoesNotThrow(() -> RunLimits.learningRate(RunLimits.MAX_LEARNING_RATE));
    }

    /** Under the launcher's limits (-Xmx2g, maxbytes 3g, maxphysicalbytes 6g): 10^6 wide embeddings do not fit, the default does. */
    @Test
    void theMemoryEstimateAgainstTheLaunchersLimits() {
        WordTokenizer tok = WordTokenizer.standard();
        ModelConfig wide = ModelConfig.defaults(ImageTowerKind.CNN, ModelSize.S).withShape(1_000_000, tok.vocabSize(), tok.maxTokens());
        MemoryBudget.Estimate e = MemoryBudget.estimate(wide, 64, 64, 1000);
        // S's CNN projects 32 channels and its text tower 64 hidden units into the embedding.
        assertEquals(64_000_000L, e.largestArray());
        assertEquals(4.0 * MemoryBudget.COPIES_PER_PARAMETER * 98_000_000L, e.modelBytes(), 1);
        CurationException over = assertThrows(CurationException.class,
                () -> MemoryBudget.check(e, 1_000_000, 64, 2 * GB, 3 * GB, 6 * GB));
        assertTrue(over.getMessage().startsWith("--embed-dim 1000000: the model's arrays (1.8 GB) and the activations of a batch"), over.getMessage());
        assertTrue(over.getMessage().contains("org.bytedeco.javacpp.maxbytes"), over.getMessage());

        ModelConfig usual = ModelConfig.defaults(ImageTowerKind.CNN, ModelSize.XL).withShape(64, tok.vocabSize(), tok.maxTokens());
        assertDoesNotThrow(() -> MemoryBudget.check(MemoryBudget.estimate(usual, 256, 1280, 10_000), 64, 256, 2 * GB, 3 * GB, 6 * GB));

        MemoryBudget.Estimate huge = MemoryBudget.estimate(usual, 60_000, 60_000, 10_000);
        CurationException batch = assertThrows(CurationException.class, () -> MemoryBudget.check(huge, 64, 60_000, 2 * GB, 3 * GB, 6 * GB));
        assertTrue(batch.getMessage().startsWith("--batch 60000: "), batch.getMessage());
    }

    /**
     * A ViT's activations grow with its tokens: at patch 4 a 64×64 RGB image is 256 tokens, and a
     * batch of 256 keeps gigabytes of them. The estimate counts every pass the kernels keep (exactly,
     * VitTowerTest) and refuses in one line naming the patch; the base patch fits.
     */
    @Test
    void aVitsActivationsAtPatch4On64x64AreCounted() {
        WordTokenizer tok = WordTokenizer.standard();
        ModelConfig vit = ModelConfig.defaults(ImageTowerKind.VIT, ModelSize.M).withShape(64, tok.vocabSize(), tok.maxTokens())
                .withImageShape(new org.curationlab.models.ImageShape(3, 64));
        PatchPlan patch4 = PatchPlan.of(ImageTowerKind.VIT, vit.imageShape(), 4, null, null, 0, 1);
        MemoryBudget.Estimate e = MemoryBudget.estimate(vit, 256, 1280, 1000, patch4, 0, null);
        long kept = ImageTowerKind.VIT.keptActivationFloats(vit, 4, 256) + ImageTowerKind.VIT.keptActivationFloats(vit, 8, 1280)
                + ImageTowerKind.VIT.keptActivationFloats(vit, 8, 1000);
        assertEquals(4.0 * (kept + ImageTowerKind.VIT.backwardScratchFloats(vit, 4, 256)), e.towerBytes(), 1);
        assertTrue(e.towerBytes() > 3.0 * GB, "the patch-4 pass alone holds 256 x 4 heads x 256^2 attention floats per block");
        CurationException over = assertThrows(CurationException.class, () -> MemoryBudget.check(e, 64, 256, 2 * GB, 3 * GB, 6 * GB));
        assertTrue(over.getMessage().startsWith("--patch 4: the image tower's activations at its patch sizes for --batch 256"),
                over.getMessage());
        assertEquals(1, over.getMessage().lines().count());
        PatchPlan flexi = PatchPlan.of(ImageTowerKind.VIT, vit.imageShape(), null, "4,8,16", null, 0, 1);
        CurationException drawn = assertThrows(CurationException.class, () -> MemoryBudget.check(
                MemoryBudget.estimate(vit, 256, 256, 1000, flexi, 0, null), 64, 256, 2 * GB, 3 * GB, 6 * GB));
        assertTrue(drawn.getMessage().startsWith("--flexi 4,8,16: "), drawn.getMessage());

        PatchPlan base = PatchPlan.defaults(ImageTowerKind.VIT, vit.imageShape(), 1);
        MemoryBudget.Estimate fits = MemoryBudget.estimate(vit, 256, 256, 1000, base, 0, null);
        assertTrue(fits.towerBytes() > 0 && fits.towerBytes() < e.towerBytes() / 2, fits.towerBytes() + " of " + e.towerBytes() + " bytes");
        assertDoesNotThrow(() -> MemoryBudget.check(fits, 64, 256, 2 * GB, 3 * GB, 6 * GB));
        // A CNN's maps are not counted: its estimate is what it was.
        ModelConfig cnn = ModelConfig.defaults(ImageTowerKind.CNN, ModelSize.M).withShape(64, tok.vocabSize(), tok.maxTokens());
        assertEquals(0.0, MemoryBudget.estimate(cnn, 256, 1280, 1000).towerBytes());
    }

    /** The check before a run sees the patch: a ViT-XL at patch 4 on 28×28 fits at batch 256, not at 2048. */
    @Test
    void theRunCheckCountsTheTrainingPatch() {
        RunSpec run = RunSpec.defaults().with("tower", "vit").with("model", "XL").with("patch", 4).with("pool-size", 20_000)
                .with("eval-size", 1000);
        assertDoesNotThrow(() -> run.with("batch", 256).check());
        CurationException e = assertThrows(CurationException.class, () -> run.with("batch", 2048).check());
        assertTrue(e.getMessage().startsWith("--patch 4: the image tower's activations"), e.getMessage());
    }

    /** The multi-resolution part of a ViT's batch trains at the larger patch, and the refusal says so. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "vit | | 0.007 | --multi-res: 0.007 of --batch 64 rounds to 0 of its 64 pairs at patch 14: give a fraction",
            "vit | 4 | 0.995 | --multi-res: 0.995 of --batch 64 rounds to 64 of its 64 pairs at patch 14: give",
            "cnn | | 0.007 | --multi-res: 0.007 of --batch 64 rounds to 0 of its 64 pairs at 14x14: give a fraction",
    })
    void aMultiResThatRoundsAwayNamesTheCheapView(String tower, Integer patch, double f, String message) {
        RunSpec run = RunSpec.defaults().with("tower", tower).with("model", "S").with("batch", 64).with("pool-size", 2000)
                .with("eval-size", 1000).with("multi-res", f);
        RunSpec withPatch = patch == null ? run : run.with("patch", patch);
        CurationException e = assertThrows(CurationException.class, withPatch::check);
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertTrue(e.getMessage().endsWith(tower.equals("vit") ? "so that both patch sizes are trained" : "so that both resolutions are trained"),
                e.getMessage());
    }

    @Test
    void aMultiResOutOfRangeNamesTheCheapView() {
        WordTokenizer tok = WordTokenizer.standard();
        ModelConfig vit = ModelConfig.defaults(ImageTowerKind.VIT, ModelSize.S).withShape(64, tok.vocabSize(), tok.maxTokens());
        CurationException e = assertThrows(CurationException.class, () -> new TrainConfig(vit, 10, 64, 10, 100, 1, 1, 1.5));
        assertTrue(e.getMessage().endsWith("the fraction of each batch trained at the larger patch 14"), e.getMessage());
        ModelConfig rgb = ModelConfig.defaults(ImageTowerKind.CNN, ModelSize.S).withShape(64, tok.vocabSize(), tok.maxTokens())
                .withImageShape(new org.curationlab.models.ImageShape(3, 32));
        CurationException c = assertThrows(CurationException.class, () -> new TrainConfig(rgb, 10, 64, 10, 100, 1, 1, 1.5));
        assertTrue(c.getMessage().endsWith("trained at 16x16"), c.getMessage());
    }

    @Test
    void theModelsDivergenceIsToldInFlagTerms() {
        Path rows = Path.of("out", "eval.csv");
        CurationException loss = TrainingDivergedException.inFlagTerms(
                new CurationException("training diverged at step 7: loss NaN (lower model.learningRate, now 5.0)"), rows);
        assertEquals("training diverged at step 7: loss NaN; the rows written so far are kept in " + rows
                + ". Try a lower learning rate (--lr, now 5.0).", loss.getMessage());
        assertTrue(loss instanceof TrainingDivergedException);
        CurationException weights = TrainingDivergedException.inFlagTerms(new CurationException("training diverged at step 9: weights "
                + "img_fc_w are not finite, so c.zip is not written (lower model.learningRate, now 5.0)"), rows);
        assertTrue(weights.getMessage().contains("so c.zip is not written; the rows written so far"), weights.getMessage());
        assertTrue(!weights.getMessage().contains("model.learningRate"), weights.getMessage());
        CurationException other = new CurationException("something else");
        assertSame(other, TrainingDivergedException.inFlagTerms(other, rows));
    }

    @Test
    void aRunFileKeyGivenTwiceIsRefusedNamingIt() {
        CurationException e = assertThrows(CurationException.class,
                () -> RunSpec.fromJson("{\"batch\": 64,\n \"batch\": 32}", "run.json"));
        assertTrue(e.getMessage().startsWith("run.json: ") && e.getMessage().contains("'batch'"), e.getMessage());
    }
}
