package org.curationlab.selection;

import org.curationlab.data.CurationException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Batch scores under the sigmoid loss: score(S) = Σ_{S×S} M. The conditional score of i given S is
 * its exact marginal gain, s_i = M_ii + Σ_{j∈S}(M_ij + M_ji), so a joint selector only ever needs
 * the symmetrised P = M + Mᵀ, read a row at a time (a column of M would be a strided, cache-hostile
 * read). P is built whole: from ND4J logits (the training path) row by row with a SIMD softplus, then
 * made symmetric in place (docs/selection.md, "The scorer's passes"). Computing only the rows a
 * selection adds reads fewer pairs but reads the logits' columns scattered, which measured slower.
 */
public final class SigmoidScorer implements BatchScorer {
    private final Score score;
    private final int size;
    private final double[] diagonal;
    /** The whole P, row-major with a zero diagonal. */
    private final float[] symmetric;

    /**
     * From M itself (finite, as every {@link PairMatrix} is), made P by the same pass as the training
     * path: in place when {@code owned} (an M built for this scorer), else in a copy. {@code source}
     * names what M came from, in the error.
     */
    private SigmoidScorer(Score score, PairMatrix m, boolean owned, String source) {
        this.score = score;
        this.size = m.size();
        int n = size;
        float[] v = m.values();
        this.diagonal = new double[n];
        for (int i = 0; i < n; i++) {
            diagonal[i] = v[i * n + i];
        }
        this.symmetric = owned ? v : v.clone();
        if (!symmetrise()) {
            throw new CurationException(source + ": a pair sum M_ij + M_ji of the " + score.name()
                    + " scores overflows a float; expected pair scores of magnitude below " + Float.MAX_VALUE / 2);
        }
    }

    /**
     * The whole matrix from logits, in two passes that never hold more than P itself. The first
     * computes M row by row: each row of pair losses by {@link FastSoftplus#row} (SIMD, reading the
     * logits in place), then the score's formula across the row. The second turns M into
     * P = M + Mᵀ in place, in 16×16 tiles so that the transposed reads stay in cache, and checks
     * every P_ij and every M_ii is finite. Both run on as many threads as ND4J was given (the launcher's OMP
     * setting), so a sweep running one job per core does not oversubscribe. The diagonal uses the
     * exact softplus (B entries). A {@link Score#linear() linear} score is applied as
     * w_l·L + w_r·L* + c with its weights read off {@link Score#of}, so the row stays SIMD; any
     * other score is called per entry.
     *
     * @param learner   null when the score does not use the learner
     * @param reference null when the score does not use the reference
     */
    private SigmoidScorer(Score score, LogitSource learner, LogitSource reference, int n) {
        this.score = score;
        this.size = n;
        this.diagonal = new double[n];
        this.symmetric = new float[n * n];
        for (int i = 0; i < n; i++) {
            int k = i * n + i;
            double l = learner == null ? 0 : SigmoidPairLoss.softplus(-learner.at(k));
            double r = reference == null ? 0 : SigmoidPairLoss.softplus(-reference.at(k));
            // 0.0 + …: a zero score is +0, as when the losses were accumulated from 0.
            diagonal[i] = 0.0 + score.of(l, r);
        }
        scoreRows(score, learner, reference);
        if (!symmetrise() || !allFinite(diagonal)) {
            // Name the input at fault; the copy-and-check runs only on this error path.
            if (learner != null) {
                PairMatrix.of("learner logits", learner.copy(n));
            }
            if (reference != null) {
                PairMatrix.of("reference logits", reference.copy(n));
            }
            throw new CurationException(score.name() + " pair losses are not finite from finite logits;"
                    + " expected logits small enough for float pair losses");
        }
    }

    /** Pass one: row i of {@code symmetric} becomes row i of M (off the diagonal, y = −1: loss softplus(+logit)). */
    private void scoreRows(Score score, LogitSource learner, LogitSource reference) {
        int n = size;
        float c0 = (float) score.of(0, 0);
        float wl = learner == null ? 0f : (float) (score.of(1, 0) - score.of(0, 0));
        float wr = reference == null ? 0f : (float) (score.of(0, 1) - score.of(0, 0));
        int parts = ScoringThreads.parts();
        ScoringThreads.forEach(parts, (long) n * n, t -> {
            float[] l = new float[n];
            float[] r = new float[n];
            float[] tail = new float[n];
            float[] m = new float[n];
            for (int i = (int) ((long) t * n / parts), end = (int) ((long) (t + 1) * n / parts); i < end; i++) {
                scoreRow(i, score, learner, reference, wl, wr, c0, l, r, tail, m);
            }
        });
    }

    /**
     * Row i of M into {@code symmetric}, through the scratch rows l, r, tail and m (l or r stays 0
     * when its model is not read, as {@link Score#of} expects of an unused loss). A method of its own,
     * called B times a step, so that C2 compiles it whole (a loop left inside the parallel lambda ran
     * 1.6× slower).
     */
    private void scoreRow(int i, Score score, LogitSource learner, LogitSource reference, float wl, float wr, float c0,
            float[] l, float[] r, float[] tail, float[] m) {
        int n = size;
        if (learner != null) {
            learner.copyRow(i, n, l);
            FastSoftplus.row(l, n, tail);
        }
        if (reference != null) {
            reference.copyRow(i, n, r);
            FastSoftplus.row(r, n, tail);
        }
        // At index j into a scratch row, then one copy into M: C2 vectorises a loop only when its
        // reads and writes share an index (FastSoftplus#row).
        if (score.linear()) {
            for (int j = 0; j < n; j++) {
                m[j] = wl * l[j] + wr * r[j] + c0;
            }
        } else {
            // A non-linear score may map an infinite loss to a finite score: keep it non-finite.
            for (int j = 0; j < n; j++) {
                m[j] = Float.isFinite(l[j] + r[j]) ? (float) score.of(l[j], r[j]) : Float.NaN;
            }
        }
        System.arraycopy(m, 0, symmetric, i * n, n);
    }

    /**
     * Pass two: M becomes P = M + Mᵀ in place with a zero diagonal; false if any P_ij is not finite,
     * or any M_ii of this pass (a matched pair's logit scored as a non-match: an infinite logit there
     * gives an exact diagonal loss of 0, so only this pass sees it).
     * 16×16 tiles, walked so that the writes to row j are contiguous: at B = 1 280 a row is 5 KB, and
     * 64 rows of a 64-wide tile fall into the same cache sets (64-wide tiles measured 4× slower).
     */
    private boolean symmetrise() {
        int n = size;
        final int tile = 16;
        int tiles = (n + tile - 1) / tile;
        boolean[] finite = new boolean[tiles];
        // Tile row t has (tiles − t) tiles to its right: part k takes rows k and tiles − 1 − k, so
        // that every part does the same work.
        int parts = (tiles + 1) / 2;
        ScoringThreads.forEach(parts, (long) n * n, k -> {
            finite[k] = symmetriseTileRow(k, tile);
            int mirror = tiles - 1 - k;
            if (mirror != k) {
                finite[mirror] = symmetriseTileRow(mirror, tile);
            }
        });
        for (boolean ok : finite) {
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private boolean symmetriseTileRow(int t, int tile) {
        int n = size;
        float[] p = symmetric;
        boolean ok = true;
        int ib = t * tile, ie = Math.min(n, ib + tile);
        for (int jb = ib; jb < n; jb += tile) {
            int je = Math.min(n, jb + tile);
            for (int j = jb; j < je; j++) {
                int rowJ = j * n;
                for (int i = ib, end = Math.min(ie, j); i < end; i++) {
                    int ij = i * n + j, ji = rowJ + i;
                    float v = p[ij] + p[ji];
                    ok &= Float.isFinite(v);
                    p[ij] = v;
                    p[ji] = v;
                }
            }
        }
        for (int i = ib; i < ie; i++) {
            ok &= Float.isFinite(p[i * n + i]);
            p[i * n + i] = 0f;
        }
        return ok;
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** diag(M)_i, for tests. */
    double diagonal(int i) {
        return diagonal[i];
    }

    /** P_ij = M_ij + M_ji, for tests. */
    float pairSum(int i, int j) {
        return symmetric[i * size + j];
    }

    /**
     * The scorer of a score from logits; for a score that reads no model a {@link UniformScorer}.
     *
     * @param learnerLogits   may be null when the score does not use the learner
     * @param referenceLogits may be null when the score does not use the reference
     */
    public static BatchScorer of(Score score, PairMatrix learnerLogits, PairMatrix referenceLogits) {
        ScoreMatrix.checkInputs(score, learnerLogits, referenceLogits);
        if (!score.usesModels()) {
            return new UniformScorer(ScoreMatrix.sizeOf(learnerLogits, referenceLogits));
        }
        String source = java.util.stream.Stream.of(learnerLogits, referenceLogits).filter(java.util.Objects::nonNull)
                .map(PairMatrix::name).collect(java.util.stream.Collectors.joining(" and "));
        return new SigmoidScorer(score, ScoreMatrix.sigmoid(score, learnerLogits, referenceLogits), true, source);
    }

    /**
     * The scorer of a score from INDArray logits (any data type or ordering), the fast path for
     * training: the whole-matrix passes with the SIMD softplus ({@link FastSoftplus}), reading
     * the logits in place when they are a plain row-major float array ({@link LogitSource}), else
     * from a row-major copy. Non-finite logits are rejected, naming the first bad entry. The
     * {@link PairMatrix} overload is the exact plain-Java reference.
     *
     * @param learnerLogits   may be null when the score does not use the learner
     * @param referenceLogits may be null when the score does not use the reference
     */
    public static BatchScorer of(Score score, INDArray learnerLogits, INDArray referenceLogits) {
        int n = ScoreMatrix.checkInputs(score, learnerLogits, referenceLogits);
        if (!score.usesModels()) {
            return new UniformScorer(n);
        }
        return new SigmoidScorer(score,
                score.usesLearner() ? LogitSource.of(learnerLogits, n) : null,
                score.usesReference() ? LogitSource.of(referenceLogits, n) : null, n);
    }

    /**
     * The same pass from row-major heap copies of the logits, as the training path read them before it
     * read them in place: the reference the tests compare the in-place path with.
     */
    static BatchScorer eager(Score score, INDArray learnerLogits, INDArray referenceLogits) {
        int n = ScoreMatrix.checkInputs(score, learnerLogits, referenceLogits);
        if (!score.usesModels()) {
            return new UniformScorer(n);
        }
        return new SigmoidScorer(score,
                score.usesLearner() ? LogitSource.of(Nd4jKernels.toRowMajor(learnerLogits, n)) : null,
                score.usesReference() ? LogitSource.of(Nd4jKernels.toRowMajor(referenceLogits, n)) : null, n);
    }

    /** The scorer of a score matrix M already built (e.g. by {@link ScoreMatrix#sigmoid}). */
    public static SigmoidScorer ofScoreMatrix(Score score, PairMatrix scoreMatrix) {
        return new SigmoidScorer(score, scoreMatrix, false, scoreMatrix.name());
    }

    @Override
    public Score score() {
        return score;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public double batchScore(int[] subset) {
        BatchScore.checkSubset(subset, size, "subset");
        double sum = 0.0;
        for (int a = 0; a < subset.length; a++) {
            int i = subset[a];
            sum += diagonal[i];
            int row = i * size;
            for (int c = a + 1; c < subset.length; c++) {
                sum += symmetric[row + subset[c]];
            }
        }
        return sum;
    }

    /**
     * Example i's share of the full super-batch score: M_ii + ½ Σ_{j≠i}(M_ij + M_ji), i.e. half of
     * its row and half of its column. The shares sum to the score of the whole super-batch, the
     * sigmoid analogue of the per-example loss used for independent prioritisation.
     */
    @Override
    public double[] exampleScores() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            double s = 0.0;
            int row = i * size;
            for (int j = 0; j < size; j++) {
                s += symmetric[row + j];
            }
            out[i] = diagonal[i] + 0.5 * s;
        }
        return out;
    }

    @Override
    public ConditionalScores start() {
        return new State();
    }

    /** The incremental state; package-private so that {@link JointSelector} can refine it by swaps. */
    final class State implements ConditionalScores {
        private final double[] s = diagonal.clone();
        private final boolean[] inSet = new boolean[size];
        private double total;

        @Override
        public double score(int i) {
            return s[i];
        }

        @Override
        public void add(int j) {
            if (inSet[j]) {
                return;
            }
            inSet[j] = true;
            // s_j(S) is exactly score(S ∪ {j}) − score(S).
            total += s[j];
            int row = j * size;
            double[] sv = s;
            float[] p = symmetric;
            for (int i = 0; i < size; i++) {
                sv[i] += p[row + i];
            }
        }

        @Override
        public double setScore() {
            return total;
        }

        /**
         * 1-swap local search on the current set. For a member i, s_i is its marginal contribution
         * score(S) − score(S∖{i}); for an outsider k, s_k is its marginal gain. Swapping i out and k in
         * therefore changes the batch score by exactly s_k − s_i − P_ik, and afterwards every
         * conditional score moves by P_kx − P_ix: O(B) per swap, nothing is recomputed over S.
         * A pass visits the members in order and swaps each one for its best outsider when that
         * raises the score (first improvement over members, best improvement over partners), so a
         * pass costs O(b·(B−b)) reads plus O(B) per swap made.
         *
         * @param members   the current set (exactly the members added), rewritten in place: a
         *                  swapped-in example takes the slot of the one it replaced
         * @param maxPasses at most this many passes; stops earlier after a pass without a swap
         * @return the number of swaps made
         */
        int refine(int[] members, int maxPasses) {
            int n = size;
            double[] sv = s;
            float[] p = symmetric;
            boolean[] in = inSet;
            int swaps = 0;
            for (int pass = 0; pass < maxPasses; pass++) {
                boolean improved = false;
                for (int slot = 0; slot < members.length; slot++) {
                    int i = members[slot];
                    int rowI = i * n;
                    // Float P is summed in double; gains this small are rounding, not improvement,
                    // and chasing them could cycle.
                    double bestGain = 1e-9 * Math.max(1.0, Math.abs(total));
                    int best = -1;
                    double si = sv[i];
                    for (int k = 0; k < n; k++) {
                        if (!in[k]) {
                            double gain = sv[k] - si - p[rowI + k];
                            if (gain > bestGain) {
                                bestGain = gain;
                                best = k;
                            }
                        }
                    }
                    if (best >= 0) {
                        in[i] = false;
                        in[best] = true;
                        members[slot] = best;
                        total += bestGain;
                        int rowK = best * n;
                        for (int x = 0; x < n; x++) {
                            sv[x] += p[rowK + x] - p[rowI + x];
                        }
                        swaps++;
                        improved = true;
                    }
                }
                if (!improved) {
                    break;
                }
            }
            return swaps;
        }
    }
}
