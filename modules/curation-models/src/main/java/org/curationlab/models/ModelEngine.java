package org.curationlab.models;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How a {@link TwoTowerModel} computes, one implementation per {@link TowerEngine}: the whole
 * SameDiff graph ({@link TwoTowerGraph}) or the image tower's kernels with the head on ND4J ops
 * ({@link KernelsEngine}). Inputs arrive checked: FLOAT images [n, side²] of a resolution the
 * tower accepts, and token bags [n, V] ({@link TokenBag}); n ≥ 2 wherever pairs are scored.
 */
interface ModelEngine {
    /** L2-normalised image embeddings [n, embedDim]. */
    INDArray imageEmbeddings(INDArray images, ImageResolution resolution);

    /** L2-normalised text embeddings [n, embedDim]. */
    INDArray textEmbeddings(INDArray bag);

    /** Pair logits and losses of a batch of matched pairs, without gradients. */
    PairScores scores(INDArray images, ImageResolution resolution, INDArray bag);

    /** The pair logits of {@link #scores}, bit for bit; an engine may skip the losses. */
    default INDArray logits(INDArray images, ImageResolution resolution, INDArray bag) {
        return scores(images, resolution, bag).logits();
    }

    /** The batch loss and every parameter's gradient by name; the weights do not change. */
    TwoTowerModel.LossAndGradients lossAndGradients(INDArray images, ImageResolution resolution, INDArray bag);

    /** As above for a mixed batch: the 28×28 rows, then the 14×14 rows, against all captions. */
    TwoTowerModel.LossAndGradients lossAndGradients(INDArray images28, INDArray images14, INDArray bag);

    // A patch tower's calls (FlexiViT): 28×28 images at a patch size of ImageTower#patchSizes.

    /** L2-normalised image embeddings of 28×28 images at a patch size. */
    INDArray imageEmbeddings(INDArray images, int patch);

    /** Pair logits and losses of 28×28 images at a patch size, without gradients. */
    PairScores scores(INDArray images, int patch, INDArray bag);

    /** The pair logits of {@link #scores(INDArray, int, INDArray)}, bit for bit; an engine may skip the losses. */
    default INDArray logits(INDArray images, int patch, INDArray bag) {
        return scores(images, patch, bag).logits();
    }

    /**
     * The loss and gradients of a batch in parts, part i of 28×28 images at {@code patches[i]},
     * the parts' embeddings stacked in order against all captions (one part: a plain batch).
     */
    TwoTowerModel.LossAndGradients lossAndGradients(INDArray[] images, int[] patches, INDArray bag);

    /**
     * Whether a training step (loss, gradients and the optimiser's update) may run in a
     * {@link StepWorkspace}: nothing the engine keeps between steps is made inside it.
     */
    default boolean stepInWorkspace() {
        return false;
    }
}
