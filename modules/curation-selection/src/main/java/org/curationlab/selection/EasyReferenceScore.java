package org.curationlab.selection;

/**
 * Easy reference, −ℓ(x; θ*): what a model trained on curated data finds easy. The reference is
 * frozen, so this is "pre-scored data": a fixed prior over the pool, blind to what the learner
 * already knows. Needs only the reference.
 */
public final class EasyReferenceScore implements Score {
    @Override
    public String name() {
        return "easy-reference";
    }

    @Override
    public String summary() {
        return "minus the reference loss -l(x; θ*): what a curated model finds easy";
    }

    @Override
    public boolean usesLearner() {
        return false;
    }

    @Override
    public boolean usesReference() {
        return true;
    }

    @Override
    public double of(double learnerLoss, double referenceLoss) {
        return -referenceLoss;
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
