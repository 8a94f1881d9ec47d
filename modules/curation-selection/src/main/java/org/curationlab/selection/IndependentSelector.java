package org.curationlab.selection;

import java.util.Properties;
import java.util.SplittableRandom;

import org.curationlab.data.CurationException;

/**
 * Independent prioritisation, the baseline JEST is compared against (paper §3.1, Fig. 2): each
 * example is ranked by its own score computed in the full super-batch
 * ({@link BatchScorer#exampleScores()}: for the sigmoid loss M_ii plus half its row and half its
 * column of M; for the softmax loss its CLIP loss term over the whole super-batch), ignoring which
 * other examples end up beside it. Top-b, or b drawn without replacement from softmax(score).
 */
public final class IndependentSelector implements BatchSelector {
    /** @param greedy take the top-b instead of sampling from softmax of the per-example scores */
    public record Options(boolean greedy) {
        static final String KEY_GREEDY = "selection.independent.greedy";

        public static Options sampling() {
            return new Options(false);
        }

        public static Options topB() {
            return new Options(true);
        }

        /** For provenance: the option under a {@code selection.independent.*} key. */
        public Properties toProperties() {
            Properties p = new Properties();
            p.setProperty(KEY_GREEDY, Boolean.toString(greedy));
            return p;
        }

        /** Reads {@link #toProperties()}'s key; missing means sampling. */
        public static Options of(Properties p) {
            if (p == null) {
                throw new CurationException("independent selector properties are missing");
            }
            return new Options(PropertyValues.booleanValue(p, KEY_GREEDY, false));
        }
    }

    private final Options options;

    public IndependentSelector(Options options) {
        if (options == null) {
            throw new CurationException("independent selector options are missing");
        }
        this.options = options;
    }

    public Options options() {
        return options;
    }

    @Override
    public Selection select(BatchScorer scorer, int b, long seed) {
        Checks.subBatchSize(b, scorer);
        if (!scorer.score().usesModels()) {
            return new UniformSelector().select(scorer, b, seed);
        }
        double[] scores = scorer.exampleScores();
        int[] chosen = options.greedy()
                ? GumbelTopK.top(scores, null, b)
                : GumbelTopK.sample(scores, null, b, new SplittableRandom(seed));
        double score = scorer.batchScore(chosen);
        return new Selection(chosen, score, new double[] {score});
    }
}
