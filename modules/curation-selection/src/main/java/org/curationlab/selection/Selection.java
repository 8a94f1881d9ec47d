package org.curationlab.selection;

/**
 * The outcome of one selection step.
 *
 * @param indices     the chosen examples of the super-batch, distinct, in the order chosen (after
 *                    swap refinement a swapped-in example takes the slot of the one it replaced)
 * @param score       the batch score of the chosen set under the scorer's method (0 for uniform)
 * @param chunkScores the batch score of the set chosen so far after each chunk (one entry for
 *                    selectors that choose at once): the paper's "learnability vs chunk" curve;
 *                    with swap refinement one more entry, the score after refinement
 */
public record Selection(int[] indices, double score, double[] chunkScores) {
    public Selection {
        indices = indices.clone();
        chunkScores = chunkScores.clone();
    }

    @Override
    public int[] indices() {
        return indices.clone();
    }

    @Override
    public double[] chunkScores() {
        return chunkScores.clone();
    }

    public int size() {
        return indices.length;
    }

    @Override
    public String toString() {
        return "Selection[b=" + indices.length + ", score=" + score + ", chunks=" + chunkScores.length + "]";
    }
}
