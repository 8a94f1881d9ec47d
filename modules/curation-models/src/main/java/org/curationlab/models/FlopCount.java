package org.curationlab.models;

import java.util.List;

/**
 * Exact forward FLOPs per example of the towers as built, for the compute ledger (docs/selection.md);
 * each image tower counts its own ({@link ImageTower#forwardFlops}), the text tower's are here.
 * A multiply-add counts as 2 FLOPs. Counted: every matmul, dense layer and convolution
 * (2·k²·C_in·C_out per output pixel, padded borders included since im2col multiplies the
 * zeros too). Ignored, being O(activations) rather than O(weights × activations): bias adds,
 * ReLU, max and global-average pooling, L2 normalisation, temperature and bias, the loss.
 * The text tower's masked mean pooling is done as one [n, V]·[V, E] product with a row of
 * normalised token counts, and is counted as that product.
 *
 * <p>It is also the one place that turns these per-example counts into what a step costs: a
 * training step ({@link #trainStep}), a learner's scoring of a super-batch ({@link #scoring}),
 * the reference's one-off embedding of a pool ({@link #embedding}) and a B×B logit product
 * ({@link #logits}); the trainer, the JEST batch policy and the benchmark all charge these.
 */
public final class FlopCount {
    private FlopCount() {
    }

    /**
     * Image tower forward FLOPs for one example of the config's image shape at the given side: the
     * shape's own (FULL) or half of it (HALF; 28 or 14 for 1×28×28). The tower counts them.
     */
    public static long imageForward(ModelConfig c, int side) {
        return imageForward(c, c.imageShape().resolutionOfSide(side));
    }

    /** Image tower forward FLOPs for one example of the config's image shape at a resolution: the tower counts them. */
    public static long imageForward(ModelConfig c, ImageResolution resolution) {
        return c.imageTower().tower().forwardFlops(c, resolution);
    }

    /**
     * Image tower forward FLOPs for one example of the config's image shape at a patch size of a
     * patch tower (the ViT at 4, 7 or 14 for 28×28: the same weights, FlexiViT): the tower counts them.
     */
    public static long imageForwardAtPatch(ModelConfig c, int patch) {
        ImageTower tower = c.imageTower().tower();
        List<Integer> sizes = tower.patchSizes(c.imageShape());
        if (!sizes.contains(patch)) {
            throw new org.curationlab.data.CurationException("patch size " + patch + " is not one the "
                    + c.imageTower() + " image tower runs " + c.imageShape() + " images at; it takes "
                    + sizes.stream().sorted().toList());
        }
        return tower.forwardFlops(c, patch);
    }

    /**
     * One training step of {@code batch} 28×28 examples, the last {@code largeRows} of them at
     * {@code largePatch} and the rest at the tower's base patch (Flexi-JEST's mixed training),
     * plus forward and backward of the B×B logits: {@link #trainStep} with patches for resolutions.
     */
    public static double trainStepAtPatches(ModelConfig c, int batch, int largeRows, int largePatch) {
        long text = textForward(c);
        double base = 3.0 * (imageForwardAtPatch(c, c.imageTower().patchSizes(c.imageShape()).get(0)) + text);
        double large = largeRows > 0 ? 3.0 * (imageForwardAtPatch(c, largePatch) + text) : 0;
        return base * (batch - largeRows) + large * largeRows + 3.0 * logitsPerExample(c, batch) * batch;
    }

    /** A learner's pair scores of a super-batch of B at a patch size: both towers' forward passes and the B×B logits. */
    public static double scoringAtPatch(ModelConfig c, int superBatch, int patch) {
        return (double) superBatch * (imageForwardAtPatch(c, patch) + textForward(c)) + logits(c, superBatch);
    }

    /** Text tower forward FLOPs for one example. */
    public static long textForward(ModelConfig c) {
        ModelSize s = c.size();
        return 2L * c.vocabSize() * s.textEmbedDim()
                + 2L * s.textEmbedDim() * s.textHidden()
                + 2L * s.textHidden() * c.embedDim();
    }

    /** Per-example share of the B×B logits product: 2·B·embedDim. */
    public static long logitsPerExample(ModelConfig c, int batchSize) {
        return 2L * batchSize * c.embedDim();
    }

    /** Training FLOPs per example, both towers, excluding the logits: 3 × forward (the backward pass as twice the forward). */
    public static long trainPerExample(ModelConfig c, ImageResolution resolution) {
        return 3 * (imageForward(c, resolution) + textForward(c));
    }

    /**
     * One training step of {@code batch} examples, the last {@code lowRes} of them at half
     * resolution (multi-resolution training), plus forward and backward of the B×B logits.
     */
    public static double trainStep(ModelConfig c, int batch, int lowRes) {
        double full = trainPerExample(c, ImageResolution.FULL);
        double half = lowRes > 0 ? trainPerExample(c, ImageResolution.HALF) : 0;
        return full * (batch - lowRes) + half * lowRes + 3.0 * logitsPerExample(c, batch) * batch;
    }

    /** A learner's pair scores of a super-batch of B: both towers' forward passes at the scoring resolution and the B×B logits. */
    public static double scoring(ModelConfig c, int superBatch, ImageResolution resolution) {
        return (double) superBatch * (imageForward(c, resolution) + textForward(c)) + logits(c, superBatch);
    }

    /** Embedding {@code n} pairs at full resolution, both towers (the reference's one-off pre-scoring of a pool). */
    public static double embedding(ModelConfig c, int n) {
        return (double) n * (imageForward(c, ImageResolution.FULL) + textForward(c));
    }

    /** One B×B logit matrix from embeddings already computed. */
    public static double logits(ModelConfig c, int batchSize) {
        return (double) logitsPerExample(c, batchSize) * batchSize;
    }
}
