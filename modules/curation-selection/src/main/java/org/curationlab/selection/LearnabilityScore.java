package org.curationlab.selection;

/**
 * Learnability, ℓ(x; θ) − ℓ(x; θ*): hard for the learner, easy for the reference, so not yet
 * learnt but learnable (noise is hard for both and cancels). The paper's default; with the frozen
 * reference as the holdout model it is also RHO-LOSS's reducible loss.
 */
public final class LearnabilityScore implements Score {
    @Override
    public String name() {
        return "learnability";
    }

    @Override
    public String summary() {
        return "l(x; θ) - l(x; θ*): not yet learnt, but learnable (the paper's default)";
    }

    @Override
    public boolean usesLearner() {
        return true;
    }

    @Override
    public boolean usesReference() {
        return true;
    }

    @Override
    public double of(double learnerLoss, double referenceLoss) {
        return learnerLoss - referenceLoss;
    }

    @Override
    public boolean linear() {
        return true;
    }

    @Override
    public String toString() {
        return name();
    }
}
