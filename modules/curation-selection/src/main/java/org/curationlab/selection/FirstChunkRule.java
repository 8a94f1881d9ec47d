package org.curationlab.selection;

/**
 * How the joint selector draws its first chunk, when nothing is selected yet to condition on.
 */
public enum FirstChunkRule {
    /** The paper's rule: sample from softmax(diag M), each example scored alone. */
    DIAGONAL_SOFTMAX,
    /** A uniformly random first chunk: seeds the joint search without trusting the diagonal. */
    UNIFORM,
    /** The top of diag M, for a fully greedy (deterministic) selector. */
    GREEDY
}
