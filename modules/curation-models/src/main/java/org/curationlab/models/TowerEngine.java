package org.curationlab.models;

/**
 * How a {@link TwoTowerModel} runs its image tower. Both engines compute the same function
 * with the same weights; they differ in speed only (models README, "Speed").
 */
public enum TowerEngine {
    /**
     * The image tower op by op on libnd4j's kernels into arrays kept across steps
     * ({@link ImageTower#kernels}: the CNN's {@link CnnKernels}), the text tower, logits and
     * loss with their gradients on ND4J ops ({@link ContrastiveHead}); see {@link KernelsEngine}.
     * The default for a tower that has kernels.
     */
    KERNELS,
    /**
     * The whole model as one SameDiff graph: the reference the kernels are tested against,
     * the benchmark's baseline, and the engine of a tower without kernels (the MLP); see
     * {@link TwoTowerGraph}.
     */
    SAMEDIFF;

    /** The engine a model of this tower kind uses unless told otherwise: its kernels if it has them. */
    static TowerEngine defaultFor(ImageTowerKind kind) {
        return kind.tower().hasKernels() ? KERNELS : SAMEDIFF;
    }

    /** This engine over a model's weight arrays (the SameDiff engine re-points the map at its own). */
    ModelEngine start(ModelConfig config, java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> params) {
        return this == KERNELS ? new KernelsEngine(config, params) : new TwoTowerGraph(config, params);
    }
}
