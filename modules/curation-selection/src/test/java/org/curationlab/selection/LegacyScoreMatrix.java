package org.curationlab.selection;

import org.curationlab.data.CurationException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The JEST score matrix M for the sigmoid loss (paper §2.1, DESIGN §3): learnability
 * M = L_learner − L_reference, easy reference M = −L_reference, hard learner M = L_learner. The
 * score of a sub-batch S is then the sum of M over S×S ({@link BatchScore}).
 */
final class LegacyScoreMatrix {
    private LegacyScoreMatrix() {
    }

    /**
     * Builds M from logits.
     *
     * @param learnerLogits   may be null when the method does not need the learner
     * @param referenceLogits may be null when the method does not need the reference
     */
    public static PairMatrix sigmoid(LegacyScoreMethod method, PairMatrix learnerLogits, PairMatrix referenceLogits) {
        checkInputs(method, learnerLogits, referenceLogits);
        int n = sizeOf(learnerLogits, referenceLogits);
        float[] m = new float[n * n];
        if (method == LegacyScoreMethod.UNIFORM) {
            return PairMatrix.of("uniform score matrix", m);
        }
        float[] learner = method.needsLearner() ? learnerLogits.values() : null;
        float[] reference = method.needsReference() ? referenceLogits.values() : null;
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                int k = row + j;
                double v = 0.0;
                if (learner != null) {
                    v += SigmoidPairLoss.softplus(i == j ? -learner[k] : learner[k]);
                }
                if (reference != null) {
                    v -= SigmoidPairLoss.softplus(i == j ? -reference[k] : reference[k]);
                }
                m[k] = (float) v;
            }
        }
        return PairMatrix.of(method.cliName() + " score matrix", m);
    }

    /** {@link #checkInputs(LegacyScoreMethod, PairMatrix, PairMatrix)} for INDArray logits; returns B. */
    static int checkInputs(LegacyScoreMethod method, INDArray learner, INDArray reference) {
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

    private static void checkPresence(LegacyScoreMethod method, boolean learner, boolean reference) {
        if (method == null) {
            throw new CurationException("score method is missing; expected one of uniform, hard-learner, "
                    + "easy-reference, learnability");
        }
        if (method.needsLearner() && !learner) {
            throw new CurationException("learner logits are missing; score method '" + method
                    + "' needs the learner's B×B pair logits");
        }
        if (method.needsReference() && !reference) {
            throw new CurationException("reference logits are missing; score method '" + method
                    + "' needs the reference's B×B pair logits");
        }
        if (!learner && !reference) {
            throw new CurationException("both learner and reference logits are missing; even '" + method
                    + "' needs one of them to know the super-batch size B");
        }
    }

    /** Checks that the matrices the method needs are there and agree on B. */
    static void checkInputs(LegacyScoreMethod method, PairMatrix learner, PairMatrix reference) {
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
