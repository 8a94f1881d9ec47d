package org.curationlab.selection;

import org.curationlab.data.CurationException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The JEST score matrix M for the sigmoid loss (paper §2.1, docs/selection.md): the score's formula applied
 * to each pair's losses, M_ij = {@link Score#of}(L_learner_ij, L_reference_ij) (learnability
 * M = L_learner − L_reference, and so on). The score of a sub-batch S is then the sum of M over
 * S×S ({@link BatchScore}).
 */
public final class ScoreMatrix {
    private ScoreMatrix() {
    }

    /**
     * Builds M from logits.
     *
     * @param learnerLogits   may be null when the method does not need the learner
     * @param referenceLogits may be null when the method does not need the reference
     */
    public static PairMatrix sigmoid(Score score, PairMatrix learnerLogits, PairMatrix referenceLogits) {
        checkInputs(score, learnerLogits, referenceLogits);
        int n = sizeOf(learnerLogits, referenceLogits);
        float[] m = new float[n * n];
        if (!score.usesModels()) {
            return PairMatrix.of(score.name() + " score matrix", m);
        }
        float[] learner = score.usesLearner() ? learnerLogits.values() : null;
        float[] reference = score.usesReference() ? referenceLogits.values() : null;
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                int k = row + j;
                double l = learner == null ? 0.0 : SigmoidPairLoss.softplus(i == j ? -learner[k] : learner[k]);
                double r = reference == null ? 0.0 : SigmoidPairLoss.softplus(i == j ? -reference[k] : reference[k]);
                // 0.0 + …: a zero score is +0, as when the losses were accumulated from 0.
                m[k] = (float) (0.0 + score.of(l, r));
            }
        }
        return PairMatrix.of(score.name() + " score matrix", m);
    }

    /** {@link #checkInputs(Score, PairMatrix, PairMatrix)} for INDArray logits; returns B. */
    static int checkInputs(Score method, INDArray learner, INDArray reference) {
        int learnerSize = learner == null ? 0 : Nd4jKernels.checkSquare("learner logits", learner);
        int referenceSize = reference == null ? 0 : Nd4jKernels.checkSquare("reference logits", reference);
        checkPresence(method, learner != null, reference != null);
        if (learner != null && reference != null && learnerSize != referenceSize) {
            throw new CurationException("reference logits are " + referenceSize + "×" + referenceSize
                    + " but learner logits are " + learnerSize + "×" + learnerSize
                    + "; expected the same super-batch size B");
        }
        return learner != null ? learnerSize : referenceSize;
    }

    private static void checkPresence(Score method, boolean learner, boolean reference) {
        if (method == null) {
            throw new CurationException("score method is missing; expected one of " + Scores.names());
        }
        if (method.usesLearner() && !learner) {
            throw new CurationException("learner logits are missing; score method '" + method.name()
                    + "' needs the learner's B×B pair logits");
        }
        if (method.usesReference() && !reference) {
            throw new CurationException("reference logits are missing; score method '" + method.name()
                    + "' needs the reference's B×B pair logits");
        }
        if (!learner && !reference) {
            throw new CurationException("both learner and reference logits are missing; even '" + method.name()
                    + "' needs one of them to know the super-batch size B");
        }
    }

    /** Checks that the matrices the method needs are there and agree on B. */
    static void checkInputs(Score method, PairMatrix learner, PairMatrix reference) {
        checkPresence(method, learner != null, reference != null);
        if (learner != null && reference != null && learner.size() != reference.size()) {
            throw new CurationException("reference logits are " + reference.size() + "×" + reference.size()
                    + " but learner logits are " + learner.size() + "×" + learner.size()
                    + "; expected the same super-batch size B");
        }
    }

    static int sizeOf(PairMatrix learner, PairMatrix reference) {
        return learner != null ? learner.size() : reference.size();
    }
}
