package org.curationlab.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.reduce.floating.Mean;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.curationlab.models.CnnTower.PROJECTION_B;
import static org.curationlab.models.CnnTower.PROJECTION_W;
import static org.curationlab.models.CnnTower.bias;
import static org.curationlab.models.CnnTower.weight;

/**
 * The CNN image tower ({@link CnnTower}) run op by op on libnd4j's kernels, channels-last, into arrays kept across calls:
 * the training step's image half without SameDiff's session (models README, "Speed"), for images of the config's
 * {@link ImageShape} (C channels, channel-major). Same
 * layers and weights as {@link CnnTower#graph}: 3×3 SAME convolutions
 * with ReLU, a 2×2 max pool after every convolution but the last, global average pooling, a
 * linear projection.
 *
 * <p>Why by hand: in SameDiff M2.1 a gradient call allocates every activation and gradient
 * afresh off-heap (first-touch page faults on tens of MB per step) and pays the session's
 * bookkeeping per op. Here each input shape gets one {@link Pass} whose arrays live as long
 * as the tower. The first convolution (C = 1 or 3 input channels) is a patch matrix times the kernel,
 * one gemm each way, because libnd4j's conv2d_bp on one channel runs at a twentieth of the
 * gemm rate and computes an input gradient nobody needs. ReLU runs after each max pool rather
 * than before (the two commute: ReLU is monotone), on a quarter of the values; libnd4j's
 * NHWC max pool is 7× faster than its NCHW one under oneDNN.
 *
 * <p>Results returned by {@link #forward} and the gradients of {@link #backward} are views of
 * the pass's arrays: valid until the next call with the same shape. Not thread-safe.
 */
final class CnnKernels implements ImageTower.Kernels {
    /**
     * Passes kept per (rows, side); more distinct shapes than this evict the least recently used.
     * A JEST learner with multi-resolution training uses six (train 28 and 14, super-batch,
     * evaluation chunk and remainder, probe), so eight keep the training passes alive across
     * evaluations.
     */
    private static final int MAX_PASSES = 8;

    private final int[] channels;
    /** The image's channels, C: the first convolution's input. */
    private final int inputChannels;
    private final ImageShape imageShape;
    private final int embedDim;
    private final Map<String, INDArray> params;
    private record Shape(long rows, int side) {
    }

    private final Map<Shape, Pass> passes = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Shape, Pass> eldest) {
            return size() > MAX_PASSES;
        }
    };

    private final List<String> names;

    CnnKernels(ModelConfig config, Map<String, INDArray> params) {
        this.channels = CnnTower.channels(config.size());
        this.imageShape = config.imageShape();
        this.inputChannels = imageShape.channels();
        this.embedDim = config.embedDim();
        this.params = params;
        this.names = CnnTower.parameterNamesOf(channels.length);
    }

    /** Image features [n, embedDim] (before L2 normalisation) of [n, C·side²] images. */
    @Override
    public INDArray forward(INDArray images) {
        ImageResolution res = imageShape.resolutionOfColumns(images.columns());
        return pass(images.rows(), imageShape.side(res)).forward(images);
    }

    /**
     * Gradients of the tower's parameters given d(loss)/d(features) for the images of the last
     * {@link #forward} call with this shape, by parameter name.
     */
    @Override
    public Map<String, INDArray> backward(INDArray images, INDArray featureGradient) {
        ImageResolution res = imageShape.resolutionOfColumns(images.columns());
        Pass pass = passes.get(new Shape(images.rows(), imageShape.side(res)));
        // The pass holds the activations of its last forward call: they must be these images'.
        if (pass == null || pass.lastInput != images) {
            throw new IllegalStateException("CnnKernels.backward without a forward pass on the same images "
                    + "(another forward of this shape ran in between, or the pass was evicted)");
        }
        return pass.backward(featureGradient);
    }

    private Pass pass(long rows, int side) {
        // A pass is kept across steps: made outside the step's workspace (StepWorkspace).
        return passes.computeIfAbsent(new Shape(rows, side),
                k -> StepWorkspace.outside(() -> new Pass(Math.toIntExact(rows), side)));
    }

    /** Everything kept between calls (passes, their gradients, the kernels' layout copies) is made outside workspaces. */
    @Override
    public boolean stepInWorkspace() {
        return true;
    }

    /** One input shape's activations, gradients and scratch, allocated on first use. */
    private final class Pass {
        private final int n;
        private final int layers = channels.length;
        /** Side of each convolution's input and output maps (SAME padding keeps it). */
        private final int[] side;
        /**
         * [9·C + 1, n·s·s]: row (ky, kx, c) holds every pixel's neighbour at offset (ky − 1, kx − 1)
         * in channel c, zero outside the image; the last row is ones, so the bias rides in the same gemm.
         */
        private final INDArray patches;
        private final float[] patchScratch;
        /** The input images on the heap, channel-major, copied once per call in one bulk copy. */
        private final float[] imageScratch;
        /** Rows of the kernel part of {@link #patches}: 9·C taps. */
        private final int taps = 9 * inputChannels;
        /** Convolution 0's kernel [9·C, c0] with its bias as a last row. */
        private final INDArray kernel0;
        /** Convolution outputs, NHWC [n, s, s, c]: before ReLU where a pool follows, after it on the last. */
        private final INDArray[] activations;
        /** Max-pooled activations after ReLU, NHWC: the input of convolution i+1. */
        private final INDArray[] pooled;
        private final INDArray spatialMean;
        private final INDArray features;
        // Gradient side, allocated on the first backward call: inference passes never need it.
        private INDArray[] activationGrads;
        private INDArray[] pooledGrads;
        private INDArray[] kernelsOYXI;
        private INDArray[] kernelGradsOYXI;
        private INDArray spatialMeanGrad;
        private INDArray kernel0Grad;
        private Map<String, INDArray> grads;
        /** The images of the last forward call, by identity: what {@link #backward} differentiates. */
        private INDArray lastInput;

        Pass(int n, int inputSide) {
            this.n = n;
            side = new int[layers];
            int s = inputSide;
            for (int i = 0; i < layers; i++) {
                side[i] = s;
                s = s / 2; // 2×2 VALID max pool
            }
            int pixels = n * inputSide * inputSide;
            patches = Nd4j.create(DataType.FLOAT, taps + 1, pixels);
            patches.getRow(taps).assign(1.0);
            patchScratch = new float[taps * pixels];
            imageScratch = new float[inputChannels * pixels];
            kernel0 = Nd4j.create(DataType.FLOAT, taps + 1, channels[0]);
            activations = new INDArray[layers];
            pooled = new INDArray[layers - 1];
            for (int i = 0; i < layers; i++) {
                activations[i] = Nd4j.create(DataType.FLOAT, n, side[i], side[i], channels[i]);
                if (i < layers - 1) {
                    pooled[i] = Nd4j.create(DataType.FLOAT, n, side[i] / 2, side[i] / 2, channels[i]);
                }
            }
            spatialMean = Nd4j.create(DataType.FLOAT, n, channels[layers - 1]);
            features = Nd4j.create(DataType.FLOAT, n, embedDim);
        }

        INDArray forward(INDArray images) {
            lastInput = images;
            fillPatches(images);
            // Convolution 0: [9·C + 1, n·s·s]ᵀ · [9·C + 1, c0] lands directly in NHWC order.
            kernel0.get(NDArrayIndex.interval(0, taps), NDArrayIndex.all())
                    .assign(params.get(weight(0)).reshape('c', taps, channels[0]));
            kernel0.getRow(taps).assign(params.get(bias(0)));
            INDArray a0 = activations[0].reshape('c', (long) n * side[0] * side[0], channels[0]);
            Nd4j.gemm(patches, kernel0, a0, true, false, 1.0, 0.0);
            for (int i = 1; i < layers; i++) {
                exec(DynamicCustomOp.builder("maxpool2d").addInputs(activations[i - 1])
                        .addOutputs(pooled[i - 1]).addIntegerArguments(poolArgs()).build());
                relu(pooled[i - 1]);
                exec(DynamicCustomOp.builder("conv2d")
                        .addInputs(pooled[i - 1], kernel(i), params.get(bias(i)))
                        .addOutputs(activations[i]).addIntegerArguments(convArgs()).build());
            }
            int last = layers - 1;
            relu(activations[last]);
            INDArray top = activations[last].reshape('c', n, (long) side[last] * side[last], channels[last]);
            exec(new Mean(top, spatialMean, 1));
            Nd4j.gemm(spatialMean, params.get(PROJECTION_W), features, false, false, 1.0, 0.0);
            features.addiRowVector(params.get(PROJECTION_B));
            return features;
        }

        Map<String, INDArray> backward(INDArray featureGrad) {
            allocateGradients();
            int last = layers - 1;
            Nd4j.gemm(spatialMean, featureGrad, grads.get(PROJECTION_W), true, false, 1.0, 0.0);
            exec(new Sum(featureGrad, grads.get(PROJECTION_B), 0));
            // Global average pooling spreads d(mean) evenly over the s·s positions.
            int area = side[last] * side[last];
            Nd4j.gemm(featureGrad, params.get(PROJECTION_W), spatialMeanGrad, false, true, 1.0 / area, 0.0);
            // ... through the ReLU: sign(ReLU output) is its derivative, 0 or 1.
            exec(new Sign(activations[last], activationGrads[last]));
            INDArray top = activationGrads[last].reshape('c', n, area, channels[last]);
            exec(new BroadcastMulOp(top, spatialMeanGrad, top, 0, 2));
            for (int i = last; i >= 1; i--) {
                exec(DynamicCustomOp.builder("conv2d_bp")
                        .addInputs(pooled[i - 1], kernelsOYXI[i], params.get(bias(i)),
                                activationGrads[i])
                        .addOutputs(pooledGrads[i - 1], kernelGradsOYXI[i], grads.get(bias(i)))
                        .addIntegerArguments(convArgs()).build());
                // Back from the kernel's [out, kH, kW, in] to the parameter's [kH, kW, in, out].
                grads.get(weight(i)).assign(kernelGradsOYXI[i].permute(1, 2, 3, 0));
                reluBackward(pooled[i - 1], pooledGrads[i - 1]);
                exec(DynamicCustomOp.builder("maxpool2d_bp").addInputs(activations[i - 1], pooledGrads[i - 1])
                        .addOutputs(activationGrads[i - 1]).addIntegerArguments(poolArgs()).build());
            }
            INDArray d0 = activationGrads[0].reshape('c', (long) n * side[0] * side[0], channels[0]);
            Nd4j.gemm(patches, d0, kernel0Grad, false, false, 1.0, 0.0);
            grads.get(weight(0)).reshape('c', taps, channels[0])
                    .assign(kernel0Grad.get(NDArrayIndex.interval(0, taps), NDArrayIndex.all()));
            grads.get(bias(0)).assign(kernel0Grad.getRow(taps));
            return grads;
        }

        /** The kernel of convolution i in the layout the kernel runs fastest with. */
        private INDArray kernel(int i) {
            INDArray w = params.get(weight(i));
            if (i == 0) {
                return w;
            }
            if (kernelsOYXI == null) {
                kernelsOYXI = new INDArray[layers];
            }
            if (kernelsOYXI[i] == null) {
                kernelsOYXI[i] = StepWorkspace.outside(() -> Nd4j.create(DataType.FLOAT, channels[i], 3, 3, channels[i - 1]));
            }
            // libnd4j's NHWC conv2d is up to 1.4× faster with [out, kH, kW, in] kernels than
            // with the parameter's own [kH, kW, in, out]; the copy is a few thousand floats.
            return kernelsOYXI[i].assign(w.permute(3, 0, 1, 2));
        }

        private void allocateGradients() {
            if (grads != null) {
                return;
            }
            StepWorkspace.outside(() -> {
                allocateGradientArrays();
                return null;
            });
        }

        /** The gradient side of the pass, kept across steps. */
        private void allocateGradientArrays() {
            activationGrads = new INDArray[layers];
            pooledGrads = new INDArray[layers - 1];
            kernelGradsOYXI = new INDArray[layers];
            for (int i = 0; i < layers; i++) {
                activationGrads[i] = activations[i].ulike();
                if (i < layers - 1) {
                    pooledGrads[i] = pooled[i].ulike();
                }
                if (i > 0) {
                    kernelGradsOYXI[i] = kernelsOYXI[i].ulike();
                }
            }
            spatialMeanGrad = spatialMean.ulike();
            kernel0Grad = kernel0.ulike();
            grads = new LinkedHashMap<>();
            for (String name : names) {
                grads.put(name, params.get(name).ulike());
            }
        }

        /**
         * The im2col of a channel-major input, row (tap, channel) in the kernel's [kH, kW, C]
         * order: for each tap, channel and image, row by row, one array copy of the pixels in
         * range and zeros for those outside.
         */
        private void fillPatches(INDArray images) {
            int s = side[0];
            int area = s * s;
            int c = inputChannels;
            float[] px = imageScratch;
            org.curationlab.data.NativeArrays.copyOut(images, px);
            float[] out = patchScratch;
            int pixels = n * area;
            for (int tap = 0; tap < 9; tap++) {
                int dy = tap / 3 - 1;
                int dx = tap % 3 - 1;
                int from = Math.max(0, -dx);          // first x whose neighbour is in range
                int to = Math.min(s, s - dx);         // one past the last
                for (int ch = 0; ch < c; ch++) {
                    for (int b = 0; b < n; b++) {
                        int base = (tap * c + ch) * pixels + b * area;
                        int source = (b * c + ch) * area;
                        for (int y = 0; y < s; y++) {
                            int row = base + y * s;
                            int yy = y + dy;
                            if (yy < 0 || yy >= s) {
                                java.util.Arrays.fill(out, row, row + s, 0f);
                                continue;
                            }
                            System.arraycopy(px, source + yy * s + from + dx, out, row + from, to - from);
                            if (from > 0) {
                                out[row] = 0f;
                            }
                            if (to < s) {
                                out[row + s - 1] = 0f;
                            }
                        }
                    }
                }
            }
            java.nio.FloatBuffer target = patches.data().asNioFloat();
            target.put(0, out, 0, out.length); // the tap rows; the last keeps its ones
        }
    }

    /** kH, kW, sH, sW, pH, pW, dH, dW, SAME, NHWC, weights [out, kH, kW, in]. */
    private static int[] convArgs() {
        return new int[] {3, 3, 1, 1, 0, 0, 1, 1, 1, 1, 2};
    }

    /** kH, kW, sH, sW, pH, pW, dH, dW, VALID, extra (unused for max), NHWC. */
    private static int[] poolArgs() {
        return new int[] {2, 2, 2, 2, 0, 0, 1, 1, 0, 0, 1};
    }

    private static void relu(INDArray x) {
        exec(DynamicCustomOp.builder("relu").addInputs(x).addOutputs(x).addFloatingPointArguments(0.0).build());
    }

    /** grad ← grad · [activation > 0]; the activation is the ReLU's output, so > 0 iff its input was. */
    private static void reluBackward(INDArray activation, INDArray grad) {
        exec(DynamicCustomOp.builder("relu_bp").addInputs(activation, grad).addOutputs(grad)
                .addFloatingPointArguments(0.0).build());
    }

    private static void exec(org.nd4j.linalg.api.ops.CustomOp op) {
        Nd4j.exec(op);
    }

    private static void exec(org.nd4j.linalg.api.ops.Op op) {
        Nd4j.getExecutioner().exec(op);
    }
}
