package org.curationlab.selection;

import org.curationlab.data.CurationException;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Batch scores under the sigmoid loss: score(S) = Σ_{S×S} M. The conditional score of i given S is
 * its exact marginal gain, s_i = M_ii + Σ_{j∈S}(M_ij + M_ji), so a joint selector only ever needs
 * the symmetrised P = M + Mᵀ, read a row at a time (a column of M would be a strided, cache-hostile
 * read). Built from a score matrix or plain arrays, P is stored whole; built from ND4J logits (the
 * training path), its rows are computed from the logits when a joint selection adds their example
 * ({@link SigmoidPairRows}), since a selection of b from B reads about b of its B rows.
 */
public final class SigmoidScorer implements BatchScorer {
    private final Score score;
    private final int size;
    private final double[] diagonal;
    /** The whole P, row-major with a zero diagonal; null when rows are computed on demand. */
    private final float[] symmetric;
    /** P's rows on demand; null when {@link #symmetric} holds them all. */
    private final SigmoidPairRows pairs;
    /** The on-demand scorer's logits, for {@link #exampleScores()}, which needs every pair. */
    private final INDArray learnerArray;
    private final INDArray referenceArray;
    private volatile SigmoidScorer whole;

    private SigmoidScorer(Score score, PairMatrix m) {
        this.score = score;
        this.size = m.size();
        int n = size;
        float[] v = m.values();
        this.diagonal = new double[n];
        this.symmetric = new float[n * n];
        this.pairs = null;
        this.learnerArray = null;
        this.referenceArray = null;
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
     * The whole matrix from logits (the INDArray path before its rows came on demand; now
     * {@link #eager} and {@link #exampleScores()}): diag(M) and P = M + Mᵀ straight from row-major
     * logits in one tiled pass, never materialising M. Each pair loss is {@link FastSoftplus}; tiles of rows run in parallel on
     * as many threads as ND4J was given (the launcher's OMP setting), so a sweep running one job per
     * core does not oversubscribe. The diagonal uses the exact softplus (B entries). A
     * {@link Score#linear() linear} score is applied once per pair to the sums of its two
     * directions' losses; any other score to each direction.
     *
     * @param learner   null when the score does not use the learner
     * @param reference null when the score does not use the reference
     */
    private SigmoidScorer(Score score, float[] learner, float[] reference, int n) {
        this.score = score;
        this.size = n;
        this.diagonal = new double[n];
        this.symmetric = new float[n * n];
        this.pairs = null;
        this.learnerArray = null;
        this.referenceArray = null;
        for (int i = 0; i < n; i++) {
            int k = i * n + i;
            double l = learner == null ? 0 : SigmoidPairLoss.softplus(-learner[k]);
            double r = reference == null ? 0 : SigmoidPairLoss.softplus(-reference[k]);
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
                        float lij = learner == null ? 0f : FastSoftplus.softplus(learner[ij]);
                        float lji = learner == null ? 0f : FastSoftplus.softplus(learner[ji]);
                        float rij = reference == null ? 0f : FastSoftplus.softplus(reference[ij]);
                        float rji = reference == null ? 0f : FastSoftplus.softplus(reference[ji]);
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
                    PairMatrix.of("learner logits", learner);
                }
                if (reference != null) {
                    PairMatrix.of("reference logits", reference);
                }
                throw new CurationException(score.name() + " pair losses are not finite from finite logits;"
                        + " expected logits small enough for float pair losses");
            }
        }
    }

    /**
     * The training path: diag(M) now, P's rows when a selection asks for them ({@link SigmoidPairRows}),
     * reading the logits in place. The caller has checked that the logits are finite.
     *
     * @param learner   null when the score does not use the learner
     * @param reference null when the score does not use the reference
     */
    private SigmoidScorer(Score score, INDArray learner, INDArray reference, int n) {
        this.score = score;
        this.size = n;
        this.diagonal = new double[n];
        this.symmetric = null;
        this.learnerArray = learner;
        this.referenceArray = reference;
        LogitSource l = learner == null ? null : LogitSource.of(learner, n);
        LogitSource r = reference == null ? null : LogitSource.of(reference, n);
        this.pairs = new SigmoidPairRows(score, l, r, n);
        for (int i = 0; i < n; i++) {
            int k = i * n + i;
            // Exactly as the whole-matrix constructor computes the diagonal.
            double ld = l == null ? 0 : SigmoidPairLoss.softplus(-l.at(k));
            double rd = r == null ? 0 : SigmoidPairLoss.softplus(-r.at(k));
            diagonal[i] = 0.0 + score.of(ld, rd);
            if (!Double.isFinite(diagonal[i])) {
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
        return symmetric != null ? symmetric[i * size + j] : pairs.get(i, j);
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
     * training: diag(M) now, and each row of P = M + Mᵀ when a selection adds its example, with a
     * table softplus (|error| ≤ 2e-7 per pair loss), reading the logits in place when they are a
     * plain row-major float array ({@link LogitSource}); the matrices must not change while the
     * scorer is in use. Non-finite logits are rejected, naming the first bad entry. The
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
        INDArray l = score.usesLearner() ? learnerLogits : null;
        INDArray r = score.usesReference() ? referenceLogits : null;
        if (!finite(l) || !finite(r)) {
            // The whole-matrix pass names the first bad entry.
            return eager(score, l, r);
        }
        return new SigmoidScorer(score, l, r, n);
    }

    /**
     * One native pass: Σ|x| is finite exactly when every entry is (NaN and ±∞ survive any order of
     * summation; a sum overflowing from finite entries only sends the input the whole-matrix way).
     */
    private static boolean finite(INDArray logits) {
        return logits == null || Double.isFinite(logits.norm1Number().doubleValue());
    }

    /**
     * Every B² pair built up front in one fused, parallel pass, as the INDArray path did before its
     * rows were computed on demand: the reference the tests compare with, and the path for
     * non-finite input.
     */
    static BatchScorer eager(Score score, INDArray learnerLogits, INDArray referenceLogits) {
        int n = ScoreMatrix.checkInputs(score, learnerLogits, referenceLogits);
        if (!score.usesModels()) {
            return new UniformScorer(n);
        }
        return new SigmoidScorer(score,
                score.usesLearner() ? Nd4jKernels.toRowMajor(learnerLogits, n) : null,
                score.usesReference() ? Nd4jKernels.toRowMajor(referenceLogits, n) : null, n);
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
                sum += symmetric != null ? symmetric[row + subset[c]] : pairs.get(i, subset[c]);
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
        if (symmetric == null) {
            // Every pair is read: the whole-matrix pass computes each once (on demand, twice).
            return whole().exampleScores();
        }
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

    private SigmoidScorer whole() {
        SigmoidScorer w = whole;
        if (w == null) {
            whole = w = (SigmoidScorer) eager(score, learnerArray, referenceArray);
        }
        return w;
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
        /** On-demand rows: row j of P at rows[slot[j]·B]; unused when {@link #symmetric} holds P. */
        private float[] rows;
        private final int[] slot = pairs == null ? null : filledWith(size, -1);
        private int filled;
        /** Rows were computed by {@link #addChunk} without the columns of members: members' scores are stale. */
        private boolean partial;
        /** After the last chunk only {@link #setScore()} is kept. */
        private boolean closed;

        @Override
        public double score(int i) {
            if (closed) {
                throw new IllegalStateException("conditional scores are not kept after the last chunk");
            }
            return s[i];
        }

        @Override
        public void add(int j) {
            if (inSet[j]) {
                return;
            }
            if (closed) {
                throw new IllegalStateException("add after the last chunk");
            }
            inSet[j] = true;
            // s_j(S) is exactly score(S ∪ {j}) − score(S).
            total += s[j];
            int row = row(j);
            double[] sv = s;
            float[] p = data();
            for (int i = 0; i < size; i++) {
                sv[i] += p[row + i];
            }
        }

        /**
         * With P whole, {@link #add} in turn. With rows on demand, the chunk's rows are computed as one
         * block (in parallel, skipping the columns of examples already selected, whose scores no
         * selector reads again) and then added exactly as {@link #add} adds them, in the same order,
         * so every outsider's score and the set score are the same doubles. For the last chunk no row
         * is needed at all: the set score only needs each member's gain given the members before it,
         * s_j + Σ_{l<m} P_{j_l j}, accumulated in the order add would accumulate it.
         */
        @Override
        public void addChunk(int[] chunk, boolean last) {
            if (pairs == null) {
                ConditionalScores.super.addChunk(chunk, last);
                return;
            }
            if (closed) {
                throw new IllegalStateException("add after the last chunk");
            }
            int[] fresh = new int[chunk.length];
            int k = 0;
            boolean[] seen = new boolean[size];
            for (int j : chunk) {
                if (!inSet[j] && !seen[j]) {
                    seen[j] = true;
                    fresh[k++] = j;
                }
            }
            if (last) {
                for (int m = 0; m < k; m++) {
                    int j = fresh[m];
                    double v = s[j];
                    for (int l = 0; l < m; l++) {
                        v += pairs.get(fresh[l], j);
                    }
                    s[j] = v;
                    total += v;
                    inSet[j] = true;
                }
                closed = true;
                return;
            }
            compute(fresh, k, inSet);
            partial = true;
            double[] sv = s;
            float[] p = rows;
            for (int m = 0; m < k; m++) {
                int j = fresh[m];
                inSet[j] = true;
                total += sv[j];
                int row = slot[j] * size;
                for (int i = 0; i < size; i++) {
                    sv[i] += p[row + i];
                }
            }
        }

        @Override
        public double setScore() {
            return total;
        }

        private float[] data() {
            return symmetric != null ? symmetric : rows;
        }

        /** Where row j of P starts in {@link #data()}, computing the whole row first if needed. */
        private int row(int j) {
            if (symmetric != null) {
                return j * size;
            }
            if (slot[j] < 0) {
                compute(new int[] {j}, 1, null);
            }
            return slot[j] * size;
        }

        /** Rows js[0..count) of P into new slots; columns with skip[i] are left 0. */
        private void compute(int[] js, int count, boolean[] skip) {
            int need = filled + count;
            if (rows == null || rows.length < need * size) {
                int capacity = Math.max(need, Math.max(2 * filled, Math.min(size, 256)));
                rows = rows == null ? new float[capacity * size] : Arrays.copyOf(rows, capacity * size);
            }
            int[] offsets = new int[count];
            for (int m = 0; m < count; m++) {
                slot[js[m]] = filled;
                offsets[m] = filled * size;
                filled++;
            }
            pairs.rows(js, count, skip, rows, offsets);
        }

        /**
         * 1-swap local search on the current set. For a member i, s_i is its marginal contribution
         * score(S) − score(S∖{i}); for an outsider k, s_k is its marginal gain. Swapping i out and k in
         * therefore changes the batch score by exactly s_k − s_i − P_ik, and afterwards every
         * conditional score moves by P_kx − P_ix: O(B) per swap, nothing is recomputed over S.
         * A pass visits the members in order and swaps each one for its best outsider when that
         * raises the score (first improvement over members, best improvement over partners), so a
         * pass costs O(b·(B−b)) reads plus O(B) per swap made. Needs every member's full row and
         * score: the members must have been added with {@link #add}.
         *
         * @param members   the current set (exactly the members added), rewritten in place: a
         *                  swapped-in example takes the slot of the one it replaced
         * @param maxPasses at most this many passes; stops earlier after a pass without a swap
         * @return the number of swaps made
         */
        int refine(int[] members, int maxPasses) {
            if (partial || closed) {
                throw new IllegalStateException("refinement needs the members added one by one (add), not by chunk");
            }
            int n = size;
            double[] sv = s;
            boolean[] in = inSet;
            int swaps = 0;
            for (int pass = 0; pass < maxPasses; pass++) {
                boolean improved = false;
                for (int slotIndex = 0; slotIndex < members.length; slotIndex++) {
                    int i = members[slotIndex];
                    int rowI = row(i);
                    float[] p = data();
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
                        members[slotIndex] = best;
                        total += bestGain;
                        // Computing the row may grow the store; offsets stay valid, the array may not.
                        int rowK = row(best);
                        p = data();
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

    private static int[] filledWith(int n, int value) {
        int[] a = new int[n];
        Arrays.fill(a, value);
        return a;
    }
}
