package org.curationlab.models;

/**
 * The model-size ladder (docs/models.md): each step grows the parameter count by about ×2–×4 for
 * every image tower, so that error-vs-parameters fits have four roughly log-spaced points.
 * Both towers grow together, as in the JEST paper's ViT-S/B/L ladder where image and text
 * towers scale jointly: each image tower holds its own widths per rung
 * ({@link ImageTowerKind#widths}), the text tower's are here. Sizes are laptop-scale: M with a
 * CNN trains at hundreds of examples/s on two CPU cores.
 */
public enum ModelSize {
    //  text embed, text hidden
    S(32, 64),
    M(64, 128),
    L(128, 256),
    XL(256, 512);

    private final int textEmbedDim;
    private final int textHidden;

    ModelSize(int textEmbedDim, int textHidden) {
        this.textEmbedDim = textEmbedDim;
        this.textHidden = textHidden;
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
