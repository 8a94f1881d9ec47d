package org.curationlab.selection;

import org.curationlab.data.CurationException;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.stream.IntStream;

/**
 * Batch scores under the sigmoid loss: score(S) = Σ_{S×S} M. The conditional score of i given S is
 * its exact marginal gain, s_i = M_ii + Σ_{j∈S}(M_ij + M_ji), so a joint selector only ever needs
 * the symmetrised P = M + Mᵀ, read a row at a time (a column of M would be a strided, cache-hostile
 * read). P is built whole, in one tiled pass; from ND4J logits (the training path) that pass reads
 * the logits in place ({@link LogitSource}). Computing only the rows a selection adds reads fewer
 * pairs but reads the logits' columns scattered, which measured slower (docs/selection.md).
 */
public final class SigmoidScorer implements BatchScorer {
    private final Score score;
    private final int size;
    private final double[] diagonal;
    /** The whole P, row-major with a zero diagonal. */
    private final float[] symmetric;

    private SigmoidScorer(Score score, PairMatrix m) {
        this.score = score;
        this.size = m.size();
        int n = size;
        float[] v = m.values();
        this.diagonal = new double[n];
        this.symmetric = new float[n * n];
        for (int i = 0; i < n; i++) {
            diagonal[i] = v[i * n + i];
        }
        // P = M + Mᵀ in 64×64 tiles so that the transposed reads stay in cache (≈2× the naive loop
        // at B = 1280); the diagonal of P stays 0, M_ii is kept in `diagonal`.
        final int tile = 64;
        for (int ib = 0; ib < n; ib += tile) {
            int ie = Math.min(n, ib + tile);
            for (int jb = ib; jb < n; jb += tile) {
                int je = Math.min(n, jb + tile);
                for (int i = ib; i < ie; i++) {
                    int row = i * n;
                    for (int j = Math.max(jb, i + 1); j < je; j++) {
                        float p = v[row + j] + v[j * n + i];
                        symmetric[row + j] = p;
                        symmetric[j * n + i] = p;
                    }
                }
            }
        }
    }

    /**
     * The whole matrix from logits: diag(M) and P = M + Mᵀ straight from row-major logits in one tiled
     * pass, never materialising M. Each pair loss is {@link FastSoftplus}; tiles of rows run in
     * parallel on as many threads as ND4J was given (the launcher's OMP setting), so a sweep running
     * one job per core does not oversubscribe. The diagonal uses the exact softplus (B entries). A
     * {@link Score#linear() linear} score is applied once per pair to the sums of its two
     * directions' losses; any other score to each direction.
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
        boolean linear = score.linear();
        final int tile = 64;
        int tiles = (n + tile - 1) / tile;
        boolean[] finite = new boolean[tiles];
        Runnable work = () -> IntStream.range(0, tiles).parallel().forEach(t -> {
            boolean ok = true;
            int ib = t * tile, ie = Math.min(n, ib + tile);
            for (int jb = ib; jb < n; jb += tile) {
                int je = Math.min(n, jb + tile);
                for (int i = ib; i < ie; i++) {
                    int row = i * n;
                    for (int j = Math.max(jb, i + 1); j < je; j++) {
                        int ij = row + j, ji = j * n + i;
                        // Off the diagonal y = −1, so each pair loss is softplus(+logit).
                        float lij = learner == null ? 0f : FastSoftplus.softplus(learner.at(ij));
                        float lji = learner == null ? 0f : FastSoftplus.softplus(learner.at(ji));
                        float rij = reference == null ? 0f : FastSoftplus.softplus(reference.at(ij));
                        float rji = reference == null ? 0f : FastSoftplus.softplus(reference.at(ji));
                        // Float sums of the two directions, then one call in double rounded once to
                        // float: for ± that is the float result exactly (double has ≥ 2·24 + 2 bits).
                        float p = linear ? 0f + (float) score.of(lij + lji, rij + rji)
                                : (float) (score.of(lij, rij) + score.of(lji, rji));
                        ok &= Float.isFinite(p);
                        symmetric[ij] = p;
                        symmetric[ji] = p;
                    }
                }
            }
            finite[t] = ok;
        });
        ScoringThreads.pool().submit(work).join();
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(diagonal[i])) {
                finite[0] = false;
            }
        }
        for (boolean ok : finite) {
            if (!ok) {
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
        return new SigmoidScorer(score, ScoreMatrix.sigmoid(score, learnerLogits, referenceLogits));
    }

    /**
     * The scorer of a score from INDArray logits (any data type or ordering), the fast path for
     * training: the whole-matrix pass with a table softplus (|error| ≤ 2e-7 per pair loss), reading
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
        return new SigmoidScorer(score, scoreMatrix);
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
