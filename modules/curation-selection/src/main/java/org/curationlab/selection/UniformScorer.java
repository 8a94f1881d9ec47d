package org.curationlab.selection;

/**
 * The scorer of the uniform baseline: every sub-batch scores 0, so selectors fall back to a random
 * b of B. It holds no matrices, so the uniform baseline needs no scoring pass at all.
 */
public final class UniformScorer implements BatchScorer {
    private final int size;

    public UniformScorer(int size) {
        if (size < 1) {
            throw new org.curationlab.data.CurationException("super-batch size B = " + size
                    + "; expected B ≥ 1");
        }
        this.size = size;
    }

    @Override
    public Score score() {
        return Scores.UNIFORM;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public double batchScore(int[] subset) {
        BatchScore.checkSubset(subset, size, "subset");
        return 0.0;
    }

    @Override
    public double[] exampleScores() {
        return new double[size];
    }

    @Override
    public ConditionalScores start() {
        return new ConditionalScores() {
            @Override
            public double score(int i) {
                return 0.0;
            }

            @Override
            public void add(int j) {
            }

            @Override
            public double setScore() {
                return 0.0;
            }
        };
    }
}
