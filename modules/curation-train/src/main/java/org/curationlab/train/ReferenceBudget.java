package org.curationlab.train;

import org.curationlab.data.CurationException;

/**
 * How long a reference trains: a number of steps as given, else a number of passes over the
 * images it trains on, ceil(P x images / batch) steps. One number of passes gives every reference
 * a budget in proportion to its data, so a larger level is neither cut short nor a smaller one
 * over-trained. Used by {@code curate reference} ({@code --iterations}/{@code --passes}) and by a
 * reference a run trains itself ({@code --reference-iterations}/{@code --reference-passes}).
 *
 * @param iterations the steps as given, or null: the steps follow from {@code passes}
 * @param passes     passes over the reference's images, used when {@code iterations} is null
 */
public record ReferenceBudget(Integer iterations, double passes) {
    /**
     * A reference trains this many passes over its images unless its steps are given: at 80 the M
     * CNN's ladder orders its levels and its learners (results/references/levels-passes/table.md,
     * results/curation-level-passes/table.md), while one 1 600-step budget over-trains the
     * 2 000-image levels (curated 0.774 against 0.799 at 80 passes, results/references/levels/table.md).
     * 80 passes over 2 000 images at batch 256 are 625 steps.
     */
    public static final double DEFAULT_PASSES = 80;

    /**
     * The budget {@code iterations} and {@code passes} describe, checked in the user's terms: null
     * {@code passes} is {@link #DEFAULT_PASSES}; both given is refused, naming both flags.
     *
     * @param passesGiven whether the user gave {@code passes} (not merely its default)
     */
    public static ReferenceBudget of(Integer iterations, Double passes, boolean passesGiven, String iterationsFlag, String passesFlag) {
        if (iterations != null && passesGiven) {
            throw bothGiven(iterationsFlag, passesFlag);
        }
        if (iterations != null && iterations < 1) {
            throw new CurationException(iterationsFlag + ": " + iterations + " must be at least 1");
        }
        double p = passes != null ? passes : DEFAULT_PASSES;
        if (!(p > 0) || Double.isInfinite(p)) {
            throw new CurationException(passesFlag + ": " + p + " is not a positive number of passes");
        }
        return new ReferenceBudget(iterations, p);
    }

    /** The one-line refusal of a budget given both as steps and as passes. */
    public static CurationException bothGiven(String iterationsFlag, String passesFlag) {
        return new CurationException("give either " + iterationsFlag + " or " + passesFlag + ", not both");
    }

    /** The steps: {@link #iterations} as given, else ceil(passes x images / batch) (at least one). */
    public int steps(int images, int batch) {
        if (iterations != null) {
            return iterations;
        }
        if (batch < 2) {
            // Before the passes are divided by it: TrainConfig would say the same, later.
            throw new CurationException("--batch: " + batch + " must be at least 2 (a contrastive batch needs negatives)");
        }
        if (images < 1) {
            throw new CurationException("no images to train the reference on (" + images + ")");
        }
        double steps = Math.ceil(passes * images / batch);
        if (steps > Integer.MAX_VALUE) {
            throw new CurationException(passes + " passes over " + images + " images at batch " + batch + " are more than "
                    + Integer.MAX_VALUE + " steps");
        }
        return Math.max(1, (int) steps);
    }

    /** The passes {@code steps} steps of {@code batch} make over {@code images} images (what a record reports). */
    public static double passesOf(int steps, int images, int batch) {
        return (double) steps * batch / images;
    }
}
