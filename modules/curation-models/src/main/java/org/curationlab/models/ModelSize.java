package org.curationlab.models;

import java.util.Arrays;

/**
 * The model-size ladder (DESIGN §2): each step grows the parameter count by about ×2–×4 for
 * either image tower kind, so that error-vs-parameters fits have four roughly log-spaced points.
 * Both towers grow together, as in the JEST paper's ViT-S/B/L ladder where image and text
 * towers scale jointly. Sizes are laptop-scale: M with a CNN trains at hundreds of examples/s
 * on two CPU cores.
 */
public enum ModelSize {
    //   CNN channels per 3×3 conv    MLP hidden widths      text embed, text hidden
    S(new int[] {16, 32},            new int[] {64},         32, 64),
    M(new int[] {16, 32, 64},        new int[] {128, 128},   64, 128),
    L(new int[] {32, 64, 96},        new int[] {256, 256},   128, 256),
    XL(new int[] {32, 64, 128, 128}, new int[] {512, 512},   256, 512);

    private final int[] cnnChannels;
    private final int[] mlpHidden;
    private final int textEmbedDim;
    private final int textHidden;

    ModelSize(int[] cnnChannels, int[] mlpHidden, int textEmbedDim, int textHidden) {
        this.cnnChannels = cnnChannels;
        this.mlpHidden = mlpHidden;
        this.textEmbedDim = textEmbedDim;
        this.textHidden = textHidden;
    }

    /** Output channels of each 3×3 conv; a 2×2 max pool follows every conv but the last. */
    public int[] cnnChannels() {
        return Arrays.copyOf(cnnChannels, cnnChannels.length);
    }

    /** Widths of the ReLU hidden layers of the MLP image tower. */
    public int[] mlpHidden() {
        return Arrays.copyOf(mlpHidden, mlpHidden.length);
    }

    /** Width of the token embeddings of the text tower. */
    public int textEmbedDim() {
        return textEmbedDim;
    }

    /** Width of the text tower's one ReLU hidden layer after pooling. */
    public int textHidden() {
        return textHidden;
    }
}
