package org.curationlab.selection;


import static org.curationlab.testing.CurationAssertions.assertMessage;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class PairMatrixTest {
    @Test
    void rejectsNonSquareArrays() {
        assertMessage(() -> PairMatrix.of("learner logits", new float[6]), "learner logits has 6 entries");
        assertMessage(() -> PairMatrix.of("learner logits", new float[0]), "learner logits has 0 entries");
    }

    @Test
    void rejectsNonSquareNd4jMatrices() {
        assertMessage(() -> PairMatrix.of("reference logits", Nd4j.zeros(2, 3)), "reference logits has shape [2, 3]");
    }

    @Test
    void rejectsNaNAndNamesTheEntry() {
        float[] v = new float[9];
        v[5] = Float.NaN;
        assertMessage(() -> PairMatrix.of("learner logits", v), "learner logits[1,2] = NaN");
        v[5] = Float.POSITIVE_INFINITY;
        assertMessage(() -> PairMatrix.of("learner logits", v), "learner logits[1,2] = Infinity");
    }

    @Test
    void rejectsMissingOrMismatchedModels() {
        PairMatrix four = PairMatrix.of("learner logits", new float[16]);
        PairMatrix nine = PairMatrix.of("reference logits", new float[9]);
        assertMessage(() -> SigmoidScorer.of(Scores.LEARNABILITY, four, null), "reference logits are missing");
        assertMessage(() -> SoftmaxScorer.of(Scores.HARD_LEARNER, null, nine), "learner logits are missing");
        assertMessage(() -> SigmoidScorer.of(Scores.LEARNABILITY, four, nine), "reference logits are 3×3 but learner logits are 4×4");
    }

    @Test
    void rejectsRepeatedOrOutOfRangeSubsets() {
        BatchScorer scorer = SigmoidScorer.of(Scores.HARD_LEARNER, PairMatrix.of("l", new float[16]), null);
        assertMessage(() -> scorer.batchScore(new int[] {2, 1, 2}), "index 2 twice");
        assertMessage(() -> scorer.batchScore(new int[] {4}), "index 4");
    }
}
