package org.curationlab.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The EL2N error-norm score: its closed forms under both losses, and what sets it apart from hard learner. */
class ErrorNormScoreTest {
    private static final Score EL2N = Scores.parse("el2n");

    private static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-30, -4, -1, -0.1, 0, 0.5, 2, 9, 30})
    void underTheSigmoidLossItIsThePairsErrorNorm(double z) {
        // Matched pair (y = 1, loss softplus(−z)) and in-batch negative (y = 0, loss softplus(z)).
        assertEquals(Math.abs(sigmoid(z) - 1), EL2N.of(SigmoidPairLoss.softplus(-z), 0.0), 1e-12, "matched, z = " + z);
        assertEquals(Math.abs(sigmoid(z) - 0), EL2N.of(SigmoidPairLoss.softplus(z), 0.0), 1e-12, "negative, z = " + z);
    }

    @Test
    void underTheSoftmaxLossItIsOneMinusTheGeometricMeanOfTheMatchedProbabilities() {
        float[] l = {2f, 0.5f, -1f, 0f, 1f, 3f, 0.25f, -2f, 1.5f};
        double[] scores = SoftmaxScorer.of(EL2N, PairMatrix.of("learner logits", l), null).exampleScores();
        for (int i = 0; i < 3; i++) {
            double row = 0;
            double col = 0;
            for (int j = 0; j < 3; j++) {
                row += Math.exp(l[i * 3 + j]);
                col += Math.exp(l[j * 3 + i]);
            }
            double pRow = Math.exp(l[i * 3 + i]) / row;
            double pCol = Math.exp(l[i * 3 + i]) / col;
            // exampleScores takes its log-sum-exps in float (Nd4jKernels).
            assertEquals(1 - Math.sqrt(pRow * pCol), scores[i], 1e-6, "example " + i);
        }
    }

    @Test
    void readsOnlyTheLearnerAndIsBounded() {
        assertTrue(EL2N.usesLearner());
        assertFalse(EL2N.usesReference());
        assertFalse(EL2N.linear());
        assertEquals(0.0, EL2N.of(0.0, 0.0));
        assertEquals(1.0, EL2N.of(1e6, 0.0));
        assertTrue(EL2N.of(50.0, 0.0) <= 1.0);
    }

    /**
     * A noisy pair the learner cannot fit (matched logit −20: loss 20) against an example that is
     * only partly wrong but has six hard in-batch negatives. Hard learner's loss sum ranks the noisy
     * pair first; the error norm caps it at 1 and ranks the example with many partial errors first.
     */
    @Test
    void noiseCannotDominateTheBatchScore() {
        int n = 8;
        float[] l = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                l[i * n + j] = i == j ? 30f : -30f;
            }
        }
        l[0] = -20f;
        l[n + 1] = -1f;
        for (int j = 2; j < n; j++) {
            l[n + j] = 1f;
        }
        PairMatrix logits = PairMatrix.of("learner logits", l);
        IndependentSelector topOne = new IndependentSelector(IndependentSelector.Options.topB());
        for (boolean fused : new boolean[] {false, true}) {
            BatchScorer hard = fused ? SigmoidScorer.of(Scores.HARD_LEARNER, org.nd4j.linalg.factory.Nd4j.create(l, new long[] {n, n}, 'c'), null)
                    : SigmoidScorer.of(Scores.HARD_LEARNER, logits, null);
            BatchScorer el2n = fused ? SigmoidScorer.of(EL2N, org.nd4j.linalg.factory.Nd4j.create(l, new long[] {n, n}, 'c'), null)
                    : SigmoidScorer.of(EL2N, logits, null);
            assertArrayEquals(new int[] {0}, topOne.select(hard, 1, 0).indices(), Arrays.toString(hard.exampleScores()));
            assertArrayEquals(new int[] {1}, topOne.select(el2n, 1, 0).indices(), Arrays.toString(el2n.exampleScores()));
            double[] s = el2n.exampleScores();
            double partial = sigmoid(1);
            assertEquals(1.0, s[0], 1e-6);
            assertEquals(partial + 0.5 * 6 * partial, s[1], 1e-6);
        }
    }
}
