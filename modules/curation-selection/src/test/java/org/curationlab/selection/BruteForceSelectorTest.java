package org.curationlab.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;

class BruteForceSelectorTest {
    @Test
    void findsTheBestPairOfAHandMadeMatrix() {
        // Items 1 and 3 are poor alone (diagonal) but strong together: only a joint search sees it.
        float[] m = {
            2f, 0f, 0f, 0f,
            0f, -1f, 0f, 4f,
            0f, 0f, 1.5f, 0f,
            0f, 4f, 0f, -1f,
        };
        BatchScorer scorer = SigmoidScorer.ofScoreMatrix(Scores.LEARNABILITY, PairMatrix.of("M", m));
        Selection best = new BruteForceSelector().select(scorer, 2, 0);
        assertArrayEquals(new int[] {1, 3}, best.indices());
        assertEquals(6.0, best.score(), 1e-9);
        // Independent (row+column shares) also sees it here; by the diagonal alone it would pick {0, 2}.
        Selection greedyDiag = new JointSelector(new JointSelector.Options(1, FirstChunkRule.GREEDY, true))
                .select(scorer, 2, 0);
        assertEquals(3.5, greedyDiag.score(), 1e-9);
    }

    @Test
    void agreesWithTheBestSubsetScoreOnTheSoftmaxLoss() {
        PairMatrix[] logits = PairLogitsFixture.structured(10, 3);
        BatchScorer scorer = SoftmaxScorer.of(Scores.LEARNABILITY, logits[0], logits[1]);
        Selection best = new BruteForceSelector().select(scorer, 3, 0);
        Selection joint = new JointSelector(JointSelector.Options.greedy(3)).select(scorer, 3, 0);
        assertTrue(joint.score() <= best.score() + 1e-9);
        assertEquals(scorer.batchScore(best.indices()), best.score(), 1e-12);
    }

    @Test
    void refusesLargeSuperBatches() {
        PairMatrix[] logits = PairLogitsFixture.random(21, 1);
        BatchScorer scorer = PairLogitsFixture.sigmoidLearnability(logits);
        CurationException e = assertThrows(CurationException.class, () -> new BruteForceSelector().select(scorer, 4, 0));
        assertTrue(e.getMessage().contains("B = 21"), e.getMessage());
    }
}
