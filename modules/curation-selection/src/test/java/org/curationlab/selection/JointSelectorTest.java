package org.curationlab.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;

import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JointSelectorTest {
    @ParameterizedTest
    @CsvSource({"256,16,16", "100,16,7", "17,16,2", "5,5,1", "1,1,1"})
    void chunkSizesSpreadTheRemainder(int b, int chunks, int largest) {
        int[] sizes = JointSelector.chunkSizes(b, chunks);
        assertEquals(chunks, sizes.length);
        assertEquals(b, Arrays.stream(sizes).sum());
        assertEquals(largest, sizes[0]);
        assertTrue(sizes[0] - sizes[chunks - 1] <= 1);
    }

    static Stream<Arguments> selectors() {
        return Stream.of(
                Arguments.of(new JointSelector(), "sigmoid"),
                Arguments.of(new JointSelector(JointSelector.Options.greedy(16)), "sigmoid"),
                Arguments.of(new JointSelector(new JointSelector.Options(7, FirstChunkRule.UNIFORM, false)), "sigmoid"),
                Arguments.of(new JointSelector(JointSelector.Options.greedy(16).withRefinement(3)), "sigmoid"),
                Arguments.of(new JointSelector(JointSelector.Options.paper().withRefinement(10)), "sigmoid"),
                Arguments.of(new JointSelector(new JointSelector.Options(16, FirstChunkRule.GREEDY, false)), "softmax"),
                Arguments.of(new JointSelector(), "softmax"),
                Arguments.of(new IndependentSelector(IndependentSelector.Options.sampling()), "sigmoid"),
                Arguments.of(new IndependentSelector(IndependentSelector.Options.topB()), "softmax"),
                Arguments.of(new UniformSelector(), "sigmoid"));
    }

    private static BatchScorer scorer(String loss, int n, long seed) {
        PairMatrix[] logits = PairLogitsFixture.structured(n, seed);
        return loss.equals("sigmoid")
                ? SigmoidScorer.of(Scores.LEARNABILITY, logits[0], logits[1])
                : SoftmaxScorer.of(Scores.LEARNABILITY, logits[0], logits[1]);
    }

    @ParameterizedTest
    @MethodSource("selectors")
    void choosesExactlyBDistinctIndicesWithTheirScore(BatchSelector selector, String loss) {
        BatchScorer scorer = scorer(loss, 96, 4);
        for (int b : new int[] {16, 37, 48}) {
            Selection s = selector.select(scorer, b, 9);
            int[] idx = s.indices();
            assertEquals(b, idx.length);
            assertEquals(b, Arrays.stream(idx).distinct().count(), "distinct");
            assertTrue(Arrays.stream(idx).allMatch(i -> i >= 0 && i < 96));
            double direct = scorer.batchScore(idx);
            assertEquals(direct, s.score(), 1e-6 * Math.max(1, Math.abs(direct)));
            double[] chunks = s.chunkScores();
            assertEquals(s.score(), chunks[chunks.length - 1], 1e-12);
        }
    }

    @ParameterizedTest
    @MethodSource("selectors")
    void deterministicGivenTheSeed(BatchSelector selector, String loss) {
        BatchScorer scorer = scorer(loss, 128, 5);
        assertArrayEquals(selector.select(scorer, 32, 77).indices(), selector.select(scorer, 32, 77).indices());
    }

    @Test
    void samplingDiffersAcrossSeeds() {
        // Softmax variant: its first chunk has no signal, so seeds must matter.
        BatchScorer sigmoid = scorer("sigmoid", 128, 6);
        BatchScorer softmax = scorer("softmax", 128, 6);
        JointSelector joint = new JointSelector();
        for (BatchScorer sc : new BatchScorer[] {sigmoid, softmax}) {
            int[] a = sorted(joint.select(sc, 32, 1).indices());
            int[] b = sorted(joint.select(sc, 32, 2).indices());
            assertFalse(Arrays.equals(a, b), "seeds 1 and 2 chose the same set");
        }
    }

    @Test
    void greedyIgnoresTheSeed() {
        BatchScorer sc = scorer("sigmoid", 64, 7);
        JointSelector greedy = new JointSelector(JointSelector.Options.greedy(8));
        assertArrayEquals(greedy.select(sc, 16, 1).indices(), greedy.select(sc, 16, 2).indices());
    }

    @Test
    void chunkScoresGrowLikeThePaperCurve() {
        // With learnability the selected batch's score should rise as chunks are added.
        Selection s = new JointSelector(JointSelector.Options.greedy(16)).select(scorer("sigmoid", 256, 8), 64, 0);
        double[] c = s.chunkScores();
        assertEquals(16, c.length);
        assertTrue(c[15] > c[0], Arrays.toString(c));
    }

    @Test
    void uniformMethodPicksARandomSubset() {
        PairMatrix[] logits = PairLogitsFixture.random(50, 1);
        BatchScorer uniform = SigmoidScorer.of(Scores.UNIFORM, logits[0], null);
        assertEquals(Scores.UNIFORM, uniform.score());
        Selection a = new JointSelector().select(uniform, 20, 1);
        Selection b = new JointSelector().select(uniform, 20, 2);
        assertEquals(0.0, a.score(), 0.0);
        assertFalse(Arrays.equals(sorted(a.indices()), sorted(b.indices())));
        assertArrayEquals(a.indices(), new UniformSelector().select(uniform, 20, 1).indices());
    }

    @ParameterizedTest
    @CsvSource({"0,16,sub-batch size b = 0", "65,16,sub-batch size b = 65", "8,16,chunks = 16",
        "64,0,chunks = 0", "64,-3,chunks = -3"})
    void badArgumentsNameTheArgument(int b, int chunks, String expected) {
        BatchScorer sc = scorer("sigmoid", 64, 1);
        CurationException e = assertThrows(CurationException.class,
                () -> new JointSelector(new JointSelector.Options(chunks, FirstChunkRule.DIAGONAL_SOFTMAX, false))
                        .select(sc, b, 0));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"1,8", "16,16", "16,2", "7,1"})
    void refinementNeverLowersTheScoreAndEndsOneSwapOptimal(int chunks, int seed) {
        BatchScorer sc = scorer("sigmoid", 60, seed);
        int b = 16;
        JointSelector.Options base = new JointSelector.Options(chunks, FirstChunkRule.DIAGONAL_SOFTMAX, false);
        Selection plain = new JointSelector(base).select(sc, b, seed);
        Selection refined = new JointSelector(base.withRefinement(100)).select(sc, b, seed);
        assertTrue(refined.score() >= plain.score() - 1e-9, refined.score() + " < " + plain.score());
        double[] curve = refined.chunkScores();
        assertEquals(chunks + 1, curve.length, "one more entry: the score after refinement");
        assertEquals(plain.score(), curve[chunks - 1], 1e-9 * Math.abs(plain.score()));
        // Checked from scratch: no single swap of a member for an outsider raises the batch score.
        int[] set = refined.indices();
        assertEquals(refined.score(), sc.batchScore(set), 1e-6 * Math.abs(refined.score()));
        boolean[] in = new boolean[60];
        for (int i : set) {
            in[i] = true;
        }
        for (int slot = 0; slot < b; slot++) {
            for (int k = 0; k < 60; k++) {
                if (!in[k]) {
                    int[] swapped = set.clone();
                    swapped[slot] = k;
                    double s = sc.batchScore(swapped);
                    assertTrue(s <= refined.score() + 1e-6 * Math.abs(refined.score()),
                            "swapping slot " + slot + " for " + k + " gives " + s + " > " + refined.score());
                }
            }
        }
    }

    @Test
    void refinementIsRejectedUnderTheSoftmaxLoss() {
        BatchScorer softmax = scorer("softmax", 64, 1);
        CurationException e = assertThrows(CurationException.class,
                () -> new JointSelector(JointSelector.Options.paper().withRefinement(5)).select(softmax, 16, 0));
        assertTrue(e.getMessage().contains("refinePasses = 5") && e.getMessage().contains("sigmoid"),
                e.getMessage());
        // Without refinement the softmax scorer is still served.
        assertEquals(16, new JointSelector().select(softmax, 16, 0).size());
    }

    @Test
    void negativeRefinePassesAreRejected() {
        CurationException e = assertThrows(CurationException.class,
                () -> JointSelector.Options.paper().withRefinement(-1));
        assertTrue(e.getMessage().contains("refinePasses = -1"), e.getMessage());
    }

    @Test
    void paperDefaultsHaveNoRefinement() {
        assertEquals(0, JointSelector.Options.paper().refinePasses());
        assertEquals(0, JointSelector.Options.greedy(4).refinePasses());
        assertEquals(0, new JointSelector().options().refinePasses());
    }

    static Stream<JointSelector.Options> jointOptions() {
        return Stream.of(JointSelector.Options.paper(), JointSelector.Options.greedy(7),
                new JointSelector.Options(3, FirstChunkRule.UNIFORM, false, 4));
    }

    @ParameterizedTest
    @MethodSource("jointOptions")
    void jointOptionsRoundTripThroughProperties(JointSelector.Options options) {
        java.util.Properties p = options.toProperties();
        assertEquals(Integer.toString(options.chunks()), p.getProperty("selection.joint.chunks"));
        assertEquals(Integer.toString(options.refinePasses()), p.getProperty("selection.joint.refine-passes"));
        assertEquals(options, JointSelector.Options.of(p));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void independentOptionsRoundTripThroughProperties(boolean greedy) {
        IndependentSelector.Options options = new IndependentSelector.Options(greedy);
        java.util.Properties p = options.toProperties();
        assertEquals(Boolean.toString(greedy), p.getProperty("selection.independent.greedy"));
        assertEquals(options, IndependentSelector.Options.of(p));
    }

    @Test
    void optionsFromPropertiesDefaultToThePaperAndNameBadValues() {
        assertEquals(JointSelector.Options.paper(), JointSelector.Options.of(new java.util.Properties()));
        java.util.Properties p = new java.util.Properties();
        p.setProperty("selection.joint.first-chunk", "uniform");
        assertEquals(FirstChunkRule.UNIFORM, JointSelector.Options.of(p).firstChunk());
        p.setProperty("selection.joint.refine-passes", "many");
        CurationException e = assertThrows(CurationException.class, () -> JointSelector.Options.of(p));
        assertTrue(e.getMessage().contains("selection.joint.refine-passes = 'many'"), e.getMessage());
        java.util.Properties q = new java.util.Properties();
        q.setProperty("selection.independent.greedy", "yes");
        e = assertThrows(CurationException.class, () -> IndependentSelector.Options.of(q));
        assertTrue(e.getMessage().contains("expected true or false"), e.getMessage());
    }

    private static int[] sorted(int[] a) {
        int[] c = a.clone();
        Arrays.sort(c);
        return c;
    }
}
