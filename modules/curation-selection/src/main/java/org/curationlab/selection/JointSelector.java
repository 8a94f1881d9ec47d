package org.curationlab.selection;

import java.util.Properties;
import java.util.SplittableRandom;

import org.curationlab.data.CurationException;

/**
 * JEST's joint example selection (paper §2.2, Algorithm 1; docs/selection.md): choose b of B in n chunks.
 * The first chunk comes from softmax of each example's score alone; every later chunk is drawn
 * without replacement from softmax of the conditional scores s_i given the set S chosen so far,
 * which for the sigmoid loss are s_i = M_ii + Σ_{j∈S}(M_ij + M_ji). Scores are updated after each
 * chunk in O(B·chunk) (see {@link ConditionalScores}), so n chunks cost O(B·b) in all, against the
 * C(B, b) subsets a brute-force search would visit.
 */
public final class JointSelector implements BatchSelector {
    /**
     * @param chunks       n, the number of chunks (the paper uses 16); b need not be divisible by it
     * @param firstChunk   how the first chunk is drawn
     * @param greedy       later chunks take the top-k of s instead of sampling from softmax(s)
     * @param refinePasses 0 (default, the paper's sampler as is) or the most 1-swap local-search
     *                     passes run after the chunks (see {@link #withRefinement(int)}); sigmoid
     *                     loss only
     */
    public record Options(int chunks, FirstChunkRule firstChunk, boolean greedy, int refinePasses) {
        public static final int DEFAULT_CHUNKS = 16;
        /** A pass cap that the measured cases never reach (they settle in 2–4 passes). */
        public static final int DEFAULT_REFINE_PASSES = 10;

        static final String KEY_CHUNKS = "selection.joint.chunks";
        static final String KEY_FIRST_CHUNK = "selection.joint.first-chunk";
        static final String KEY_GREEDY = "selection.joint.greedy";
        static final String KEY_REFINE_PASSES = "selection.joint.refine-passes";

        public Options {
            if (chunks < 1) {
                throw new CurationException("chunks = " + chunks + "; expected at least 1");
            }
            if (firstChunk == null) {
                throw new CurationException("first-chunk rule is missing; expected one of "
                        + java.util.Arrays.toString(FirstChunkRule.values()));
            }
            if (refinePasses < 0) {
                throw new CurationException("refinePasses = " + refinePasses
                        + "; expected 0 (no refinement) or a positive pass cap");
            }
        }

        /** The paper's 16 chunks, or one example per chunk when the batch is smaller than that. */
        public static int defaultChunks(int batch) {
            return Math.min(DEFAULT_CHUNKS, batch);
        }

        /** Without refinement: the selector as in the paper. */
        public Options(int chunks, FirstChunkRule firstChunk, boolean greedy) {
            this(chunks, firstChunk, greedy, 0);
        }

        /** The paper's sampler: 16 chunks, first from softmax(diag M), later sampled. */
        public static Options paper() {
            return new Options(DEFAULT_CHUNKS, FirstChunkRule.DIAGONAL_SOFTMAX, false);
        }

        /** Fully greedy and deterministic: top-k of diag M first, then top-k of s. */
        public static Options greedy(int chunks) {
            return new Options(chunks, FirstChunkRule.GREEDY, true);
        }

        /**
         * These options followed by at most {@code maxPasses} passes of 1-swap local search: a
         * selected example is swapped for an unselected one while that raises Σ_{S×S} M. Not in the
         * paper; it climbs from the chunked selection to a set no single swap can improve, which is
         * what lifts greedy joint from ≈0.90 to ≥0.95 of the brute-force optimum (README). On top of
         * the sampler it trades part of the sampling's diversity for score.
         */
        public Options withRefinement(int maxPasses) {
            return new Options(chunks, firstChunk, greedy, maxPasses);
        }

        /** For provenance: every option under a {@code selection.joint.*} key, values as {@link #of} reads them. */
        public Properties toProperties() {
            Properties p = new Properties();
            p.setProperty(KEY_CHUNKS, Integer.toString(chunks));
            p.setProperty(KEY_FIRST_CHUNK, firstChunk.name());
            p.setProperty(KEY_GREEDY, Boolean.toString(greedy));
            p.setProperty(KEY_REFINE_PASSES, Integer.toString(refinePasses));
            return p;
        }

        /** Reads {@link #toProperties()}'s keys; a missing key takes the {@link #paper()} value. */
        public static Options of(Properties p) {
            if (p == null) {
                throw new CurationException("joint selector properties are missing");
            }
            Options d = paper();
            return new Options(
                    PropertyValues.intValue(p, KEY_CHUNKS, d.chunks()),
                    PropertyValues.enumValue(p, KEY_FIRST_CHUNK, FirstChunkRule.class, d.firstChunk()),
                    PropertyValues.booleanValue(p, KEY_GREEDY, d.greedy()),
                    PropertyValues.intValue(p, KEY_REFINE_PASSES, d.refinePasses()));
        }
    }

    private final Options options;

    public JointSelector(Options options) {
        if (options == null) {
            throw new CurationException("joint selector options are missing");
        }
        this.options = options;
    }

    public JointSelector() {
        this(Options.paper());
    }

    public Options options() {
        return options;
    }

    @Override
    public Selection select(BatchScorer scorer, int b, long seed) {
        Checks.subBatchSize(b, scorer);
        if (options.chunks() > b) {
            throw new CurationException("chunks = " + options.chunks() + " with sub-batch size b = " + b
                    + "; expected 1 ≤ chunks ≤ b so that every chunk holds at least one example");
        }
        if (!scorer.score().usesModels()) {
            return new UniformSelector().select(scorer, b, seed);
        }
        if (options.refinePasses() > 0 && !(scorer instanceof SigmoidScorer)) {
            throw new CurationException("refinePasses = " + options.refinePasses() + " with a "
                    + scorer.getClass().getSimpleName() + "; swap refinement needs the sigmoid loss, whose"
                    + " batch score splits into pair terms so that a swap's gain is O(1) to evaluate (under"
                    + " the softmax loss a swap changes every member's log-sum-exp); use refinePasses = 0");
        }
        int n = scorer.size();
        int[] sizes = chunkSizes(b, options.chunks());
        SplittableRandom rng = new SplittableRandom(seed);
        ConditionalScores state = scorer.start();
        boolean[] chosen = new boolean[n];
        double[] keys = new double[n];
        int[] order = new int[b];
        double[] chunkScores = new double[sizes.length];
        int filled = 0;
        for (int c = 0; c < sizes.length; c++) {
            boolean sample = c == 0 ? options.firstChunk() == FirstChunkRule.DIAGONAL_SOFTMAX : !options.greedy();
            boolean ignoreScore = c == 0 && options.firstChunk() == FirstChunkRule.UNIFORM;
            for (int i = 0; i < n; i++) {
                if (!chosen[i]) {
                    double s = ignoreScore ? 0.0 : state.score(i);
                    keys[i] = sample || ignoreScore ? s + GumbelTopK.gumbel(rng) : s;
                }
            }
            // Gumbel-top-k: the whole chunk is one draw without replacement from softmax(s).
            int[] chunk = GumbelTopK.top(keys, chosen, sizes[c]);
            for (int j : chunk) {
                chosen[j] = true;
                order[filled++] = j;
            }
            // Update after the whole chunk, as the paper does: members of a chunk do not see each other.
            // Refinement reads members' scores and rows, so it needs them added one by one.
            if (options.refinePasses() > 0) {
                for (int j : chunk) {
                    state.add(j);
                }
            } else {
                state.addChunk(chunk, c == sizes.length - 1);
            }
            chunkScores[c] = state.setScore();
        }
        if (options.refinePasses() > 0) {
            // Checked above: a sigmoid scorer's state. The refined score is appended to the curve.
            ((SigmoidScorer.State) state).refine(order, options.refinePasses());
            chunkScores = java.util.Arrays.copyOf(chunkScores, chunkScores.length + 1);
            chunkScores[chunkScores.length - 1] = state.setScore();
        }
        return new Selection(order, chunkScores[chunkScores.length - 1], chunkScores);
    }

    /** b split into n chunk sizes differing by at most one; the larger ones come first. */
    public static int[] chunkSizes(int b, int chunks) {
        if (chunks < 1 || chunks > b) {
            throw new CurationException("chunks = " + chunks + " with sub-batch size b = " + b
                    + "; expected 1 ≤ chunks ≤ b");
        }
        int[] sizes = new int[chunks];
        int base = b / chunks;
        int extra = b % chunks;
        for (int c = 0; c < chunks; c++) {
            sizes[c] = base + (c < extra ? 1 : 0);
        }
        return sizes;
    }
}
