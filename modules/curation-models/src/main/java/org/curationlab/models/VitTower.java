package org.curationlab.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.curationlab.data.CurationException;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The vision transformer image tower (Dosovitskiy et al. 2021), the tower JEST trains: the C×S×S
 * image cut into P×P×C patches, each flattened (channel-major, as the image) and mapped linearly to
 * width D, plus a learned position embedding, one per cell of the (S/P)×(S/P) grid; pre-LayerNorm blocks of multi-head self-attention and a GELU MLP, each
 * added to the residual stream; a final LayerNorm, the mean over the tokens, a linear projection
 * to the shared embedding. Its parameters, SameDiff graph (the reference), FLOPs and size ladder
 * are here; its kernels engine is {@link VitKernels}.
 *
 * <p>One set of weights runs at several patch sizes, as FlexiViT does (Beyer et al. 2023): the
 * weights are stored at the base patch (7: a 4×4 grid, as ViT-B/16 cuts 224² into 14×14) and
 * resized on the fly for another ({@link FlexiResize}): 14 for cheap scoring (a 2×2 grid, 4× fewer
 * tokens, as Flexi-JEST's patch 32 against 16) or 4 (a 7×7 grid). Sides 32 and 64 run at patches
 * 8 (base: a 4×4 or 8×8 grid), 4 and 16 ({@link #patches}); other sides, and patch sizes that do not
 * tile the side, are refused.
 *
 * <p>GELU is the tanh approximation ({@code jax.nn.gelu}'s default), written out in both engines;
 * LayerNorm's epsilon is 1e-6 (flax's).
 */
final class VitTower implements ImageTower {
    /** The patch 28×28 weights are stored at; the first of {@link #PATCHES}. */
    static final int BASE_PATCH = 7;
    /** Patch sizes that tile 28×28 into a grid of at least 2×2, base first. */
    static final List<Integer> PATCHES = List.of(BASE_PATCH, 4, 14);
    /** Patch sizes for sides 32 and 64, base first: 8 (a 4×4 or 8×8 grid), 4, and 16 for cheap scoring. */
    static final List<Integer> PATCHES_32_64 = List.of(8, 4, 16);
    static final double LN_EPSILON = 1e-6;
    /** √(2/π) and the cubic coefficient of the tanh GELU. */
    static final double GELU_K = Math.sqrt(2 / Math.PI);
    static final double GELU_C = 0.044715;

    static final String PATCH_W = "img_patch_w";
    static final String PATCH_B = "img_patch_b";
    static final String POSITIONS = "img_pos";
    static final String FINAL_LN_G = "img_ln_g";
    static final String FINAL_LN_B = "img_ln_b";
    static final String PROJECTION_W = "img_proj_w";
    static final String PROJECTION_B = "img_proj_b";

    /**
     * Width D, depth, attention heads and MLP width of a rung; each rung about ×2–×4 the parameters
     * of the one below, model included (as the MLP and CNN ladders).
     */
    record Shape(int width, int depth, int heads, int mlpHidden) {
        int headDim() {
            return width / heads;
        }
    }

    static Shape shape(ModelSize size) {
        return switch (size) {
            case S -> new Shape(32, 2, 2, 128);
            case M -> new Shape(64, 2, 4, 256);
            case L -> new Shape(96, 3, 4, 384);
            case XL -> new Shape(128, 5, 4, 512);
        };
    }

    /** Width, depth, heads and MLP width. */
    @Override
    public int[] widths(ModelSize size) {
        Shape s = shape(size);
        return new int[] {s.width(), s.depth(), s.heads(), s.mlpHidden()};
    }

    @Override
    public boolean accepts(ImageResolution resolution) {
        return resolution == ImageResolution.FULL; // a larger patch, not a smaller image, is its cheap view
    }

    @Override
    public List<Integer> patchSizes(ImageShape shape) {
        return patches(shape);
    }

    /** The patch sizes for a side the tower takes, base first; one line naming the sides it takes otherwise. */
    static List<Integer> patches(ImageShape shape) {
        return switch (shape.side()) {
            case 28 -> PATCHES;
            case 32, 64 -> PATCHES_32_64;
            default -> throw new CurationException("image size " + shape.side() + " is not one the vit tower takes: "
                    + "it takes 28 (patches 4, 7, 14), 32 or 64 (patches 4, 8, 16)");
        };
    }

    /** The patch the weights are stored at for images of this shape. */
    static int basePatch(ImageShape shape) {
        return patches(shape).get(0);
    }

    @Override
    public void requireShape(ImageShape shape) {
        patches(shape);
    }

    /** The names of block i's parameters, in draw order. */
    static final String[] BLOCK_PARTS = {"ln1_g", "ln1_b", "qkv_w", "qkv_b", "out_w", "out_b",
        "ln2_g", "ln2_b", "mlp1_w", "mlp1_b", "mlp2_w", "mlp2_b"};

    static String block(int i, String part) {
        return "img_blk" + i + "_" + part;
    }

    @Override
    public List<String> parameterNames(ModelConfig c) {
        List<String> names = new ArrayList<>(List.of(PATCH_W, PATCH_B, POSITIONS));
        for (int i = 0; i < shape(c.size()).depth(); i++) {
            for (String part : BLOCK_PARTS) {
                names.add(block(i, part));
            }
        }
        names.addAll(List.of(FINAL_LN_G, FINAL_LN_B, PROJECTION_W, PROJECTION_B));
        return List.copyOf(names);
    }

    /**
     * LeCun-normal weights (variance 1/fan-in), zero biases, unit LayerNorm gains; position
     * embeddings N(0, 1/D) as big_vision's learned ones.
     */
    @Override
    public void initialise(ModelConfig c, Random rng, Map<String, INDArray> into) {
        Shape s = shape(c.size());
        int d = s.width();
        ImageShape image = c.imageShape();
        int base = basePatch(image);
        int pp = image.channels() * base * base;
        int tokens = tokens(image, base);
        into.put(PATCH_W, TowerParameters.gaussian(rng, Math.sqrt(1.0 / pp), pp, d));
        into.put(PATCH_B, Nd4j.zeros(DataType.FLOAT, d));
        into.put(POSITIONS, TowerParameters.gaussian(rng, Math.sqrt(1.0 / d), tokens, d));
        for (int i = 0; i < s.depth(); i++) {
            into.put(block(i, "ln1_g"), Nd4j.ones(DataType.FLOAT, d));
            into.put(block(i, "ln1_b"), Nd4j.zeros(DataType.FLOAT, d));
            into.put(block(i, "qkv_w"), TowerParameters.gaussian(rng, Math.sqrt(1.0 / d), d, 3 * d));
            into.put(block(i, "qkv_b"), Nd4j.zeros(DataType.FLOAT, 3 * d));
            into.put(block(i, "out_w"), TowerParameters.gaussian(rng, Math.sqrt(1.0 / d), d, d));
            into.put(block(i, "out_b"), Nd4j.zeros(DataType.FLOAT, d));
            into.put(block(i, "ln2_g"), Nd4j.ones(DataType.FLOAT, d));
            into.put(block(i, "ln2_b"), Nd4j.zeros(DataType.FLOAT, d));
            into.put(block(i, "mlp1_w"), TowerParameters.gaussian(rng, Math.sqrt(1.0 / d), d, s.mlpHidden()));
            into.put(block(i, "mlp1_b"), Nd4j.zeros(DataType.FLOAT, s.mlpHidden()));
            into.put(block(i, "mlp2_w"), TowerParameters.gaussian(rng, Math.sqrt(1.0 / s.mlpHidden()), s.mlpHidden(), d));
            into.put(block(i, "mlp2_b"), Nd4j.zeros(DataType.FLOAT, d));
        }
        into.put(FINAL_LN_G, Nd4j.ones(DataType.FLOAT, d));
        into.put(FINAL_LN_B, Nd4j.zeros(DataType.FLOAT, d));
        into.put(PROJECTION_W, TowerParameters.gaussian(rng, Math.sqrt(1.0 / d), d, c.embedDim()));
        into.put(PROJECTION_B, Nd4j.zeros(DataType.FLOAT, c.embedDim()));
    }

    /** Patches per side at a patch size. */
    static int grid(ImageShape image, int patch) {
        return image.side() / patch;
    }

    /** Tokens per image at a patch size. */
    static int tokens(ImageShape image, int patch) {
        return grid(image, patch) * grid(image, patch);
    }

    /** A patch size the tower takes for images of this shape, or a one-line refusal naming the ones it does. */
    static int requirePatch(ImageShape image, int patch) {
        List<Integer> sizes = patches(image);
        if (!sizes.contains(patch)) {
            throw new CurationException("patch size " + patch + " does not tile the " + image.side() + "×" + image.side()
                    + " image into a grid of at least 2×2; the vit tower takes patch sizes "
                    + sizes.stream().sorted().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")));
        }
        return patch;
    }

    @Override
    public long forwardFlops(ModelConfig c, ImageResolution resolution) {
        if (!accepts(resolution)) {
            int large = patches(c.imageShape()).get(2);
            throw new CurationException("the vit image tower takes only full-resolution input (" + c.imageShape()
                    + "); its cheap view is a larger patch (" + large + ") on the same image, not "
                    + c.imageShape().at(ImageResolution.HALF) + " input");
        }
        return forwardFlops(c, basePatch(c.imageShape()));
    }

    /**
     * Every matmul, per example: patch embedding 2·T·C·P²·D; per block the QKV, output and two MLP
     * products 2·T·(3D² + D² + 2·D·M), and attention's QKᵀ and AV 2·2·T²·D; the projection
     * 2·D·E. Not counted, as elsewhere ({@link FlopCount}): bias and position adds, LayerNorm,
     * softmax, GELU, residual adds, the mean over tokens. The Flexi resize of the weights is a
     * per-call cost independent of the batch (2·P²·P0²·D + 2·T·T0·D), not a per-example one.
     */
    @Override
    public long forwardFlops(ModelConfig c, int patch) {
        ImageShape image = c.imageShape();
        requirePatch(image, patch);
        Shape s = shape(c.size());
        long d = s.width();
        long t = tokens(image, patch);
        long perBlock = 2 * t * (3 * d * d + d * d + 2 * d * s.mlpHidden()) + 2 * 2 * t * t * d;
        return 2 * t * image.channels() * (long) patch * patch * d + s.depth() * perBlock + 2 * d * c.embedDim();
    }

    /**
     * Floats a kernels pass of {@code n} images at a patch keeps from one call to the next
     * ({@link VitKernels}: the patches, the residual stream, every block's LayerNorm, q/k/v, T×T
     * attention and GELU activations the backward pass reads, the resized embeddings): exactly the
     * arrays it makes. The engine keeps one such pass per (rows, patch) it has run.
     */
    @Override
    public long keptActivationFloats(ModelConfig c, int patch, long n) {
        return keptFloats(c, patch, n);
    }

    static long keptFloats(ModelConfig c, int patch, long n) {
        ImageShape image = c.imageShape();
        requirePatch(image, patch);
        Shape s = shape(c.size());
        long d = s.width();
        long t = tokens(image, patch);
        long rows = n * t;
        long m = s.mlpHidden();
        long layerNorm = 2 * rows * d + rows;
        long patchValues = (long) image.channels() * patch * patch;
        long resized = patch == basePatch(image) ? 0 : patchValues * d + t * d;
        long perBlock = rows * d + 2 * layerNorm + 3 * rows * d + n * s.heads() * t * t + rows * d + 3 * rows * m;
        return rows * patchValues + resized + (s.depth() + 1) * rows * d + s.depth() * perBlock
                + 3 * rows * d + rows * d + layerNorm + n * d + n * c.embedDim();
    }

    /**
     * What a backward pass through one block allocates besides (the gradients of its activations,
     * the GELU derivative's and LayerNorm's temporaries, the T×T gradient of the scores and its
     * softmax product): about rows·(4M + 20D) + 2·n·H·T² floats. Freed once collected, so one
     * block's worth is what must fit on top of the kept passes.
     */
    @Override
    public long backwardScratchFloats(ModelConfig c, int patch, long n) {
        Shape s = shape(c.size());
        long t = tokens(c.imageShape(), patch);
        return n * t * (4L * s.mlpHidden() + 20L * s.width()) + 2 * n * s.heads() * t * t;
    }

    @Override
    public SDVariable placeholder(SameDiff sd, ModelConfig c, String name) {
        return sd.placeHolder(name, DataType.FLOAT, -1, c.imageShape().pixels());
    }

    @Override
    public INDArray graphInput(INDArray images, ModelConfig c, ImageResolution resolution) {
        return images;
    }

    @Override
    public SDVariable graph(SameDiff sd, ModelConfig c, Map<String, SDVariable> v, SDVariable x) {
        return graph(sd, c, v, x, basePatch(c.imageShape()));
    }

    /**
     * The reference forward pass, from matmuls and elementwise ops (LayerNorm, softmax and GELU
     * written out, so that the kernels engine can match them formula for formula).
     */
    @Override
    public SDVariable graph(SameDiff sd, ModelConfig c, Map<String, SDVariable> v, SDVariable images, int patch) {
        ImageShape image = c.imageShape();
        requirePatch(image, patch);
        Shape s = shape(c.size());
        int d = s.width();
        int h = s.heads();
        int dh = s.headDim();
        int channels = image.channels();
        int base = basePatch(image);
        int g = grid(image, patch);
        int t = tokens(image, patch);
        // [n, C·S²] → [n·T, C·P²]: patch (gy, gx) holds rows gy·P.., columns gx·P.. of every channel.
        SDVariable patches = sd.reshape(sd.permute(sd.reshape(images, -1, channels, g, patch, g, patch), 0, 2, 4, 1, 3, 5),
                -1, channels * patch * patch);
        SDVariable patchW = v.get(PATCH_W);
        SDVariable positions = v.get(POSITIONS);
        if (patch != base) {
            patchW = sd.mmul(sd.constant(FlexiResize.patchEmbedding(base, patch, channels)), patchW);
            positions = sd.mmul(sd.constant(FlexiResize.positions(grid(image, base), g)), positions);
        }
        SDVariable x = sd.reshape(sd.reshape(TwoTowerGraph.dense(patches, patchW, v.get(PATCH_B)), -1, t, d)
                .add(positions), -1, d); // [n·T, D]
        double scale = 1.0 / Math.sqrt(dh);
        for (int i = 0; i < s.depth(); i++) {
            SDVariable a = layerNorm(sd, x, v.get(block(i, "ln1_g")), v.get(block(i, "ln1_b")));
            SDVariable qkv = TwoTowerGraph.dense(a, v.get(block(i, "qkv_w")), v.get(block(i, "qkv_b")));
            // [n·T, 3D] → [3, n·H, T, dh]: columns are (q|k|v, head, channel).
            SDVariable heads = sd.reshape(sd.permute(sd.reshape(qkv, -1, t, 3, h, dh), 2, 0, 3, 1, 4), 3, -1, t, dh);
            SDVariable[] qkvParts = sd.unstack(heads, 0, 3);
            SDVariable scores = sd.mmul(qkvParts[0], qkvParts[1], false, true, false).mul(scale); // [nH, T, T]
            SDVariable e = sd.math.exp(scores.sub(sd.max(scores, true, 2)));
            SDVariable attention = e.div(sd.sum(e, true, 2));
            SDVariable o = sd.mmul(attention, qkvParts[2]); // [nH, T, dh]
            SDVariable merged = sd.reshape(sd.permute(sd.reshape(o, -1, h, t, dh), 0, 2, 1, 3), -1, d);
            x = x.add(TwoTowerGraph.dense(merged, v.get(block(i, "out_w")), v.get(block(i, "out_b"))));
            SDVariable m = layerNorm(sd, x, v.get(block(i, "ln2_g")), v.get(block(i, "ln2_b")));
            SDVariable hidden = gelu(sd, TwoTowerGraph.dense(m, v.get(block(i, "mlp1_w")), v.get(block(i, "mlp1_b"))));
            x = x.add(TwoTowerGraph.dense(hidden, v.get(block(i, "mlp2_w")), v.get(block(i, "mlp2_b"))));
        }
        SDVariable out = layerNorm(sd, x, v.get(FINAL_LN_G), v.get(FINAL_LN_B));
        SDVariable pooled = sd.mean(sd.reshape(out, -1, t, d), 1); // [n, D]
        return TwoTowerGraph.dense(pooled, v.get(PROJECTION_W), v.get(PROJECTION_B));
    }

    /** (x − mean) / √(var + ε) · γ + β over the last axis of [rows, D]. */
    private static SDVariable layerNorm(SameDiff sd, SDVariable x, SDVariable gain, SDVariable bias) {
        SDVariable centred = x.sub(sd.mean(x, true, 1));
        SDVariable variance = sd.mean(centred.mul(centred), true, 1);
        return centred.div(sd.math.sqrt(variance.add(LN_EPSILON))).mul(gain).add(bias);
    }

    /** ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
    private static SDVariable gelu(SameDiff sd, SDVariable x) {
        SDVariable inner = x.add(x.mul(x).mul(x).mul(GELU_C)).mul(GELU_K);
        return x.mul(sd.math.tanh(inner).add(1.0)).mul(0.5);
    }

    @Override
    public Kernels kernels(ModelConfig c, Map<String, INDArray> params) {
        return new VitKernels(c, params);
    }

    @Override
    public boolean hasKernels() {
        return true;
    }
}
