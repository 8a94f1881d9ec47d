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
