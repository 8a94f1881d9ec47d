package org.curationlab.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastCopyOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.api.ops.impl.summarystats.Variance;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.floating.RSqrt;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.api.ops.impl.transforms.same.Cube;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The {@link VitTower} run op by op outside SameDiff, with its backward pass written by hand: the
 * kernels engine of the vision transformer ({@link TowerEngine#KERNELS}). Every dense layer is a
 * gemm into an array kept per input shape, attention's QKᵀ and AV are batched matmuls over
 * (example, head), and LayerNorm, softmax and the tanh GELU are the graph's formulas, so the two
 * engines agree to float rounding ({@code VitEngineEquivalenceTest}).
 *
 * <p>Layouts: the residual stream is [n·T, D], token-major within an example; attention works on
 * [n·H, T, dh]. At a patch other than the base one the patch and position embeddings are resized
 * with {@link FlexiResize}'s matrices and their gradients are mapped back through the transposes,
 * so every patch size trains the one set of base weights.
 *
 * <p>As with the CNN's kernels, {@link #forward} results and {@link #backward} gradients are views
 * of a pass's arrays: valid until the next call with the same (rows, patch). Not thread-safe.
 */
final class VitKernels implements ImageTower.Kernels {
    /** Passes kept per (rows, patch); more distinct shapes evict the least recently used. */
    private static final int MAX_PASSES = 8;

    private final VitTower.Shape shape;
    /** The images' shape: C channels (the patch vectors' C·P² values, channel-major) and side. */
    private final ImageShape image;
    private final int basePatch;
    private final int embedDim;
    private final Map<String, INDArray> params;
    private final List<String> names;

    private record Key(long rows, int patch) {
    }

    private final Map<Key, Pass> passes = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Pass> eldest) {
            return size() > MAX_PASSES;
        }
    };

    VitKernels(ModelConfig config, Map<String, INDArray> params) {
        this.shape = VitTower.shape(config.size());
        this.image = config.imageShape();
        this.basePatch = VitTower.basePatch(image);
        this.embedDim = config.embedDim();
        this.params = params;
        this.names = new VitTower().parameterNames(config);
    }

    @Override
    public INDArray forward(INDArray images) {
        return forward(images, basePatch);
    }

    /** Everything kept between calls (passes, their gradients, FlexiResize's matrices) is made outside workspaces. */
    @Override
    public boolean stepInWorkspace() {
        return true;
    }

    @Override
    public Map<String, INDArray> backward(INDArray images, INDArray featureGradient) {
        return backward(images, basePatch, featureGradient);
    }

    @Override
    public INDArray forward(INDArray images, int patch) {
        VitTower.requirePatch(image, patch);
        // A pass is kept across steps: made outside the step's workspace (StepWorkspace).
        return passes.computeIfAbsent(new Key(images.rows(), patch),
                k -> StepWorkspace.outside(() -> new Pass(Math.toIntExact(k.rows()), patch))).forward(images);
    }

    @Override
    public Map<String, INDArray> backward(INDArray images, int patch, INDArray featureGradient) {
        Pass pass = passes.get(new Key(images.rows(), patch));
        // The pass holds the activations of its last forward call: they must be these images'.
        if (pass == null || pass.lastInput != images) {
            throw new IllegalStateException("VitKernels.backward without a forward pass on the same images at patch "
                    + patch + " (another forward of this shape ran in between, or the pass was evicted)");
        }
        return pass.backward(featureGradient);
    }

    /** Floats the passes held now keep between calls: what {@link VitTower#keptFloats} counts, summed. */
    long keptFloats() {
        return passes.values().stream().mapToLong(pass -> pass.keptFloats).sum();
    }

    private INDArray p(String name) {
        return params.get(name);
    }

    private INDArray p(int block, String part) {
        return params.get(VitTower.block(block, part));
    }

    /** One input shape's activations and gradient scratch. */
    private final class Pass {
        private final int n;
        private final int patch;
        private final int grid;
        private final int t;
        private final int d = shape.width();
        private final int heads = shape.heads();
        private final int dh = shape.headDim();
        private final int depth = shape.depth();
        private final double scale = 1.0 / Math.sqrt(shape.headDim());
        private final boolean resized;

        private final INDArray patches;
        /** The patch and position embeddings at this patch: resized copies, or null at the base patch. */
        private final INDArray patchW;
        private final INDArray positions;
        /** Residual stream entering block l; entry {@code depth} is the stream leaving the last block. */
        private final INDArray[] stream;
        private final INDArray[] mid;
        private final LayerNormPass[] ln1;
        private final LayerNormPass[] ln2;
        private final LayerNormPass lnFinal;
        /** q, k, v per block, [n·H, T, dh] each: the thirds of qkvAll's [3·n·H, T, dh]. */
        private final INDArray[][] qkvHeads;
        private final INDArray[] qkvAll;
        private final INDArray qkv;
        private final INDArray[] attention;
        private final INDArray heads4;
        private final INDArray[] merged;
        private final INDArray[] preGelu;
        private final INDArray[] tanh;
        private final INDArray[] gelu;
        private final INDArray pooled;
        private final INDArray features;
        private Map<String, INDArray> grads;
        private INDArray lastInput;
        /** Floats of the arrays made for this pass (its activations), for {@link VitTower#keptFloats}'s test. */
        private long keptFloats;

        Pass(int n, int patch) {
            this.n = n;
            this.patch = patch;
            this.grid = VitTower.grid(image, patch);
            this.t = VitTower.tokens(image, patch);
            this.resized = patch != basePatch;
            long rows = (long) n * t;
            patches = kept(rows, patchValues());
            patchW = resized ? kept(patchValues(), d) : null;
            positions = resized ? kept(t, d) : null;
            stream = new INDArray[depth + 1];
            mid = new INDArray[depth];
            ln1 = new LayerNormPass[depth];
            ln2 = new LayerNormPass[depth];
            qkvHeads = new INDArray[depth][3];
            qkvAll = new INDArray[depth];
            attention = new INDArray[depth];
            merged = new INDArray[depth];
            preGelu = new INDArray[depth];
            tanh = new INDArray[depth];
            gelu = new INDArray[depth];
            for (int l = 0; l <= depth; l++) {
                stream[l] = kept(rows, d);
            }
            for (int l = 0; l < depth; l++) {
                mid[l] = kept(rows, d);
                ln1[l] = keptLayerNorm(rows);
                ln2[l] = keptLayerNorm(rows);
                // q, k and v as views of one [3, n·H, T, dh] array: split from the qkv product in one copy.
                qkvAll[l] = kept(3L * n * heads, t, dh);
                for (int j = 0; j < 3; j++) {
                    qkvHeads[l][j] = headPart(qkvAll[l], j);
                }
                attention[l] = kept((long) n * heads, t, t);
                merged[l] = kept(rows, d);
                preGelu[l] = kept(rows, shape.mlpHidden());
                tanh[l] = kept(rows, shape.mlpHidden());
                gelu[l] = kept(rows, shape.mlpHidden());
            }
            qkv = kept(rows, 3L * d);
            heads4 = kept((long) n * heads, t, dh);
            lnFinal = keptLayerNorm(rows);
            pooled = kept(n, d);
            features = kept(n, embedDim);
        }

        /** A FLOAT array this pass keeps, counted in {@link #keptFloats}. */
        private INDArray kept(long... dims) {
            INDArray a = Nd4j.create(DataType.FLOAT, dims);
            keptFloats += a.length();
            return a;
        }

        private LayerNormPass keptLayerNorm(long rows) {
            keptFloats += 2 * rows * d + rows;
            return new LayerNormPass(rows, d);
        }

        INDArray forward(INDArray images) {
            lastInput = images;
            INDArray img = images.dataType() == DataType.FLOAT ? images : images.castTo(DataType.FLOAT);
            // [n, C·S²] → [n·T, C·P²], patch (gy, gx) of example b at row b·T + gy·g + gx, channel-major.
            int c = image.channels();
            patches.reshape('c', n, grid, grid, c, patch, patch)
                    .assign(img.reshape('c', n, c, grid, patch, grid, patch).permute(0, 2, 4, 1, 3, 5));
            INDArray w = p(VitTower.PATCH_W);
            INDArray pos = p(VitTower.POSITIONS);
            if (resized) {
                Nd4j.gemm(patchResize(), w, patchW, false, false, 1.0, 0.0);
                Nd4j.gemm(FlexiResize.positions(VitTower.grid(image, basePatch), grid), pos, positions,
                        false, false, 1.0, 0.0);
                w = patchW;
                pos = positions;
            }
            INDArray x = stream[0];
            Nd4j.gemm(patches, w, x, false, false, 1.0, 0.0);
            x.addiRowVector(p(VitTower.PATCH_B));
            x.reshape('c', n, (long) t * d).addiRowVector(pos.reshape('c', 1, (long) t * d));
            for (int l = 0; l < depth; l++) {
                block(l);
            }
            INDArray out = lnFinal.forward(stream[depth], p(VitTower.FINAL_LN_G), p(VitTower.FINAL_LN_B));
            out.reshape('c', n, t, d).mean(pooled, 1);
            Nd4j.gemm(pooled, p(VitTower.PROJECTION_W), features, false, false, 1.0, 0.0);
            features.addiRowVector(p(VitTower.PROJECTION_B));
            return features;
        }

        private void block(int l) {
            INDArray a = ln1[l].forward(stream[l], p(l, "ln1_g"), p(l, "ln1_b"));
            Nd4j.gemm(a, p(l, "qkv_w"), qkv, false, false, 1.0, 0.0);
            qkv.addiRowVector(p(l, "qkv_b"));
            // [n, T, 3, H, dh] → [3, n, H, T, dh]: the three views of qkvHeads[l] are its thirds.
            qkvAll[l].reshape('c', 3, n, heads, t, dh).assign(qkv.reshape('c', n, t, 3, heads, dh).permute(2, 0, 3, 1, 4));
            INDArray scores = attention[l];
            Nd4j.matmul(qkvHeads[l][0], qkvHeads[l][1], scores, false, true, false);
            softmax(scores, scale);
            Nd4j.matmul(scores, qkvHeads[l][2], heads4, false, false, false);
            merged[l].reshape('c', n, t, heads, dh).assign(heads4.reshape('c', n, heads, t, dh).permute(0, 2, 1, 3));
            Nd4j.gemm(merged[l], p(l, "out_w"), mid[l], false, false, 1.0, 0.0);
            mid[l].addiRowVector(p(l, "out_b")).addi(stream[l]);
            INDArray m = ln2[l].forward(mid[l], p(l, "ln2_g"), p(l, "ln2_b"));
            Nd4j.gemm(m, p(l, "mlp1_w"), preGelu[l], false, false, 1.0, 0.0);
            preGelu[l].addiRowVector(p(l, "mlp1_b"));
            gelu(preGelu[l], tanh[l], gelu[l]);
            Nd4j.gemm(gelu[l], p(l, "mlp2_w"), stream[l + 1], false, false, 1.0, 0.0);
            stream[l + 1].addiRowVector(p(l, "mlp2_b")).addi(mid[l]);
        }

        Map<String, INDArray> backward(INDArray featureGrad) {
            if (grads == null) {
                grads = StepWorkspace.outside(() -> {
                    Map<String, INDArray> kept = new LinkedHashMap<>();
                    for (String name : names) {
                        kept.put(name, params.get(name).ulike());
                    }
                    return kept;
                });
            }
            Nd4j.gemm(pooled, featureGrad, grads.get(VitTower.PROJECTION_W), true, false, 1.0, 0.0);
            featureGrad.sum(grads.get(VitTower.PROJECTION_B), 0);
            // The mean over T tokens spreads d(pooled)/T to each.
            INDArray pooledGrad = Nd4j.create(DataType.FLOAT, n, d);
            Nd4j.gemm(featureGrad, p(VitTower.PROJECTION_W), pooledGrad, false, true, 1.0 / t, 0.0);
            INDArray outGrad = Nd4j.create(DataType.FLOAT, (long) n * t, d);
            INDArray outGrad3 = outGrad.reshape('c', n, t, d);
            Nd4j.getExecutioner().exec(new BroadcastCopyOp(outGrad3, pooledGrad, outGrad3, 0, 2));
            INDArray dx = lnFinal.backward(outGrad, p(VitTower.FINAL_LN_G),
                    grads.get(VitTower.FINAL_LN_G), grads.get(VitTower.FINAL_LN_B));
            for (int l = depth - 1; l >= 0; l--) {
                dx = blockBackward(l, dx);
            }
            INDArray patchWGrad = resized ? Nd4j.create(DataType.FLOAT, patchValues(), d)
                    : grads.get(VitTower.PATCH_W);
            Nd4j.gemm(patches, dx, patchWGrad, true, false, 1.0, 0.0);
            dx.sum(grads.get(VitTower.PATCH_B), 0);
            INDArray positionGrad = resized ? Nd4j.create(DataType.FLOAT, t, d) : grads.get(VitTower.POSITIONS);
            dx.reshape('c', n, (long) t * d).sum(positionGrad.reshape((long) t * d), 0);
            if (resized) {
                // w_p = R·w, pos_p = S·pos: the base weights' gradients are Rᵀ·g and Sᵀ·g.
                Nd4j.gemm(patchResize(), patchWGrad, grads.get(VitTower.PATCH_W), true, false, 1.0, 0.0);
                Nd4j.gemm(FlexiResize.positions(VitTower.grid(image, basePatch), grid), positionGrad,
                        grads.get(VitTower.POSITIONS), true, false, 1.0, 0.0);
            }
            return grads;
        }

        /** Values of one patch vector: C·P². */
        private long patchValues() {
            return (long) image.channels() * patch * patch;
        }

        /** The Flexi resize of the base patch embedding to this patch, each channel alike. */
        private INDArray patchResize() {
            return FlexiResize.patchEmbedding(basePatch, patch, image.channels());
        }

        /** d(loss)/d(stream[l]) from d(loss)/d(stream[l + 1]). */
        private INDArray blockBackward(int l, INDArray dOut) {
            long rows = (long) n * t;
            // MLP branch: stream[l+1] = mid + gelu(LN2(mid)·W1 + b1)·W2 + b2.
            Nd4j.gemm(gelu[l], dOut, grad(l, "mlp2_w"), true, false, 1.0, 0.0);
            dOut.sum(grad(l, "mlp2_b"), 0);
            INDArray dHidden = Nd4j.create(DataType.FLOAT, rows, shape.mlpHidden());
            Nd4j.gemm(dOut, p(l, "mlp2_w"), dHidden, false, true, 1.0, 0.0);
            geluBackward(preGelu[l], tanh[l], gelu[l], dHidden);
            Nd4j.gemm(ln2[l].out, dHidden, grad(l, "mlp1_w"), true, false, 1.0, 0.0);
            dHidden.sum(grad(l, "mlp1_b"), 0);
            INDArray dm = Nd4j.create(DataType.FLOAT, rows, d);
            Nd4j.gemm(dHidden, p(l, "mlp1_w"), dm, false, true, 1.0, 0.0);
            INDArray dMid = ln2[l].backward(dm, p(l, "ln2_g"), grad(l, "ln2_g"), grad(l, "ln2_b")).addi(dOut);
            // Attention branch: mid = stream[l] + attend(LN1(stream[l]))·Wo + bo.
            Nd4j.gemm(merged[l], dMid, grad(l, "out_w"), true, false, 1.0, 0.0);
            dMid.sum(grad(l, "out_b"), 0);
            INDArray dMerged = Nd4j.create(DataType.FLOAT, rows, d);
            Nd4j.gemm(dMid, p(l, "out_w"), dMerged, false, true, 1.0, 0.0);
            long nh = (long) n * heads;
            INDArray dO = Nd4j.create(DataType.FLOAT, nh, t, dh);
            dO.reshape('c', n, heads, t, dh).assign(dMerged.reshape('c', n, t, heads, dh).permute(0, 2, 1, 3));
            INDArray q = qkvHeads[l][0];
            INDArray k = qkvHeads[l][1];
            INDArray v = qkvHeads[l][2];
            INDArray dP = Nd4j.create(DataType.FLOAT, nh, t, t);
            Nd4j.matmul(dO, v, dP, false, true, false);
            // dQ, dK, dV as the thirds of one array, merged into dQkv in one copy.
            INDArray dHeads = Nd4j.create(DataType.FLOAT, 3 * nh, t, dh);
            Nd4j.matmul(attention[l], dO, headPart(dHeads, 2), true, false, false);
            softmaxBackward(attention[l], dP, scale);
            Nd4j.matmul(dP, k, headPart(dHeads, 0), false, false, false);
            Nd4j.matmul(dP, q, headPart(dHeads, 1), true, false, false);
            INDArray dQkv = Nd4j.create(DataType.FLOAT, rows, 3L * d);
            dQkv.reshape('c', n, t, 3, heads, dh).assign(dHeads.reshape('c', 3, n, heads, t, dh).permute(1, 3, 0, 2, 4));
            Nd4j.gemm(ln1[l].out, dQkv, grad(l, "qkv_w"), true, false, 1.0, 0.0);
            dQkv.sum(grad(l, "qkv_b"), 0);
            INDArray da = Nd4j.create(DataType.FLOAT, rows, d);
            Nd4j.gemm(dQkv, p(l, "qkv_w"), da, false, true, 1.0, 0.0);
            return dMid.addi(ln1[l].backward(da, p(l, "ln1_g"), grad(l, "ln1_g"), grad(l, "ln1_b")));
        }

        /** Part j (q, k, v) of a [3·n·H, T, dh] array: a view of its j-th third. */
        private INDArray headPart(INDArray all, int j) {
            long nh = (long) n * heads;
            return all.get(NDArrayIndex.interval(j * nh, (j + 1) * nh), NDArrayIndex.all(), NDArrayIndex.all());
        }

        private INDArray grad(int l, String part) {
            return grads.get(VitTower.block(l, part));
        }
    }

    /**
     * scores ← softmax(scale · scores) over the last axis of [n·H, T, T]: exp(s − max) / Σ exp(s − max),
     * the graph's formula.
     */
    static void softmax(INDArray scores, double scale) {
        scores.muli(scale);
        // libnd4j's softmax: per row the max, exp(s − max) and their sum, then the division, in one call.
        Nd4j.getExecutioner().exec(new SoftMax(scores, scores, scores.rank() - 1));
    }

    /** dP ← d(loss)/d(scores) from d(loss)/dP and P: scale · P ⊙ (dP − Σ_j dP⊙P), row by row. */
    static void softmaxBackward(INDArray p, INDArray dP, double scale) {
        long t = p.size(2);
        INDArray p2 = p.reshape('c', p.length() / t, t);
        INDArray dP2 = dP.reshape('c', dP.length() / t, t);
        INDArray rowDots = Nd4j.create(DataType.FLOAT, p2.rows(), 1);
        // Σ_j dP⊙P as one reduce3 call, without the product array.
        Nd4j.getExecutioner().exec(new Dot(dP2, p2, rowDots.reshape(p2.rows()), 1));
        dP2.subiColumnVector(rowDots).muli(p2).muli(scale);
    }

    /**
     * gelu ← ½·h·(1 + tanh(√(2/π)·(h + c·h³))), keeping the tanh for the backward pass: the
     * graph's order of operations.
     */
    static void gelu(INDArray h, INDArray tanh, INDArray gelu) {
        Nd4j.getExecutioner().exec(new Cube(h, tanh)); // h·h·h, the graph's h.mul(h).mul(h) bit for bit
        tanh.muli(VitTower.GELU_C).addi(h).muli(VitTower.GELU_K);
        Transforms.tanh(tanh, false);
        tanh.add(1.0, gelu).muli(h).muli(0.5);
    }

    /**
     * dh ← dh · GELU'(h) for the tanh GELU: ½(1 + t) + ½·h·(1 − t²)·u', u' = √(2/π)·(1 + 3c·h²), where
     * t and g = ½·h·(1 + t) are the forward pass's tanh and GELU. Written as 1 + g·(1 − t)·u' − ½(1 − t)
     * (½·h·(1 − t²) = g·(1 − t), ½(1 + t) = 1 − ½(1 − t)): fewer passes over the [rows, M] arrays.
     */
    static void geluBackward(INDArray h, INDArray t, INDArray g, INDArray dh) {
        INDArray derivative = h.mul(h).muli(3 * VitTower.GELU_C * VitTower.GELU_K).addi(VitTower.GELU_K); // u'
        INDArray oneMinusT = t.rsub(1.0);
        derivative.muli(oneMinusT).muli(g).addi(1.0);
        Nd4j.getExecutioner().exec(new Axpy(oneMinusT, derivative, derivative, -0.5)); // − ½(1 − t)
        dh.muli(derivative);
    }

    /** LayerNorm over the rows of [rows, D], keeping x̂ and 1/σ for the backward pass. */
    static final class LayerNormPass {
        final INDArray normalised;
        final INDArray inverseStd;
        final INDArray out;

        LayerNormPass(long rows, int d) {
            normalised = Nd4j.create(DataType.FLOAT, rows, d);
            inverseStd = Nd4j.create(DataType.FLOAT, rows, 1);
            out = Nd4j.create(DataType.FLOAT, rows, d);
        }

        /**
         * (x − mean) / √(var + ε) · γ + β, the graph's formula (the variance one summary-stats call,
         * the division a product with 1/√(var + ε)); not libnd4j's layer_norm, whose ε is 1e-12
         * added to σ rather than ε = 1e-6 added to σ².
         */
        INDArray forward(INDArray x, INDArray gain, INDArray bias) {
            long rows = x.rows();
            Nd4j.getExecutioner().exec(new BroadcastSubOp(x, x.mean(true, 1).reshape(rows), normalised, 0));
            INDArray inverseStdRow = inverseStd.reshape(rows);
            Nd4j.getExecutioner().exec(new Variance(x, inverseStdRow, false, 1));
            inverseStd.addi(VitTower.LN_EPSILON);
            Nd4j.getExecutioner().exec(new RSqrt(inverseStd, inverseStd));
            normalised.muliColumnVector(inverseStd);
            Nd4j.getExecutioner().exec(new BroadcastMulOp(normalised, gain, out, 1));
            return out.addiRowVector(bias);
        }

        /** d(loss)/dx given d(loss)/d(out); writes γ's and β's gradients. */
        INDArray backward(INDArray dOut, INDArray gain, INDArray gainGrad, INDArray biasGrad) {
            long rows = dOut.rows();
            long d = dOut.columns();
            INDArray product = dOut.mul(normalised);
            product.sum(gainGrad, 0);
            dOut.sum(biasGrad, 0);
            // The row means of dOut·γ and of dOut·γ·x̂ as matrix-vector products with γ.
            INDArray gainColumn = gain.reshape(d, 1);
            INDArray meanGrad = Nd4j.create(DataType.FLOAT, rows, 1);
            Nd4j.gemm(dOut, gainColumn, meanGrad, false, false, 1.0 / d, 0.0);
            INDArray meanProjection = Nd4j.create(DataType.FLOAT, rows, 1);
            Nd4j.gemm(product, gainColumn, meanProjection, false, false, 1.0 / d, 0.0);
            INDArray dNorm = dOut.ulike();
            Nd4j.getExecutioner().exec(new BroadcastMulOp(dOut, gain, dNorm, 1));
            dNorm.subiColumnVector(meanGrad);
            Nd4j.getExecutioner().exec(new BroadcastMulOp(normalised, meanProjection.reshape(rows), product, 0));
            return dNorm.subi(product).muliColumnVector(inverseStd);
        }
    }
}
