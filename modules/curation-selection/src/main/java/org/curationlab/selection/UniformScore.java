package org.curationlab.selection;

/** No score: a random b of B, the baseline every curve is compared against. Needs neither model. */
public final class UniformScore implements Score {
    @Override
    public String name() {
        return "uniform";
    }

    @Override
    public String summary() {
        return "none: a random b of B (the baseline)";
    }

    @Override
    public boolean usesLearner() {
        return false;
    }

    @Override
    public boolean usesReference() {
        return false;
    }

    @Override
    public double of(double learnerLoss, double referenceLoss) {
        return 0.0;
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
