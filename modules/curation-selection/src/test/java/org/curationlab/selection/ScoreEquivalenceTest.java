package org.curationlab.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scores as types (issue 17, item 2) against the path they replaced (a copy of the old enum and
 * scorers, {@code Legacy*}): every number a selector reads, and the selections themselves, must
 * be the same bit for bit, for both losses and both input paths.
 */
class ScoreEquivalenceTest {
    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String method : new String[] {"hard-learner", "easy-reference", "learnability"}) {
            for (String inputs : new String[] {"structured", "wide"}) {
                for (int n : new int[] {37, 150}) {
                    b.add(Arguments.of(method, inputs, n));
                }
            }
        }
        return b.build();
    }

    /** Logits of a realistic super-batch, or wide ones up to ±300 where the pair losses are exactly 0 or huge. */
    private static float[][] logits(String kind, int n) {
        if (kind.equals("structured")) {
            PairMatrix[] m = PairLogitsFixture.structured(n, n);
            return new float[][] {m[0].values().clone(), m[1].values().clone()};
        }
        Random rng = new Random(n);
        float[][] out = new float[2][n * n];
        for (float[] v : out) {
            for (int k = 0; k < v.length; k++) {
                v[k] = (float) ((k % 7 == 0 ? 100.0 : 4.0) * rng.nextGaussian());
            }
            v[3] = 300f;
            v[4] = -300f;
            v[n + 1] = 400f;
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void sigmoidScoresAreBitForBitTheOldOnes(String method, String inputs, int n) {
        float[][] v = logits(inputs, n);
        Score score = Scores.parse(method);
        LegacyScoreMethod old = LegacyScoreMethod.parse(method);
        // The training path (INDArray, fused kernel) and the plain path (PairMatrix, score matrix M).
        INDArray l = Nd4j.create(v[0], new long[] {n, n}, 'c');
        INDArray r = Nd4j.create(v[1], new long[] {n, n}, 'c');
        SigmoidScorer fast = (SigmoidScorer) SigmoidScorer.of(score, score.usesLearner() ? l : null,
                score.usesReference() ? r : null);
        LegacySigmoidScorer oldFast = (LegacySigmoidScorer) LegacySigmoidScorer.of(old, old.needsLearner() ? l : null,
                old.needsReference() ? r : null);
        PairMatrix pl = PairMatrix.of("learner logits", v[0]);
        PairMatrix pr = PairMatrix.of("reference logits", v[1]);
        SigmoidScorer plain = (SigmoidScorer) SigmoidScorer.of(score, pl, pr);
        LegacySigmoidScorer oldPlain = (LegacySigmoidScorer) LegacySigmoidScorer.of(old, pl, pr);
        assertArrayEquals(bits(LegacyScoreMatrix.sigmoid(old, pl, pr)), bits(ScoreMatrix.sigmoid(score, pl, pr)), "M");
        for (SigmoidScorer now : new SigmoidScorer[] {fast, plain}) {
            LegacySigmoidScorer then = now == fast ? oldFast : oldPlain;
            for (int i = 0; i < n; i++) {
                assertEquals(Double.doubleToRawLongBits(then.diagonal(i)), Double.doubleToRawLongBits(now.diagonal(i)), "diag " + i);
                for (int j = 0; j < n; j++) {
                    assertEquals(Float.floatToRawIntBits(then.pairSum(i, j)), Float.floatToRawIntBits(now.pairSum(i, j)),
                            i + "," + j);
                }
            }
            sameEverywhere(then, now);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void softmaxScoresAreBitForBitTheOldOnes(String method, String inputs, int n) {
        float[][] v = logits(inputs, n);
        Score score = Scores.parse(method);
        LegacyScoreMethod old = LegacyScoreMethod.parse(method);
        INDArray l = Nd4j.create(v[0], new long[] {n, n}, 'c');
        INDArray r = Nd4j.create(v[1], new long[] {n, n}, 'c');
        sameEverywhere(LegacySoftmaxScorer.of(old, old.needsLearner() ? l : null, old.needsReference() ? r : null),
                SoftmaxScorer.of(score, score.usesLearner() ? l : null, score.usesReference() ? r : null));
        PairMatrix pl = PairMatrix.of("learner logits", v[0]);
        PairMatrix pr = PairMatrix.of("reference logits", v[1]);
        sameEverywhere(LegacySoftmaxScorer.of(old, pl, pr), SoftmaxScorer.of(score, pl, pr));
    }

    /** Example scores, batch scores, every conditional score as the set grows, and what each selector picks. */
    private static void sameEverywhere(LegacyScorer then, BatchScorer now) {
        int n = now.size();
        assertEquals(then.size(), n);
        assertArrayEquals(then.exampleScores(), now.exampleScores(), "example scores");
        ConditionalScores a = then.start();
        ConditionalScores b = now.start();
        for (int step = 0; step < Math.min(n, 24); step++) {
            for (int i = 0; i < n; i++) {
                assertEquals(Double.doubleToRawLongBits(a.score(i)), Double.doubleToRawLongBits(b.score(i)), "s_" + i + " at " + step);
            }
            assertEquals(Double.doubleToRawLongBits(a.setScore()), Double.doubleToRawLongBits(b.setScore()), "set score at " + step);
            int next = (step * 7 + 3) % n;
            a.add(next);
            b.add(next);
        }
        int[] subset = {0, n / 3, n / 2, n - 1, 5};
        assertEquals(Double.doubleToRawLongBits(then.batchScore(subset)), Double.doubleToRawLongBits(now.batchScore(subset)));
        BatchScorer adapted = adapt(then, now.score());
        int batch = n / 5;
        BatchSelector[] selectors = {
            new JointSelector(new JointSelector.Options(JointSelector.Options.defaultChunks(batch), FirstChunkRule.DIAGONAL_SOFTMAX, false)),
            new JointSelector(JointSelector.Options.greedy(4)),
            new JointSelector(new JointSelector.Options(4, FirstChunkRule.UNIFORM, false)),
            new IndependentSelector(IndependentSelector.Options.sampling()),
            new IndependentSelector(IndependentSelector.Options.topB()),
        };
        for (BatchSelector s : selectors) {
            for (long seed = 0; seed < 3; seed++) {
                Selection x = s.select(adapted, batch, seed);
                Selection y = s.select(now, batch, seed);
                assertArrayEquals(x.indices(), y.indices(), s + " seed " + seed);
                assertEquals(Double.doubleToRawLongBits(x.score()), Double.doubleToRawLongBits(y.score()));
            }
        }
    }

    private static float[] bits(PairMatrix m) {
        return m.values();
    }

    private static BatchScorer adapt(LegacyScorer legacy, Score score) {
        return new BatchScorer() {
            @Override
            public Score score() {
                return score;
            }

            @Override
            public int size() {
                return legacy.size();
            }

            @Override
            public double batchScore(int[] subset) {
                return legacy.batchScore(subset);
            }

            @Override
            public double[] exampleScores() {
                return legacy.exampleScores();
            }

            @Override
            public ConditionalScores start() {
                return legacy.start();
            }
        };
    }
}
