package org.curationlab.models;

/**
 * Exact forward FLOPs per example of the towers as built, for the compute ledger (DESIGN §3);
 * each image tower counts its own ({@link ImageTower#forwardFlops}), the text tower's are here.
 * A multiply-add counts as 2 FLOPs. Counted: every matmul, dense layer and convolution
 * (2·k²·C_in·C_out per output pixel, padded borders included since im2col multiplies the
 * zeros too). Ignored, being O(activations) rather than O(weights × activations): bias adds,
 * ReLU, max and global-average pooling, L2 normalisation, temperature and bias, the loss.
 * The text tower's masked mean pooling is done as one [n, V]·[V, E] product with a row of
 * normalised token counts, and is counted as that product.
 */
public final class FlopCount {
    private FlopCount() {
    }

    /** Image tower forward FLOPs for one example at the given side (28 or 14): the tower counts them. */
    public static long imageForward(ModelConfig c, int side) {
        return c.imageTower().tower().forwardFlops(c, ImageResolution.ofSide(side));
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
}
