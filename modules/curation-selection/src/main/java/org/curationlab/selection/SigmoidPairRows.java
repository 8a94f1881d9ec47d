package org.curationlab.selection;

import org.curationlab.data.CurationException;

/**
 * Rows of the sigmoid scorer's P = M + Mᵀ computed from the logits when a joint selector asks for
 * them, instead of all B² pairs up front. A joint selection of b from B reads only the rows of the
 * examples it adds (b·B pairs, and fewer: the columns of examples already selected are never read),
 * against B²/2 pairs for the whole matrix: at b = B/5 that is about a third of the pair losses, and
 * the logits are read in place (no B² copies or allocations per step).
 * <p>
 * Each entry is computed exactly as the whole-matrix pass computes it (table softplus of both
 * directions' logits, the score applied as there), and float addition is commutative, so
 * P_ij = P_ji here is bit-for-bit the value the eager pass stores: selections do not change.
 */
final class SigmoidPairRows {
    private final Score score;
    private final boolean linear;
    private final LogitSource learner;
    private final LogitSource reference;
    private final int n;

    /**
     * @param learner   null when the score does not use the learner
     * @param reference null when the score does not use the reference
     */
    SigmoidPairRows(Score score, LogitSource learner, LogitSource reference, int n) {
        this.score = score;
        this.linear = score.linear();
        this.learner = learner;
        this.reference = reference;
        this.n = n;
    }

    /** P_ij = M_ij + M_ji for i ≠ j, from the logits at row-major indices ij = i·B + j and ji = j·B + i. */
    private float pair(int ij, int ji) {
        // Off the diagonal y = −1, so each pair loss is softplus(+logit).
        float lij = learner == null ? 0f : FastSoftplus.softplus(learner.at(ij));
        float lji = learner == null ? 0f : FastSoftplus.softplus(learner.at(ji));
        float rij = reference == null ? 0f : FastSoftplus.softplus(reference.at(ij));
        float rji = reference == null ? 0f : FastSoftplus.softplus(reference.at(ji));
        // As in SigmoidScorer's whole-matrix pass: float sums of the two directions, one call in double
        // rounded once to float (for a linear score), else each direction scored and the two summed.
        return linear ? 0f + (float) score.of(lij + lji, rij + rji)
                : (float) (score.of(lij, rij) + score.of(lji, rji));
    }

    /** P_ij, 0 on the diagonal. */
    float get(int i, int j) {
        if (i == j) {
            return 0f;
        }
        float p = pair(i * n + j, j * n + i);
        if (!Float.isFinite(p)) {
            throw notFinite();
        }
        return p;
    }

    /**
     * Rows js[0..count) of P into {@code out}, row m starting at {@code offsets[m]}. Columns i with
     * {@code skip[i]} (skip may be null) are written as 0 without being computed. Splits the columns
     * over the scoring threads when the block is large enough.
     */
    void rows(int[] js, int count, boolean[] skip, float[] out, int[] offsets) {
        int parts = ScoringThreads.parts();
        boolean[] finite = new boolean[parts];
        ScoringThreads.forEach(parts, (long) count * n, t -> finite[t] = block(js, count, skip, out, offsets,
                (int) ((long) n * t / parts), (int) ((long) n * (t + 1) / parts)));
        for (boolean f : finite) {
            if (!f) {
                throw notFinite();
            }
        }
    }

    /** Columns [lo, hi) of the block; whether every computed entry is finite. */
    private boolean block(int[] js, int count, boolean[] skip, float[] out, int[] offsets, int lo, int hi) {
        boolean ok = true;
        for (int i = lo; i < hi; i++) {
            boolean skipped = skip != null && skip[i];
            int rowI = i * n;
            for (int m = 0; m < count; m++) {
                int j = js[m];
                float p = 0f;
                if (j != i && !skipped) {
                    // Row i of the logits holds (i, j); row j holds (j, i): the k members' reads of
                    // row i stay within it, and their rows are k sequential streams.
                    p = pair(rowI + j, j * n + i);
                    ok &= Float.isFinite(p);
                }
                out[offsets[m] + i] = p;
            }
        }
        return ok;
    }

    private CurationException notFinite() {
        return new CurationException(score.name() + " pair losses are not finite from finite logits;"
                + " expected logits small enough for float pair losses");
    }
}
