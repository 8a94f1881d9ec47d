package org.curationlab.selection;

/**
 * Hard learner, ℓ(x; θ): what the learner still gets wrong. It discards what is already learnt
 * but also up-samples noise (a misaligned caption stays hard for ever). Needs only the learner.
 */
public final class HardLearnerScore implements Score {
    @Override
    public String name() {
        return "hard-learner";
    }

    @Override
    public String summary() {
        return "learner loss l(x; θ): not yet learnt, noise included";
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
        return learnerLoss;
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
