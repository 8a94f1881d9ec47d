package org.curationlab.selection;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class PairMatrixTest {
    private static void assertMessage(String expected, Runnable r) {
        CurationException e = assertThrows(CurationException.class, r::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void rejectsNonSquareArrays() {
        assertMessage("learner logits has 6 entries", () -> PairMatrix.of("learner logits", new float[6]));
        assertMessage("learner logits has 0 entries", () -> PairMatrix.of("learner logits", new float[0]));
    }

    @Test
    void rejectsNonSquareNd4jMatrices() {
        assertMessage("reference logits has shape [2, 3]",
                () -> PairMatrix.of("reference logits", Nd4j.zeros(2, 3)));
    }

    @Test
    void rejectsNaNAndNamesTheEntry() {
        float[] v = new float[9];
        v[5] = Float.NaN;
        assertMessage("learner logits[1,2] = NaN", () -> PairMatrix.of("learner logits", v));
        v[5] = Float.POSITIVE_INFINITY;
        assertMessage("learner logits[1,2] = Infinity", () -> PairMatrix.of("learner logits", v));
    }

    @Test
    void rejectsMissingOrMismatchedModels() {
        PairMatrix four = PairMatrix.of("learner logits", new float[16]);
        PairMatrix nine = PairMatrix.of("reference logits", new float[9]);
        assertMessage("reference logits are missing", () -> SigmoidScorer.of(Scores.LEARNABILITY, four, null));
        assertMessage("learner logits are missing", () -> SoftmaxScorer.of(Scores.HARD_LEARNER, null, nine));
        assertMessage("reference logits are 3×3 but learner logits are 4×4",
                () -> SigmoidScorer.of(Scores.LEARNABILITY, four, nine));
    }

    @Test
    void rejectsRepeatedOrOutOfRangeSubsets() {
        BatchScorer scorer = SigmoidScorer.of(Scores.HARD_LEARNER, PairMatrix.of("l", new float[16]), null);
        assertMessage("index 2 twice", () -> scorer.batchScore(new int[] {2, 1, 2}));
        assertMessage("index 4", () -> scorer.batchScore(new int[] {4}));
    }
}
