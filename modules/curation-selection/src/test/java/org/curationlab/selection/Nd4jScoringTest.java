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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The ND4J fast paths (INDArray inputs) against the plain-Java float[] reference. */
class Nd4jScoringTest {
    /** Logits spanning the softplus regimes, up to ±300 where a naive log(1 + e^x) overflows float. */
    private static float[] wideLogits(int n, long seed) {
        Random rng = new Random(seed);
        float[] v = new float[n * n];
        for (int k = 0; k < v.length; k++) {
            double scale = k % 7 == 0 ? 100.0 : 4.0;
            v[k] = (float) (scale * rng.nextGaussian());
        }
        v[3] = 300f;
        v[4] = -300f;
        return v;
    }

    private static INDArray nd(float[] v, int n) {
        return Nd4j.create(v, new long[] {n, n}, 'c');
    }

    @ParameterizedTest
    @MethodSource("org.curationlab.selection.PairLogitsFixture#modelScores")
    void fusedSigmoidScorerMatchesThePlainScoreMatrix(Score method) {
        int n = 37;
        float[] l = wideLogits(n, 1);
        float[] r = wideLogits(n, 2);
        PairMatrix m = ScoreMatrix.sigmoid(method, PairMatrix.of("l", l), PairMatrix.of("r", r));
        // An 'f'-ordered double learner and a 'c' float reference: both conversions are exercised.
        SigmoidScorer fast = (SigmoidScorer) SigmoidScorer.of(method, nd(l, n).castTo(DataType.DOUBLE).dup('f'), nd(r, n));
        for (int i = 0; i < n; i++) {
            assertEquals(m.get(i, i), fast.diagonal(i), 1e-5 + 1e-6 * Math.abs(m.get(i, i)), method + " diagonal " + i);
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    double e = m.get(i, j) + m.get(j, i);
                    assertEquals(e, fast.pairSum(i, j), 1e-5 + 1e-6 * Math.abs(e), method + " at " + i + "," + j);
                }
            }
        }
    }

    @Test
    void rowSoftplusStaysWithinItsBound() {
        for (int k = -300_000; k <= 300_000; k++) {
            float x = k * 1e-4f;
            double exact = SigmoidPairLoss.softplus(x);
            assertEquals(exact, FastSoftplus.softplus(x), 1e-7 + 1.2e-7 * Math.abs(exact), "x = " + x);
        }
        // A whole row, as the scorer calls it, gives what each entry gives alone.
        float[] row = new float[1000];
        for (int k = 0; k < row.length; k++) {
            row[k] = (k - 500) * 0.07f;
        }
        float[] alone = new float[row.length];
        for (int k = 0; k < row.length; k++) {
            alone[k] = FastSoftplus.softplus(row[k]);
        }
        FastSoftplus.row(row, row.length, new float[row.length]);
        assertArrayEquals(alone, row);
        assertEquals(300f, FastSoftplus.softplus(300f));
        assertEquals(0f, FastSoftplus.softplus(-300f));
        assertTrue(Float.isNaN(FastSoftplus.softplus(Float.NaN)));
        assertTrue(Float.isNaN(FastSoftplus.softplus(Float.NEGATIVE_INFINITY)), "-inf is caught as NaN");
        assertEquals(Float.POSITIVE_INFINITY, FastSoftplus.softplus(Float.POSITIVE_INFINITY));
    }

    @Test
    void sigmoidScorersAgreeOnScoresAndSelections() {
        PairMatrix[] logits = PairLogitsFixture.structured(200, 3);
        BatchScorer plain = SigmoidScorer.of(Scores.LEARNABILITY, logits[0], logits[1]);
        BatchScorer fast = SigmoidScorer.of(Scores.LEARNABILITY, nd(logits[0].values(), 200),
                nd(logits[1].values(), 200));
        double[] a = plain.exampleScores();
        double[] b = fast.exampleScores();
        assertArrayEquals(a, b, 1e-3);
        JointSelector greedy = new JointSelector(JointSelector.Options.greedy(16).withRefinement(5));
        Selection sa = greedy.select(plain, 50, 1);
        Selection sb = greedy.select(fast, 50, 1);
        assertEquals(sa.score(), sb.score(), 1e-4 * Math.abs(sa.score()));
    }

    @Test
    void nonFiniteInd4jLogitsAreNamed() {
        float[] v = wideLogits(5, 3);
        v[7] = Float.NaN;
        CurationException e = assertThrows(CurationException.class,
                () -> SigmoidScorer.of(Scores.LEARNABILITY, nd(wideLogits(5, 4), 5), nd(v, 5)));
        assertTrue(e.getMessage().contains("reference logits[1,2] = NaN"), e.getMessage());
        e = assertThrows(CurationException.class,
                () -> SigmoidScorer.of(Scores.LEARNABILITY, Nd4j.zeros(4, 4), Nd4j.zeros(5, 5)));
        assertTrue(e.getMessage().contains("reference logits are 5×5 but learner logits are 4×4"), e.getMessage());
        e = assertThrows(CurationException.class,
                () -> SigmoidScorer.of(Scores.HARD_LEARNER, Nd4j.zeros(4, 3), null));
        assertTrue(e.getMessage().contains("learner logits has shape [4, 3]"), e.getMessage());
    }

    /**
     * An infinite logit on the diagonal has an exact matched-pair loss of 0 (softplus(−∞)), and
     * el2n maps an infinite loss to a finite score: the scorer refuses both all the same, at every
     * size (the sequential path below 128 and the threaded one above), naming the entry.
     */
    @ParameterizedTest
    @MethodSource("org.curationlab.selection.PairLogitsFixture#modelScores")
    void infiniteLogitsAreRefusedEvenWhereTheLossIsFinite(Score method) {
        for (int n : new int[] {5, 150}) {
            float[] v = wideLogits(n, 5);
            v[2 * n + 2] = Float.POSITIVE_INFINITY;
            INDArray bad = nd(v, n);
            INDArray good = nd(wideLogits(n, 6), n);
            INDArray learner = method.usesLearner() ? bad : null;
            INDArray reference = method.usesLearner() ? (method.usesReference() ? good : null) : bad;
            CurationException e = assertThrows(CurationException.class, () -> SigmoidScorer.of(method, learner, reference),
                    method + " at B = " + n);
            assertTrue(e.getMessage().contains("logits[2,2] = Infinity"), e.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("org.curationlab.selection.PairLogitsFixture#modelScores")
    void softmaxExampleScoresMatchThePlainLoops(Score method) {
        int n = 41;
        float[] l = wideLogits(n, 5);
        float[] r = wideLogits(n, 6);
        // Rows far apart in scale: a shared shift would underflow the small ones to −∞.
        for (int j = 0; j < n; j++) {
            l[j] = 1000f + j;
            l[n + j] = -1000f - j;
        }
        SoftmaxScorer plain = (SoftmaxScorer) SoftmaxScorer.of(method, PairMatrix.of("l", l), PairMatrix.of("r", r));
        double[] expected = plain.exampleScoresPlain();
        double[] fast = plain.exampleScores();
        double[] viaNd4j = SoftmaxScorer.of(method, nd(l, n).dup('f'), nd(r, n)).exampleScores();
        for (int i = 0; i < n; i++) {
            double tol = 1e-4 * Math.max(1.0, Math.abs(expected[i]));
            assertEquals(expected[i], fast[i], tol, method + " example " + i);
            assertEquals(expected[i], viaNd4j[i], tol, method + " example " + i);
        }
    }
}
