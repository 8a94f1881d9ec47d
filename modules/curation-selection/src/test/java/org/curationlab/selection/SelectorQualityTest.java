package org.curationlab.selection;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The paper's Fig. 2 claims at unit-test scale: joint selection gets close to the brute-force
 * optimum, and beats independent selection, on sigmoid learnability.
 */
class SelectorQualityTest {
    /**
     * B, b for the small cases brute force can still solve (C(20, 8) = 125,970). The greedy joint
     * selector runs with chunks = b (one example per chunk), the finest the paper's sampler allows.
     */
    private static final int[][] CASES = {{16, 4}, {16, 6}, {18, 6}, {20, 5}, {20, 8}};
    /**
     * The paper's greedy alone measures 0.901 (structured) and 0.918 (random) (see README); it
     * starts from the best diagonal entries and cannot promise 95%, so its bar is below the
     * measured mean.
     */
    private static final double MIN_MEAN_RATIO_PAPER_GREEDY = 0.85;
    /** The project's bar for "greedy joint": met with swap refinement (0.973 / 0.953 measured). */
    private static final double MIN_MEAN_RATIO_REFINED = 0.95;
    private static final long[] SEEDS = {1, 2, 3, 4, 5};

    /** Mean and minimum of selector score / brute-force optimum over CASES × SEEDS. */
    private record Ratios(double mean, double min) {
    }

    private static Ratios ratios(boolean structured, java.util.function.IntFunction<JointSelector.Options> options) {
        List<Double> ratios = new ArrayList<>();
        for (int[] c : CASES) {
            for (long seed : SEEDS) {
                PairMatrix[] logits = structured
                        ? PairLogitsFixture.structured(c[0], seed)
                        : PairLogitsFixture.random(c[0], seed);
                BatchScorer scorer = PairLogitsFixture.sigmoidLearnability(logits);
                double optimum = new BruteForceSelector().select(scorer, c[1], seed).score();
                double joint = new JointSelector(options.apply(c[1])).select(scorer, c[1], seed).score();
                assertTrue(optimum > 0.0, "a positive optimum makes the ratio meaningful");
                assertTrue(joint <= optimum + 1e-6 * Math.abs(optimum), "nothing beats brute force");
                ratios.add(joint / optimum);
            }
        }
        return new Ratios(ratios.stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
                ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
    }

    @ParameterizedTest(name = "structured = {0}")
    @ValueSource(booleans = {true, false})
    void paperGreedyJointReachesWhatItMeasures(boolean structured) {
        Ratios r = ratios(structured, JointSelector.Options::greedy);
        System.out.printf("paper greedy joint / brute force, %s: mean %.4f, min %.4f%n",
                structured ? "structured" : "random", r.mean(), r.min());
        assertTrue(r.mean() >= MIN_MEAN_RATIO_PAPER_GREEDY, "mean ratio " + r.mean());
    }

    @ParameterizedTest(name = "structured = {0}")
    @ValueSource(booleans = {true, false})
    void greedyJointWithSwapRefinementReachesNinetyFivePercent(boolean structured) {
        Ratios r = ratios(structured, b -> JointSelector.Options.greedy(b)
                .withRefinement(JointSelector.Options.DEFAULT_REFINE_PASSES));
        System.out.printf("greedy joint + swap refinement / brute force, %s: mean %.4f, min %.4f%n",
                structured ? "structured" : "random", r.mean(), r.min());
        assertTrue(r.mean() >= MIN_MEAN_RATIO_REFINED, "mean ratio " + r.mean());
    }

    @Test
    void jointBeatsIndependentOnAverageOnStructuredCases() {
        double joint = 0.0;
        double independent = 0.0;
        double jointSampled = 0.0;
        double independentSampled = 0.0;
        int n = 256;
        int b = 64;
        for (long seed = 1; seed <= 10; seed++) {
            BatchScorer scorer = PairLogitsFixture.sigmoidLearnability(PairLogitsFixture.structured(n, seed));
            joint += new JointSelector(JointSelector.Options.greedy(16)).select(scorer, b, seed).score();
            independent += new IndependentSelector(IndependentSelector.Options.topB()).select(scorer, b, seed).score();
            jointSampled += new JointSelector().select(scorer, b, seed).score();
            independentSampled += new IndependentSelector(IndependentSelector.Options.sampling())
                    .select(scorer, b, seed).score();
        }
        System.out.printf("B=%d b=%d mean score: joint greedy %.1f, independent top-b %.1f, joint sampled %.1f,"
                + " independent sampled %.1f%n", n, b, joint / 10, independent / 10, jointSampled / 10,
                independentSampled / 10);
        assertTrue(joint > independent, "greedy: joint " + joint + " vs independent " + independent);
        assertTrue(jointSampled > independentSampled,
                "sampled: joint " + jointSampled + " vs independent " + independentSampled);
    }
}
