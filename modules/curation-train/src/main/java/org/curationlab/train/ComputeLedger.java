package org.curationlab.train;

/**
 * The FLOPs a run has spent, by purpose: the point of the JEST paper is that selection must pay
 * for itself, so every run keeps this ledger (DESIGN §3). Training counts forward + backward
 * (3 × forward) per example trained; learner scoring counts forward passes at the scoring
 * resolution plus the B×B logit products; reference scoring counts the one-off embedding of the
 * pool by the frozen reference (amortised: charged once, when it happens) plus its B×B products.
 */
public final class ComputeLedger {
    private long examples;
    private double train;
    private double scoreLearner;
    private double scoreReference;

    public void addTraining(long examplesTrained, double flops) {
        examples += examplesTrained;
        train += flops;
    }

    public void addLearnerScoring(double flops) {
        scoreLearner += flops;
    }

    public void addReferenceScoring(double flops) {
        scoreReference += flops;
    }

    public long examples() {
        return examples;
    }

    public double train() {
        return train;
    }

    public double scoreLearner() {
        return scoreLearner;
    }

    public double scoreReference() {
        return scoreReference;
    }

    public double total() {
        return train + scoreLearner + scoreReference;
    }

    /** Restores a ledger saved with a checkpoint. */
    public void restore(long examples, double train, double scoreLearner, double scoreReference) {
        this.examples = examples;
        this.train = train;
        this.scoreLearner = scoreLearner;
        this.scoreReference = scoreReference;
    }
}
