package org.curationlab.models;

/**
 * How a {@link TwoTowerModel} runs its image tower. Both engines compute the same function
 * with the same weights; they differ in speed only (models README, "Speed").
 */
public enum TowerEngine {
    /**
     * The CNN image tower op by op on libnd4j's kernels into arrays kept across steps
     * ({@link CnnTower}), the text tower, logits and loss with their gradients on ND4J ops
     * ({@link ContrastiveHead}). The default for a CNN.
     */
    KERNELS,
    /**
     * The whole model as one SameDiff graph: the reference the kernels are tested against,
     * the benchmark's baseline, and the MLP tower's engine.
     */
    SAMEDIFF;

    /** The engine a model of this tower kind uses unless told otherwise. */
    static TowerEngine defaultFor(ImageTowerKind kind) {
        return kind == ImageTowerKind.CNN ? KERNELS : SAMEDIFF;
    }
}
