package org.curationlab.models;

/**
 * Exact forward FLOPs per example of the towers as built, for the compute ledger (DESIGN §3).
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

    /** Image tower forward FLOPs for one example at the given side (28 or 14). */
    public static long imageForward(ModelConfig c, int side) {
        ImageResolution res = ImageResolution.ofSide(side);
        long d = c.embedDim();
        if (c.imageTower() == ImageTowerKind.MLP) {
            if (res != ImageResolution.FULL) {
                throw new org.curationlab.data.CurationException(
                        "the MLP image tower takes only 28×28 input; use a CNN tower for 14×14");
            }
            long flops = 0;
            long in = res.pixels();
            for (int h : c.size().mlpHidden()) {
                flops += 2 * in * h;
                in = h;
            }
            return flops + 2 * in * d;
        }
        long flops = 0;
        long in = 1;
        long hw = res.side();
        int[] channels = c.size().cnnChannels();
        for (int i = 0; i < channels.length; i++) {
            flops += 2L * 9 * in * channels[i] * hw * hw;
            in = channels[i];
            if (i < channels.length - 1) {
                hw = hw / 2; // 2×2 max pool, stride 2, no padding
            }
        }
        return flops + 2 * in * d;
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
