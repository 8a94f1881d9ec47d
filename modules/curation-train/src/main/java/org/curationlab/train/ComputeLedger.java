package org.curationlab.train;

/**
 * The FLOPs a run has spent, by purpose: the point of the JEST paper is that selection must pay
 * for itself, so every run keeps this ledger (docs/selection.md). Training counts forward + backward
 * (3 × forward) per example trained; learner scoring counts forward passes at the scoring
 * resolution plus the B×B logit products; reference scoring counts the one-off embedding of the
 * pool by the frozen reference (amortised: charged once, when it happens) plus its B×B products.
 */
public final class ComputeLedger {
    /** The ledger's columns in {@code eval.csv} and fields in a checkpoint's state, spelled once here. */
    public static final String EXAMPLES = "examples";
    public static final String TRAIN = "flops_train";
    public static final String SCORE_LEARNER = "flops_score_learner";
    public static final String SCORE_REFERENCE = "flops_score_reference";
    public static final String TOTAL = "flops_total";

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

    /** The ledger as its {@code eval.csv} columns, in order: examples, then FLOPs by purpose and in total. */
    public java.util.Map<String, Object> columns() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put(EXAMPLES, examples);
        m.put(TRAIN, train);
        m.put(SCORE_LEARNER, scoreLearner);
        m.put(SCORE_REFERENCE, scoreReference);
        m.put(TOTAL, total());
        return m;
    }

    /** Restores a ledger saved with a checkpoint. */
    public void restore(long examples, double train, double scoreLearner, double scoreReference) {
        this.examples = examples;
        this.train = train;
        this.scoreLearner = scoreLearner;
        this.scoreReference = scoreReference;
    }
}
