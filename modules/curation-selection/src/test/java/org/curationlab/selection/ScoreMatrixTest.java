package org.curationlab.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.curationlab.data.CurationException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScoreMatrixTest {
    private static final double TOL = 1e-5;

    @ParameterizedTest
    @MethodSource("scores")
    void scoreMatrixFollowsTheMethod(Score method) {
        PairMatrix[] logits = PairLogitsFixture.random(7, 11);
        PairMatrix learner = SigmoidPairLoss.lossMatrix(logits[0]);
        PairMatrix reference = SigmoidPairLoss.lossMatrix(logits[1]);
        PairMatrix m = ScoreMatrix.sigmoid(method, logits[0], logits[1]);
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 7; j++) {
                double expected = method.of(method.usesLearner() ? learner.get(i, j) : 0.0,
                        method.usesReference() ? reference.get(i, j) : 0.0);
                assertEquals(expected, m.get(i, j), TOL, method + " at " + i + "," + j);
            }
        }
    }

    static java.util.stream.Stream<Score> scores() {
        return Scores.all().stream();
    }

    /** The four scores of the paper, stated once more here as the paper writes them. */
    @Test
    void thePapersFormulas() {
        assertEquals(0.0, Scores.UNIFORM.of(2.5, 0.5));
        assertEquals(2.5, Scores.HARD_LEARNER.of(2.5, 0.5));
        assertEquals(-0.5, Scores.EASY_REFERENCE.of(2.5, 0.5));
        assertEquals(2.0, Scores.LEARNABILITY.of(2.5, 0.5));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void batchScoreIsTheSumOverSTimesS(long seed) {
        PairMatrix[] logits = PairLogitsFixture.structured(12, seed);
        PairMatrix m = ScoreMatrix.sigmoid(Scores.LEARNABILITY, logits[0], logits[1]);
        BatchScorer scorer = SigmoidScorer.ofScoreMatrix(Scores.LEARNABILITY, m);
        int[] subset = {3, 0, 11, 7, 5};
        double expected = 0.0;
        for (int i : subset) {
            for (int j : subset) {
                expected += m.get(i, j);
            }
        }
        assertEquals(expected, BatchScore.of(m, subset), 1e-9 * Math.max(1, Math.abs(expected)));
        assertEquals(expected, scorer.batchScore(subset), TOL);
        assertEquals(expected, SigmoidScorer.of(Scores.LEARNABILITY, logits[0], logits[1]).batchScore(subset), TOL);
    }

    @Test
    void exampleScoresShareOutTheFullBatchScore() {
        PairMatrix[] logits = PairLogitsFixture.random(9, 5);
        BatchScorer scorer = PairLogitsFixture.sigmoidLearnability(logits);
        PairMatrix m = ScoreMatrix.sigmoid(Scores.LEARNABILITY, logits[0], logits[1]);
        double[] own = scorer.exampleScores();
        int[] all = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        assertEquals(BatchScore.of(m, all), java.util.Arrays.stream(own).sum(), TOL);
        double row = 0.0;
        double col = 0.0;
        for (int j = 0; j < 9; j++) {
            row += m.get(4, j);
            col += m.get(j, 4);
        }
        assertEquals(0.5 * (row + col), own[4], TOL);
    }

    @Test
    void scoresFromFloatArrayAndFromNd4jAgree() {
        Random rng = new Random(3);
        float[] v = new float[25];
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) rng.nextGaussian();
        }
        // An 'f'-ordered INDArray exercises the copy to row-major.
        var arr = org.nd4j.linalg.factory.Nd4j.create(v, new long[] {5, 5}, 'c').dup('f');
        PairMatrix a = PairMatrix.of("logits", v);
        PairMatrix b = PairMatrix.of("logits", arr);
        float[] copy = new float[25];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                copy[i * 5 + j] = b.get(i, j);
            }
        }
        assertArrayEquals(v, copy, 0f);
        assertEquals(5, a.size());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 16, 37})
    void aScoreMatrixBecomesPExactlyWithItsDiagonalKeptApart(int n) {
        Random rng = new Random(n);
        float[] m = new float[n * n];
        for (int k = 0; k < m.length; k++) {
            m[k] = (float) rng.nextGaussian();
        }
        SigmoidScorer scorer = SigmoidScorer.ofScoreMatrix(Scores.LEARNABILITY, PairMatrix.of("M", m.clone()));
        for (int i = 0; i < n; i++) {
            assertEquals(m[i * n + i], scorer.diagonal(i), 0.0);
            for (int j = 0; j < n; j++) {
                assertEquals(i == j ? 0f : m[i * n + j] + m[j * n + i], scorer.pairSum(i, j), 0f, i + "," + j);
            }
        }
    }

    @Test
    void aPairSumThatOverflowsAFloatIsRefusedNamingTheMatrix() {
        float big = Float.MAX_VALUE * 0.75f;
        PairMatrix m = PairMatrix.of("score matrix", new float[] {0, big, big, 0});
        CurationException e = assertThrows(CurationException.class, () -> SigmoidScorer.ofScoreMatrix(Scores.LEARNABILITY, m));
        assertTrue(e.getMessage().startsWith("score matrix: a pair sum M_ij + M_ji of the learnability scores overflows"), e.getMessage());
    }
}
