package org.curationlab.selection;

/**
 * Batch scores under the sigmoid loss: score(S) = Σ_{S×S} M. The conditional score of i given S is
 * its exact marginal gain, s_i = M_ii + Σ_{j∈S}(M_ij + M_ji), so a joint selector only ever needs
 * the symmetrised P = M + Mᵀ. P is stored once so that adding j reads one contiguous row (a column
 * of M would be a strided, cache-hostile read).
 */
public final class SigmoidScorer implements BatchScorer {
    private final ScoreMethod method;
    private final int size;
    private final double[] diagonal;
    private final float[] symmetric;

    private SigmoidScorer(ScoreMethod method, PairMatrix m) {
        this.method = method;
        this.size = m.size();
        int n = size;
        float[] v = m.values();
        this.diagonal = new double[n];
        this.symmetric = new float[n * n];
        for (int i = 0; i < n; i++) {
            diagonal[i] = v[i * n + i];
            for (int j = i + 1; j < n; j++) {
                float p = v[i * n + j] + v[j * n + i];
                symmetric[i * n + j] = p;
                symmetric[j * n + i] = p;
            }
        }
    }

    /**
     * The scorer of a method from logits; for {@link ScoreMethod#UNIFORM} a {@link UniformScorer}.
     *
     * @param learnerLogits   may be null when the method does not need the learner
     * @param referenceLogits may be null when the method does not need the reference
     */
    public static BatchScorer of(ScoreMethod method, PairMatrix learnerLogits, PairMatrix referenceLogits) {
        ScoreMatrix.checkInputs(method, learnerLogits, referenceLogits);
        if (method == ScoreMethod.UNIFORM) {
            return new UniformScorer(ScoreMatrix.sizeOf(learnerLogits, referenceLogits));
        }
        return new SigmoidScorer(method, ScoreMatrix.sigmoid(method, learnerLogits, referenceLogits));
    }

    /** The scorer of a score matrix M already built (e.g. by {@link ScoreMatrix#sigmoid}). */
    public static SigmoidScorer ofScoreMatrix(ScoreMethod method, PairMatrix scoreMatrix) {
        return new SigmoidScorer(method, scoreMatrix);
    }

    @Override
    public ScoreMethod method() {
        return method;
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

    private final class State implements ConditionalScores {
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
    }
}
