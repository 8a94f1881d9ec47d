package org.curationlab.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The incremental state must agree with the scores recomputed from scratch at every step. */
class ConditionalScoresTest {
    private static final int N = 15;
    private static final int[] ORDER = {4, 9, 0, 14, 7, 2, 11};

    @ParameterizedTest
    @MethodSource("org.curationlab.selection.PairLogitsFixture#modelScores")
    void sigmoidIncrementalScoresEqualRecomputedOnes(Score method) {
        PairMatrix[] logits = PairLogitsFixture.structured(N, 21);
        PairMatrix m = ScoreMatrix.sigmoid(method, logits[0], logits[1]);
        BatchScorer scorer = SigmoidScorer.of(method, logits[0], logits[1]);
        ConditionalScores state = scorer.start();
        for (int step = 0; step <= ORDER.length; step++) {
            int[] s = Arrays.copyOf(ORDER, step);
            assertEquals(BatchScore.of(m, s), state.setScore(), 1e-4, "set score after " + step);
            for (int i = 0; i < N; i++) {
                if (contains(s, i)) {
                    continue;
                }
                double direct = m.get(i, i);
                for (int j : s) {
                    direct += m.get(i, j) + m.get(j, i);
                }
                assertEquals(direct, state.score(i), 1e-4, "s_" + i + " after " + step);
                // The conditional score is the exact marginal gain of adding i.
                int[] with = Arrays.copyOf(s, step + 1);
                with[step] = i;
                assertEquals(BatchScore.of(m, with) - BatchScore.of(m, s), state.score(i), 1e-4);
            }
            if (step < ORDER.length) {
                state.add(ORDER[step]);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.curationlab.selection.PairLogitsFixture#modelScores")
    void softmaxIncrementalScoresEqualRecomputedOnes(Score method) {
        PairMatrix[] logits = PairLogitsFixture.structured(N, 22);
        BatchScorer scorer = SoftmaxScorer.of(method, logits[0], logits[1]);
        ConditionalScores state = scorer.start();
        for (int step = 0; step <= ORDER.length; step++) {
            int[] s = Arrays.copyOf(ORDER, step);
            assertEquals(scorer.batchScore(s), state.setScore(), 1e-9, "set score after " + step);
            for (int i = 0; i < N; i++) {
                double expected = method.of(method.usesLearner() ? naiveRestrictedLoss(logits[0], i, s) : 0.0,
                        method.usesReference() ? naiveRestrictedLoss(logits[1], i, s) : 0.0);
                assertEquals(expected, state.score(i), 1e-9, "score of " + i + " after " + step);
            }
            if (step < ORDER.length) {
                state.add(ORDER[step]);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sigmoid", "softmax"})
    void addingByChunkGivesOutsidersAndTheSetTheSameDoublesAsAddingOneByOne(String loss) {
        int n = 40;
        PairMatrix[] logits = PairLogitsFixture.structured(n, 23);
        INDArray l = Nd4j.create(logits[0].values(), new long[] {n, n}, 'c');
        INDArray r = Nd4j.create(logits[1].values(), new long[] {n, n}, 'c');
        BatchScorer scorer = loss.equals("sigmoid") ? SigmoidScorer.of(Scores.LEARNABILITY, l, r)
                : SoftmaxScorer.of(Scores.LEARNABILITY, l, r);
        int[][] chunks = {{4, 9, 0}, {14, 7, 2, 11}, {30, 21}};
        ConditionalScores byChunk = scorer.start();
        ConditionalScores oneByOne = scorer.start();
        boolean[] in = new boolean[n];
        for (int c = 0; c < chunks.length; c++) {
            boolean last = c == chunks.length - 1;
            byChunk.addChunk(chunks[c], last);
            for (int j : chunks[c]) {
                oneByOne.add(j);
                in[j] = true;
            }
            assertEquals(oneByOne.setScore(), byChunk.setScore(), 0.0, "set score after chunk " + c);
            for (int i = 0; i < n && !last; i++) {
                if (!in[i]) {
                    assertEquals(oneByOne.score(i), byChunk.score(i), 0.0, "s_" + i + " after chunk " + c);
                }
            }
        }
        if (loss.equals("softmax")) {
            // The softmax scorer skips the outsiders' update after the last chunk, and says so when asked.
            assertThrows(IllegalStateException.class, () -> byChunk.score(1));
            assertThrows(IllegalStateException.class, () -> byChunk.add(1));
        }
    }

    @Test
    void softmaxRestrictedLossEqualsTheDirectFormula() {
        PairMatrix logits = PairMatrix.of("logits", new float[] {2f, 0.5f, -1f, 0f, 1f, 3f, 0.25f, -2f, 1.5f});
        // i = 1 restricted to {0, 2} ∪ {1}: the full 3×3 CLIP loss of example 1.
        double rowLoss = -1 + Math.log(Math.exp(0) + Math.exp(1) + Math.exp(3));
        double colLoss = -1 + Math.log(Math.exp(0.5) + Math.exp(1) + Math.exp(-2));
        assertEquals(0.5 * (rowLoss + colLoss), SoftmaxScorer.restrictedLoss(logits, 1, new int[] {0, 2}), 1e-12);
        // Restricted to itself alone the loss is 0: a one-way softmax is certain.
        assertEquals(0.0, SoftmaxScorer.restrictedLoss(logits, 1, new int[0]), 1e-15);
        // i inside the set is counted once.
        assertEquals(SoftmaxScorer.restrictedLoss(logits, 1, new int[] {0, 2}),
                SoftmaxScorer.restrictedLoss(logits, 1, new int[] {0, 1, 2}), 1e-15);
    }

    @Test
    void softmaxStaysFiniteWithHugeLogits() {
        float[] v = new float[16];
        for (int k = 0; k < v.length; k++) {
            v[k] = (k % 5 == 0 ? 900f : -900f) + k;
        }
        PairMatrix logits = PairMatrix.of("logits", v);
        BatchScorer scorer = SoftmaxScorer.of(Scores.HARD_LEARNER, logits, null);
        ConditionalScores state = scorer.start();
        state.add(2);
        state.add(0);
        for (int i = 0; i < 4; i++) {
            assertEquals(naiveStable(logits, i, new int[] {2, 0}), state.score(i), 1e-9);
        }
        assertEquals(scorer.batchScore(new int[] {2, 0}), state.setScore(), 1e-9);
    }

    /** Written out with plain Math.exp sums: fine for the moderate logits of the fixture. */
    private static double naiveRestrictedLoss(PairMatrix l, int i, int[] set) {
        double row = Math.exp(l.get(i, i));
        double col = Math.exp(l.get(i, i));
        for (int j : set) {
            if (j != i) {
                row += Math.exp(l.get(i, j));
                col += Math.exp(l.get(j, i));
            }
        }
        return 0.5 * ((Math.log(row) - l.get(i, i)) + (Math.log(col) - l.get(i, i)));
    }

    private static double naiveStable(PairMatrix l, int i, int[] set) {
        return SoftmaxScorer.restrictedLoss(l, i, set);
    }

    private static boolean contains(int[] a, int x) {
        for (int v : a) {
            if (v == x) {
                return true;
            }
        }
        return false;
    }
}
