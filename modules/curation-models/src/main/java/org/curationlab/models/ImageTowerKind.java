package org.curationlab.models;

/**
 * The registry of image towers: each constant names a tower (its lower-case name is the
 * {@code --tower} value and {@code model.imageTower} in a checkpoint) and holds its type, which
 * owns everything else about it ({@link ImageTower}). A new tower is its class and one line here.
 */
public enum ImageTowerKind {
    /** Fully connected layers over the flattened C×H×W image; full resolution only. */
    MLP(new MlpTower()),
    /** 3×3 conv blocks with 2×2 max pooling and global average pooling; any resolution. */
    CNN(new CnnTower()),
    /** A vision transformer over P×P×C patches; runs at several patch sizes with the same weights (FlexiViT). */
    VIT(new VitTower());

    private final ImageTower tower;

    ImageTowerKind(ImageTower tower) {
        this.tower = tower;
    }

    ImageTower tower() {
        return tower;
    }

    /**
     * Whether this tower takes images at the resolution: only a tower ending in global pooling
     * takes the 14×14 input that JEST's Flexi variant uses for cheap scoring and mixed training.
     */
    public boolean accepts(ImageResolution resolution) {
        return tower.accepts(resolution);
    }

    /**
     * The patch sizes the tower runs 28×28 images at with the same weights, its base patch first;
     * empty for a tower without patches.
     */
    public java.util.List<Integer> patchSizes() {
        return tower.patchSizes(ImageShape.DEFAULT);
    }

    /** The patch sizes the tower runs images of this shape at, its base patch first; empty without patches. */
    public java.util.List<Integer> patchSizes(ImageShape shape) {
        return tower.patchSizes(shape);
    }

    /**
     * Floats of activations the tower's kernels keep for {@code n} images of the config's shape at a
     * patch size (one such pass per batch shape and patch a run uses); 0 for a tower without patches.
     */
    public long keptActivationFloats(ModelConfig c, int patch, long n) {
        return tower.keptActivationFloats(c, patch, n);
    }

    /** Floats one backward pass of {@code n} images at a patch allocates on top of the kept ones; 0 without patches. */
    public long backwardScratchFloats(ModelConfig c, int patch, long n) {
        return tower.backwardScratchFloats(c, patch, n);
    }

    /** Refuses, in one line naming the size, an image shape the tower cannot take. */
    public void requireShape(ImageShape shape) {
        tower.requireShape(shape);
    }

    /** The tower's widths at a rung of the ladder: hidden widths, channels per 3×3 conv, or a ViT's width, depth, heads and MLP width. */
    public int[] widths(ModelSize size) {
        return tower.widths(size);
    }

    /** The {@code --tower} values, lower case, in registry order (what the CLI's help lists). */
    public static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(values()).map(k -> k.name().toLowerCase(java.util.Locale.ROOT)).iterator();
        }
    }
}
