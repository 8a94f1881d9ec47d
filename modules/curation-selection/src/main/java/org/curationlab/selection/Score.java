package org.curationlab.selection;

/**
 * What "good data" means for a selector (JEST paper §2.1, docs/selection.md): a formula over the loss the
 * learner and the frozen reference each give one unit of a super-batch. The same formula serves
 * both contrastive losses:
 * <ul>
 *   <li>sigmoid (SigLIP): the unit is a pair (i, j) and the losses are its pair losses, so the
 *   score matrix is M_ij = {@link #of}(L_ij, L*_ij) and a set S scores Σ_{S×S} M ({@link SigmoidScorer});</li>
 *   <li>softmax (CLIP): the unit is an example i and the losses are its loss restricted to the
 *   selected set, so S scores Σ_{i∈S} {@link #of}(ℓ_i(S), ℓ*_i(S)) ({@link SoftmaxScorer}).</li>
 * </ul>
 * A score is one small file and one line in {@link Scores}, which the command line, run records,
 * help text and error messages read; nothing else names the scores.
 */
public interface Score {
    /** The name on the command line, in sweep specs and in result rows, e.g. {@code "easy-reference"}. */
    String name();

    /** One line for help text and the README: the formula and what it prefers. */
    String summary();

    /** Whether {@link #of} reads the learner's loss (then the learner scores every super-batch). */
    boolean usesLearner();

    /** Whether {@link #of} reads the reference's loss (then the pool is pre-scored by the reference). */
    boolean usesReference();

    /**
     * The score of one pair (sigmoid) or one example (softmax) from the learner's loss and the
     * reference's; a loss the score does not use is passed as 0.
     */
    double of(double learnerLoss, double referenceLoss);

    /**
     * Whether {@link #of} is affine in the two losses, w_l·L + w_r·L* + c. The sigmoid scorer then
     * reads the weights off {@link #of} once and applies them across a whole row in SIMD; any other
     * score is called per entry.
     */
    default boolean linear() {
        return false;
    }

    /** Whether the score reads any model; a score that reads none is the uniform baseline (a random b of B). */
    default boolean usesModels() {
        return usesLearner() || usesReference();
    }
}
