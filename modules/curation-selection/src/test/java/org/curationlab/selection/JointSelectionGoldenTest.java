package org.curationlab.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The joint selector on the training path (INDArray logits, read in place) picks exactly what the
 * scorer built from heap copies of the logits picks: the same ids in the same order and the same chunk
 * scores to the bit, for seeded random super-batches under both losses and several B / b / chunk
 * combinations. Each case compares against that scorer live, and against a digest of its picks. The
 * sigmoid digests were re-recorded when the scorer's pair losses moved from a table softplus to the
 * SIMD row kernel ({@link FastSoftplus}): the losses differ within 1e-6, which moves some picks.
 */
class JointSelectionGoldenTest {
    /** The paper's sampler, greedy, a uniform first chunk, the sampler with 3 refinement passes (sigmoid only). */
    private static final int OPTION_KINDS = 4;

    static Stream<Arguments> cases() {
        // loss, B, b, chunks, seed, expected digest
        return Stream.of(
                Arguments.of("sigmoid", 200, 40, 16, 3L, 5401352056908751174L),
                Arguments.of("sigmoid", 96, 37, 7, 4L, -5784772845569950311L),
                Arguments.of("sigmoid", 64, 16, 16, 5L, 5957535921287119925L),
                Arguments.of("sigmoid", 50, 50, 5, 6L, -9215603794703946172L),
                Arguments.of("sigmoid", 33, 32, 1, 7L, 4499744811165296150L),
                Arguments.of("softmax", 200, 40, 16, 3L, 7197542820406005378L),
                Arguments.of("softmax", 96, 37, 7, 4L, -5941940576167220748L),
                Arguments.of("softmax", 64, 16, 16, 5L, 7701318428021889372L));
    }

    /** The bench's size, B = 1 280 and b = 256 in 16 chunks: about 20 s, so with the slow tests. */
    static Stream<Arguments> trainingSizeCases() {
        return Stream.of(
                Arguments.of("sigmoid", 1280, 256, 16, 1L, -3493003579917822855L),
                Arguments.of("sigmoid", 1280, 256, 16, 2L, 2206243299643733504L),
                Arguments.of("softmax", 1280, 256, 16, 1L, -6755264892927505190L));
    }

    /** Logits like a real super-batch's: t·cos + bias with a stronger diagonal, and a few far tails. */
    private static INDArray logits(int n, Random rng, double t, double bias) {
        float[] v = new float[n * n];
        for (int k = 0; k < v.length; k++) {
            double x = t * 0.3 * rng.nextGaussian() + bias + (k % (n + 1) == 0 ? t * 0.6 : 0.0);
            if (k % 97 == 0) {
                x *= 4; // past the row kernel's clamp at |x| = 24
            }
            v[k] = (float) x;
        }
        return Nd4j.create(v, new long[] {n, n}, 'c');
    }

    private static BatchScorer scorer(String loss, Score score, INDArray l, INDArray r) {
        return loss.equals("sigmoid") ? SigmoidScorer.of(score, l, r) : SoftmaxScorer.of(score, l, r);
    }

    private static JointSelector.Options options(int k, int chunks) {
        return switch (k) {
            case 0 -> new JointSelector.Options(chunks, FirstChunkRule.DIAGONAL_SOFTMAX, false);
            case 1 -> JointSelector.Options.greedy(chunks);
            case 2 -> new JointSelector.Options(chunks, FirstChunkRule.UNIFORM, false);
            default -> new JointSelector.Options(chunks, FirstChunkRule.DIAGONAL_SOFTMAX, false).withRefinement(3);
        };
    }

    private static long mix(long h, long x) {
        h ^= x;
        h *= 0x100000001b3L;
        return h ^ (h >>> 29);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void sameIdsAndScoresAsBefore(String loss, int n, int b, int chunks, long seed, long expected) {
        check(loss, n, b, chunks, seed, expected);
    }

    @Tag("integration")
    @ParameterizedTest
    @MethodSource("trainingSizeCases")
    void sameIdsAndScoresAsBeforeAtTheTrainingSize(String loss, int n, int b, int chunks, long seed, long expected) {
        check(loss, n, b, chunks, seed, expected);
    }

    private static void check(String loss, int n, int b, int chunks, long seed, long expected) {
        Random rng = new Random(seed);
        INDArray l = logits(n, rng, 10, -8);
        INDArray r = logits(n, rng, 12, -10);
        long digest = 0xcbf29ce484222325L;
        for (Score score : PairLogitsFixture.modelScores().toList()) {
            BatchScorer fast = scorer(loss, score, l, r);
            BatchScorer eager = loss.equals("sigmoid") ? SigmoidScorer.eager(score, l, r) : fast;
            if (loss.equals("sigmoid")) {
                assertTrue(LogitSource.of(l, n).inPlace(), "the training path reads the logits in place");
            }
            for (int k = 0; k < OPTION_KINDS; k++) {
                if (k == 3 && !loss.equals("sigmoid")) {
                    continue;
                }
                JointSelector selector = new JointSelector(options(k, chunks));
                for (long s = 0; s < 2; s++) {
                    Selection a = selector.select(fast, b, seed * 31 + s);
                    Selection e = selector.select(eager, b, seed * 31 + s);
                    String what = loss + " " + score.name() + " options " + k + " seed " + s;
                    assertArrayEquals(e.indices(), a.indices(), what);
                    assertArrayEquals(e.chunkScores(), a.chunkScores(), 0.0, what);
                    for (int i : a.indices()) {
                        digest = mix(digest, i);
                    }
                    for (double c : a.chunkScores()) {
                        digest = mix(digest, Double.doubleToLongBits(c));
                    }
                }
            }
        }
        assertEquals(expected, digest, "digest of the picks recorded with the SIMD row scorer");
    }
}
