package org.curationlab.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastCopyOp;
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
        /** q, k, v per block, [n·H, T, dh] each. */
        private final INDArray[][] qkvHeads;
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
                for (int j = 0; j < 3; j++) {
                    qkvHeads[l][j] = kept((long) n * heads, t, dh);
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
                    .assign(img.dup('c').reshape('c', n, c, grid, patch, grid, patch).permute(0, 2, 4, 1, 3, 5));
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
            pooled.assign(out.reshape('c', n, t, d).mean(1));
            Nd4j.gemm(pooled, p(VitTower.PROJECTION_W), features, false, false, 1.0, 0.0);
            features.addiRowVector(p(VitTower.PROJECTION_B));
            return features;
        }

        private void block(int l) {
            INDArray a = ln1[l].forward(stream[l], p(l, "ln1_g"), p(l, "ln1_b"));
            Nd4j.gemm(a, p(l, "qkv_w"), qkv, false, false, 1.0, 0.0);
            qkv.addiRowVector(p(l, "qkv_b"));
            INDArray qkv5 = qkv.reshape('c', n, t, 3, heads, dh);
            for (int j = 0; j < 3; j++) {
                qkvHeads[l][j].reshape('c', n, heads, t, dh).assign(qkv5.get(NDArrayIndex.all(), NDArrayIndex.all(),
                        NDArrayIndex.point(j), NDArrayIndex.all(), NDArrayIndex.all()).permute(0, 2, 1, 3));
            }
            INDArray scores = attention[l];
            Nd4j.matmul(qkvHeads[l][0], qkvHeads[l][1], scores, false, true, false);
            scores.muli(scale);
            INDArray rows = scores.reshape('c', (long) n * heads * t, t);
            rows.subiColumnVector(rows.max(true, 1));
            Transforms.exp(rows, false);
            rows.diviColumnVector(rows.sum(true, 1));
            Nd4j.matmul(scores, qkvHeads[l][2], heads4, false, false, false);
            merged[l].reshape('c', n, t, heads, dh).assign(heads4.reshape('c', n, heads, t, dh).permute(0, 2, 1, 3));
            Nd4j.gemm(merged[l], p(l, "out_w"), mid[l], false, false, 1.0, 0.0);
            mid[l].addiRowVector(p(l, "out_b")).addi(stream[l]);
            INDArray m = ln2[l].forward(mid[l], p(l, "ln2_g"), p(l, "ln2_b"));
            Nd4j.gemm(m, p(l, "mlp1_w"), preGelu[l], false, false, 1.0, 0.0);
            preGelu[l].addiRowVector(p(l, "mlp1_b"));
            INDArray h = preGelu[l];
            // tanh(√(2/π)·(h + c·h³)), then ½·h·(1 + tanh): the graph's order of operations.
            tanh[l].assign(h).muli(h).muli(h).muli(VitTower.GELU_C).addi(h).muli(VitTower.GELU_K);
            Transforms.tanh(tanh[l], false);
            gelu[l].assign(tanh[l]).addi(1.0).muli(h).muli(0.5);
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
            grads.get(VitTower.PROJECTION_B).assign(featureGrad.sum(0));
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
            grads.get(VitTower.PATCH_B).assign(dx.sum(0));
            INDArray positionGrad = dx.reshape('c', n, (long) t * d).sum(0).reshape('c', t, d);
            if (resized) {
                // w_p = R·w, pos_p = S·pos: the base weights' gradients are Rᵀ·g and Sᵀ·g.
                Nd4j.gemm(patchResize(), patchWGrad, grads.get(VitTower.PATCH_W), true, false, 1.0, 0.0);
                Nd4j.gemm(FlexiResize.positions(VitTower.grid(image, basePatch), grid), positionGrad,
                        grads.get(VitTower.POSITIONS), true, false, 1.0, 0.0);
            } else {
                grads.get(VitTower.POSITIONS).assign(positionGrad);
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
            grad(l, "mlp2_b").assign(dOut.sum(0));
            INDArray dHidden = Nd4j.create(DataType.FLOAT, rows, shape.mlpHidden());
            Nd4j.gemm(dOut, p(l, "mlp2_w"), dHidden, false, true, 1.0, 0.0);
            geluBackward(preGelu[l], tanh[l], dHidden);
            Nd4j.gemm(ln2[l].out, dHidden, grad(l, "mlp1_w"), true, false, 1.0, 0.0);
            grad(l, "mlp1_b").assign(dHidden.sum(0));
            INDArray dm = Nd4j.create(DataType.FLOAT, rows, d);
            Nd4j.gemm(dHidden, p(l, "mlp1_w"), dm, false, true, 1.0, 0.0);
            INDArray dMid = dOut.add(ln2[l].backward(dm, p(l, "ln2_g"), grad(l, "ln2_g"), grad(l, "ln2_b")));
            // Attention branch: mid = stream[l] + attend(LN1(stream[l]))·Wo + bo.
            Nd4j.gemm(merged[l], dMid, grad(l, "out_w"), true, false, 1.0, 0.0);
            grad(l, "out_b").assign(dMid.sum(0));
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
            INDArray dV = Nd4j.create(DataType.FLOAT, nh, t, dh);
            Nd4j.matmul(attention[l], dO, dV, true, false, false);
            // Softmax: dS = P ⊙ (dP − Σ_j dP⊙P), then the 1/√dh scale of the scores.
            INDArray p2 = attention[l].reshape('c', nh * t, t);
            INDArray dP2 = dP.reshape('c', nh * t, t);
            dP2.subiColumnVector(dP2.mul(p2).sum(true, 1)).muli(p2).muli(scale);
            INDArray dQ = Nd4j.create(DataType.FLOAT, nh, t, dh);
            Nd4j.matmul(dP, k, dQ, false, false, false);
            INDArray dK = Nd4j.create(DataType.FLOAT, nh, t, dh);
            Nd4j.matmul(dP, q, dK, true, false, false);
            INDArray dQkv = Nd4j.create(DataType.FLOAT, rows, 3L * d);
            INDArray dQkv5 = dQkv.reshape('c', n, t, 3, heads, dh);
            INDArray[] parts = {dQ, dK, dV};
            for (int j = 0; j < 3; j++) {
                dQkv5.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(j), NDArrayIndex.all(),
                        NDArrayIndex.all()).assign(parts[j].reshape('c', n, heads, t, dh).permute(0, 2, 1, 3));
            }
            Nd4j.gemm(ln1[l].out, dQkv, grad(l, "qkv_w"), true, false, 1.0, 0.0);
            grad(l, "qkv_b").assign(dQkv.sum(0));
            INDArray da = Nd4j.create(DataType.FLOAT, rows, d);
            Nd4j.gemm(dQkv, p(l, "qkv_w"), da, false, true, 1.0, 0.0);
            return dMid.addi(ln1[l].backward(da, p(l, "ln1_g"), grad(l, "ln1_g"), grad(l, "ln1_b")));
        }

        private INDArray grad(int l, String part) {
            return grads.get(VitTower.block(l, part));
        }
    }

    /**
     * dh ← dh · GELU'(h) for the tanh GELU: ½(1 + t) + ½·h·(1 − t²)·√(2/π)·(1 + 3c·h²), where t is
     * the forward pass's tanh.
     */
    private static void geluBackward(INDArray h, INDArray t, INDArray dh) {
        INDArray inner = h.mul(h).muli(3 * VitTower.GELU_C).addi(1.0).muli(VitTower.GELU_K); // √(2/π)(1 + 3c·h²)
        INDArray sech2 = t.mul(t).rsubi(1.0);
        INDArray derivative = sech2.muli(inner).muli(h).muli(0.5).addi(t.add(1.0).muli(0.5));
        dh.muli(derivative);
    }

    /** LayerNorm over the rows of [rows, D], keeping x̂ and 1/σ for the backward pass. */
    private static final class LayerNormPass {
        final INDArray normalised;
        final INDArray inverseStd;
        final INDArray out;

        LayerNormPass(long rows, int d) {
            normalised = Nd4j.create(DataType.FLOAT, rows, d);
            inverseStd = Nd4j.create(DataType.FLOAT, rows, 1);
            out = Nd4j.create(DataType.FLOAT, rows, d);
        }

        /** (x − mean) / √(var + ε) · γ + β, as the graph writes it. */
        INDArray forward(INDArray x, INDArray gain, INDArray bias) {
            normalised.assign(x).subiColumnVector(x.mean(true, 1));
            INDArray variance = normalised.mul(normalised).mean(true, 1);
            INDArray std = Transforms.sqrt(variance.addi(VitTower.LN_EPSILON), false);
            normalised.diviColumnVector(std);
            inverseStd.assign(std.rdivi(1.0));
            return out.assign(normalised).muliRowVector(gain).addiRowVector(bias);
        }

        /** d(loss)/dx given d(loss)/d(out); writes γ's and β's gradients. */
        INDArray backward(INDArray dOut, INDArray gain, INDArray gainGrad, INDArray biasGrad) {
            gainGrad.assign(dOut.mul(normalised).sum(0));
            biasGrad.assign(dOut.sum(0));
            INDArray dNorm = dOut.mulRowVector(gain);
            INDArray meanGrad = dNorm.mean(true, 1);
            INDArray meanProjection = dNorm.mul(normalised).mean(true, 1);
            return dNorm.subiColumnVector(meanGrad).subi(normalised.mulColumnVector(meanProjection))
                    .muliColumnVector(inverseStd);
        }
    }
}
