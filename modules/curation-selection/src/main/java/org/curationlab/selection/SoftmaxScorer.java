package org.curationlab.selection;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Batch scores under the softmax (CLIP/InfoNCE) loss, which unlike the sigmoid loss does not split
 * into pair terms: the loss of example i depends on which other examples share its batch. Following
 * docs/selection.md, the score of i given a set S uses its loss restricted to S ∪ {i}, averaged over both
 * directions:
 * <pre>
 *   image→text  −l_ii + logsumexp_{j∈S∪{i}} l_ij
 *   text→image  −l_ii + logsumexp_{j∈S∪{i}} l_ji
 * </pre>
 * and the score of a batch S is the sum of its members' restricted scores, each the {@link Score}'s
 * formula over the learner's and the reference's restricted losses (learnability: the learner's
 * minus the reference's). With S empty
 * every restricted loss is 0 (a one-example softmax is certain), so a joint selector's first chunk
 * carries no signal under this loss.
 */
public final class SoftmaxScorer implements BatchScorer {
    private final Score score;
    private final int size;
    private final Logits learner;
    private final Logits reference;

    private SoftmaxScorer(Score score, PairMatrix learnerLogits, PairMatrix referenceLogits) {
        this.score = score;
        this.size = ScoreMatrix.sizeOf(learnerLogits, referenceLogits);
        this.learner = score.usesLearner() ? new Logits(learnerLogits) : null;
        this.reference = score.usesReference() ? new Logits(referenceLogits) : null;
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
        return new SoftmaxScorer(score, learnerLogits, referenceLogits);
    }

    /**
     * The scorer of a score from INDArray logits (any data type or ordering), copied out once with
     * a bulk NIO copy. The matrices must not change while the scorer is in use.
     */
    public static BatchScorer of(Score score, INDArray learnerLogits, INDArray referenceLogits) {
        int n = ScoreMatrix.checkInputs(score, learnerLogits, referenceLogits);
        if (!score.usesModels()) {
            return new UniformScorer(n);
        }
        return new SoftmaxScorer(score,
                score.usesLearner() ? PairMatrix.of("learner logits", learnerLogits) : null,
                score.usesReference() ? PairMatrix.of("reference logits", referenceLogits) : null);
    }

    /** The score's formula over one example's two losses; 0.0 + …: a zero score is +0, as when accumulated from 0. */
    private double combine(double learnerLoss, double referenceLoss) {
        return 0.0 + score.of(learnerLoss, referenceLoss);
    }

    /**
     * The loss of example i restricted to set ∪ {i}, averaged over both directions, computed
     * directly in O(|set|). {@code set} may or may not contain i.
     */
    public static double restrictedLoss(PairMatrix logits, int i, int[] set) {
        int n = logits.size();
        float[] l = logits.values();
        double diag = l[i * n + i];
        double rowMax = diag;
        double colMax = diag;
        for (int j : set) {
            rowMax = Math.max(rowMax, l[i * n + j]);
            colMax = Math.max(colMax, l[j * n + i]);
        }
        double rowSum = Math.exp(diag - rowMax);
        double colSum = Math.exp(diag - colMax);
        for (int j : set) {
            if (j != i) {
                rowSum += Math.exp(l[i * n + j] - rowMax);
                colSum += Math.exp(l[j * n + i] - colMax);
            }
        }
        double rowLoss = -diag + rowMax + Math.log(rowSum);
        double colLoss = -diag + colMax + Math.log(colSum);
        return 0.5 * (rowLoss + colLoss);
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
        for (int i : subset) {
            sum += directScore(i, subset);
        }
        return sum;
    }

    /**
     * Each example's restricted score with S = the whole super-batch: its full CLIP loss term, with
     * the 4·B² exps as whole-matrix ND4J ops (row and column log-sum-exps as reductions).
     */
    @Override
    public double[] exampleScores() {
        double[] l = learner == null ? null : Nd4jKernels.clipLossTerms(learner.rowMajor, learner.transposed, size);
        double[] r = reference == null ? null : Nd4jKernels.clipLossTerms(reference.rowMajor, reference.transposed, size);
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = combine(l == null ? 0.0 : l[i], r == null ? 0.0 : r[i]);
        }
        return out;
    }

    /** {@link #exampleScores()} in plain Java loops, one {@code Math.exp} per term: the reference for tests. */
    double[] exampleScoresPlain() {
        int[] all = new int[size];
        for (int i = 0; i < size; i++) {
            all[i] = i;
        }
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = directScore(i, all);
        }
        return out;
    }

    private double directScore(int i, int[] set) {
        return combine(learner == null ? 0.0 : restrictedLoss(learner.logits, i, set),
                reference == null ? 0.0 : restrictedLoss(reference.logits, i, set));
    }

    @Override
    public ConditionalScores start() {
        return new State();
    }

    /** One model's logits, with a transposed copy so that adding j reads two contiguous rows. */
    private static final class Logits {
        final PairMatrix logits;
        final float[] rowMajor;
        final float[] transposed;
        final double[] diagonal;

        Logits(PairMatrix logits) {
            this.logits = logits;
            int n = logits.size();
            this.rowMajor = logits.values();
            this.transposed = new float[n * n];
            this.diagonal = new double[n];
            for (int i = 0; i < n; i++) {
                diagonal[i] = rowMajor[i * n + i];
            }
            // In 64×64 tiles so that the strided writes stay in cache.
            final int tile = 64;
            for (int ib = 0; ib < n; ib += tile) {
                int ie = Math.min(n, ib + tile);
                for (int jb = 0; jb < n; jb += tile) {
                    int je = Math.min(n, jb + tile);
                    for (int i = ib; i < ie; i++) {
                        int row = i * n;
                        for (int j = jb; j < je; j++) {
                            transposed[j * n + i] = rowMajor[row + j];
                        }
                    }
                }
            }
        }
    }

    /** Running log-sum-exps over S of one model's rows (image→text) and columns (text→image). */
    private static final class ModelState {
        final Logits m;
        final RunningLogSumExp rows;
        final RunningLogSumExp cols;

        ModelState(Logits m, int n) {
            this.m = m;
            this.rows = new RunningLogSumExp(n);
            this.cols = new RunningLogSumExp(n);
        }

        void add(int j, int n) {
            int base = j * n;
            float[] t = m.transposed;
            float[] r = m.rowMajor;
            for (int i = 0; i < n; i++) {
                rows.add(i, t[base + i]); // l_ij: row i of l, read as row j of lᵀ
                cols.add(i, r[base + i]); // l_ji
            }
        }

        /** The terms of js[0..count) for examples is[from..to), each example's in the order of js. */
        void add(int[] js, int count, int[] is, int from, int to, int n) {
            float[] t = m.transposed;
            float[] r = m.rowMajor;
            for (int a = from; a < to; a++) {
                int i = is == null ? a : is[a];
                for (int c = 0; c < count; c++) {
                    int base = js[c] * n;
                    rows.add(i, t[base + i]);
                    cols.add(i, r[base + i]);
                }
            }
        }

        double loss(int i, boolean inSet) {
            double d = m.diagonal[i];
            double row = inSet ? rows.value(i) : rows.valueWith(i, d);
            double col = inSet ? cols.value(i) : cols.valueWith(i, d);
            return 0.5 * ((row - d) + (col - d));
        }
    }

    private final class State implements ConditionalScores {
        private final ModelState l = learner != null ? new ModelState(learner, size) : null;
        private final ModelState r = reference != null ? new ModelState(reference, size) : null;
        private final boolean[] inSet = new boolean[size];
        private final int[] members = new int[size];
        private int count;
        /** After the last chunk only members' log-sum-exps, and so only {@link #setScore()}, are kept. */
        private boolean closed;

        @Override
        public double score(int i) {
            if (closed) {
                throw new IllegalStateException("conditional scores are not kept after the last chunk");
            }
            return score(i, inSet[i]);
        }

        /**
         * {@link #add} of each member in turn, done example by example: every example's running
         * log-sum-exps take the chunk's terms in the chunk's order, as add would give them, so the
         * values are the same doubles; examples are independent, so they are split over the scoring
         * threads. After the last chunk only members' sums are read (by {@link #setScore()}), so
         * only theirs are updated.
         */
        @Override
        public void addChunk(int[] chunk, boolean last) {
            if (closed) {
                throw new IllegalStateException("add after the last chunk");
            }
            int[] fresh = new int[chunk.length];
            int k = 0;
            for (int j : chunk) {
                if (!inSet[j]) {
                    inSet[j] = true;
                    members[count++] = j;
                    fresh[k++] = j;
                }
            }
            int chunkSize = k;
            int[] is = last ? members : null;
            int span = last ? count : size;
            int parts = ScoringThreads.parts();
            ScoringThreads.forEach(parts, (long) chunkSize * span, t -> {
                int from = (int) ((long) span * t / parts);
                int to = (int) ((long) span * (t + 1) / parts);
                if (l != null) {
                    l.add(fresh, chunkSize, is, from, to, size);
                }
                if (r != null) {
                    r.add(fresh, chunkSize, is, from, to, size);
                }
            });
            closed = last;
        }

        private double score(int i, boolean member) {
            return combine(l == null ? 0.0 : l.loss(i, member), r == null ? 0.0 : r.loss(i, member));
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
            members[count++] = j;
            if (l != null) {
                l.add(j, size);
            }
            if (r != null) {
                r.add(j, size);
            }
        }

        /** O(|S|): every member's log-sum-exp over S is already maintained. */
        @Override
        public double setScore() {
            double sum = 0.0;
            for (int k = 0; k < count; k++) {
                sum += score(members[k], true);
            }
            return sum;
        }
    }
}
