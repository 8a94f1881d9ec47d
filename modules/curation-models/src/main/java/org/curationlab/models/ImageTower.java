package org.curationlab.models;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One kind of image tower (docs/models.md): everything about it in one type — its widths on the size
 * ladder, its parameters (names, shapes, initialisation), its SameDiff graph, its forward FLOPs
 * per example at each resolution and, if it has one, its kernels engine. A {@link TwoTowerModel}
 * composes one with the text tower and loss ({@link ContrastiveHead}, {@link TwoTowerGraph}) and
 * the optimiser ({@link AdamOptimiser}). A new tower is one class implementing this and one
 * constant in {@link ImageTowerKind}, the registry of the {@code --tower} names.
 *
 * <p>Every tower maps a batch of images to features [n, embedDim] (before L2 normalisation).
 * Its parameter names start with {@code img_}; checkpoints store them by name.
 */
interface ImageTower {
    /** Widths of the tower at a rung of the ladder (hidden widths, or channels per conv). */
    int[] widths(ModelSize size);

    /** Whether the tower takes images at this resolution (every tower takes FULL: its config's own shape). */
    boolean accepts(ImageResolution resolution);

    /**
     * Refuses, with one line naming the size, an image shape the tower cannot take (a config is
     * checked when made). Every tower takes 1×28×28.
     */
    default void requireShape(ImageShape shape) {
    }

    /** Parameter names in the fixed order of initialisation and checkpoints. */
    List<String> parameterNames(ModelConfig c);

    /**
     * Draws the tower's initial weights from {@code rng} into {@code into}, in
     * {@link #parameterNames} order. The model draws the text tower from the same stream after
     * this, so the order of draws is part of every checkpoint's meaning.
     */
    void initialise(ModelConfig c, Random rng, Map<String, INDArray> into);

    /** Forward FLOPs per example of the config's image shape at a resolution it accepts (see {@link FlopCount}). */
    long forwardFlops(ModelConfig c, ImageResolution resolution);

    /** The graph's image placeholder for the config's image shape, named {@code name}. */
    SDVariable placeholder(SameDiff sd, ModelConfig c, String name);

    /** A validated FLOAT [n, C·side²] batch (the config's shape at a resolution) as the placeholder takes it. */
    INDArray graphInput(INDArray images, ModelConfig c, ImageResolution resolution);

    /** The tower in the graph: features [n, embedDim] of the placeholder {@code x}. */
    SDVariable graph(SameDiff sd, ModelConfig c, Map<String, SDVariable> params, SDVariable x);

    /**
     * The tower on libnd4j's kernels over the model's own weight arrays, or null when it has no
     * such engine and runs only inside the whole graph ({@link TowerEngine#SAMEDIFF}).
     */
    default Kernels kernels(ModelConfig c, Map<String, INDArray> params) {
        return null;
    }

    /** Whether {@link #kernels} gives an engine: then it is the tower's default. */
    default boolean hasKernels() {
        return false;
    }

    /**
     * The patch sizes a patch-based tower runs images of a shape at with the same weights
     * (FlexiViT), its base patch first: the one its weights are stored at and the patch-less calls
     * use. Empty for a tower without patches (MLP, CNN); the model refuses other sizes before asking.
     */
    default List<Integer> patchSizes(ImageShape shape) {
        return List.of();
    }

    /** Forward FLOPs per example of the config's images at one of {@link #patchSizes}. */
    default long forwardFlops(ModelConfig c, int patch) {
        throw new IllegalStateException(getClass().getSimpleName() + " has no patch sizes");
    }

    /**
     * Floats of activations a kernels pass of {@code n} images at one of {@link #patchSizes} keeps
     * from one call to the next (for the memory check before a run, which refuses what cannot fit).
     * 0 for a tower without patches, whose maps are not counted there.
     */
    default long keptActivationFloats(ModelConfig c, int patch, long n) {
        return 0;
    }

    /** Floats a backward pass of {@code n} images at a patch allocates on top of what the pass keeps; 0 when not counted. */
    default long backwardScratchFloats(ModelConfig c, int patch, long n) {
        return 0;
    }

    /** As {@link #graph(SameDiff, ModelConfig, Map, SDVariable)} at one of {@link #patchSizes}. */
    default SDVariable graph(SameDiff sd, ModelConfig c, Map<String, SDVariable> params, SDVariable x, int patch) {
        throw new IllegalStateException(getClass().getSimpleName() + " has no patch sizes");
    }

    /** An image tower run op by op outside SameDiff, with its hand-written backward pass. */
    interface Kernels {
        /** Features [n, embedDim] of FLOAT [n, C·side²] images (the config's shape, at either resolution it takes). */
        INDArray forward(INDArray images);

        /**
         * The gradients of the tower's parameters by name, given d(loss)/d(features) for the
         * images of the last {@link #forward} call with this shape.
         */
        Map<String, INDArray> backward(INDArray images, INDArray featureGradient);

        /** Features of FULL images at one of the tower's {@link #patchSizes}. */
        default INDArray forward(INDArray images, int patch) {
            throw new IllegalStateException(getClass().getSimpleName() + " has no patch sizes");
        }

        /** As {@link #backward(INDArray, INDArray)} for the last {@link #forward(INDArray, int)} at this patch. */
        default Map<String, INDArray> backward(INDArray images, int patch, INDArray featureGradient) {
            throw new IllegalStateException(getClass().getSimpleName() + " has no patch sizes");
        }

        /**
         * Whether a training step may run in a {@link StepWorkspace}: true only when every array these
         * kernels keep between calls is made {@link StepWorkspace#outside} workspaces.
         */
        default boolean stepInWorkspace() {
            return false;
        }
    }
}
