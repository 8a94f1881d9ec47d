package org.curationlab.selection;

/**
 * Error norm (EL2N, Paul, Ganguli and Dziugaite 2021, "Deep learning on a data diet"), 1 − e^{−ℓ(x; θ)}:
 * how far the learner's prediction is from the target, not how large its loss is.
 * <p>
 * Under the sigmoid loss a pair's loss is softplus(−y·z), so 1 − e^{−ℓ} = |σ(z) − y|, exactly the
 * error norm of the pair's one output and the magnitude of the loss's gradient with respect to its
 * logit (the gradient-norm bound that importance sampling by Katharopoulos and Fleuret 2018
 * prioritises by). Under the softmax loss ℓ is the example's loss restricted to the selected set,
 * averaged over both directions, so the score is 1 − √(p_i→ · p_→i): one minus the geometric mean
 * of the probabilities the learner gives the matched partner (in one direction 1 − p_ii, half the
 * L1 norm of the softmax error).
 * <p>
 * Why it belongs beside hard learner: both rank a single pair alike, but batch scores are sums
 * over many pairs, and the web pool's noise (misaligned and generic captions) reaches losses far
 * above 1 that keep growing as the learner improves. A loss-sum lets a few such hopeless pairs
 * dominate a batch; each error-norm term saturates at 1, so the score prefers batches of many pairs
 * the learner still gets partly wrong. It needs no reference: the reference-free, gradient-based
 * prioritisation the literature compares learnability against.
 */
public final class ErrorNormScore implements Score {
    @Override
    public String name() {
        return "el2n";
    }

    @Override
    public String summary() {
        return "learner error norm 1 - exp(-l(x; θ)): the gradient's size, bounded so noise cannot dominate";
    }

    @Override
    public boolean usesLearner() {
        return true;
    }

    @Override
    public boolean usesReference() {
        return false;
    }

    @Override
    public double of(double learnerLoss, double referenceLoss) {
        return -Math.expm1(-learnerLoss);
    }

    @Override
    public String toString() {
        return name();
    }
}
