package org.curationlab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The op-level levers behind the kernels engine ({@code curate bench --levers}), each as the
 * two ways of doing the same work on the M CNN's shapes at batch 256, timed in rotation in one
 * run: what libnd4j M2.1 charges for a layout or an op choice. The models README's "Speed"
 * table cites these rows.
 */
public final class OpLevers {
    private static final int N = 256;

    private OpLevers() {
    }

    public static List<BenchResult> run(int reps) {
        List<BenchResult> out = new ArrayList<>();
        maxPoolLayout(out, reps);
        kernelLayout(out, reps);
        firstConvolution(out, reps);
        reluAfterPool(out, reps);
        matmul(out, reps);
        return out;
    }

    /** 2×2 max pool and its gradient on the first conv's 28×28×16 maps, NCHW against NHWC. */
    private static void maxPoolLayout(List<BenchResult> out, int reps) {
        INDArray nchw = Nd4j.rand(DataType.FLOAT, N, 16, 28, 28);
        INDArray nhwc = Nd4j.rand(DataType.FLOAT, N, 28, 28, 16);
        INDArray pooledNchw = Nd4j.create(DataType.FLOAT, N, 16, 14, 14);
        INDArray pooledNhwc = Nd4j.create(DataType.FLOAT, N, 14, 14, 16);
        INDArray gradNchw = pooledNchw.like().assign(0.1);
        INDArray gradNhwc = pooledNhwc.like().assign(0.1);
        INDArray inGradNchw = nchw.ulike();
        INDArray inGradNhwc = nhwc.ulike();
        Timing[] t = Bench.rotated(reps,
                () -> pool(nchw, pooledNchw, gradNchw, inGradNchw, 0),
                () -> pool(nhwc, pooledNhwc, gradNhwc, inGradNhwc, 1));
        pair(out, "lever-maxpool", "nchw", "nhwc", t,
                "maxpool2d + maxpool2d_bp, [256, 28, 28, 16], oneDNN build");
    }

    private static void pool(INDArray x, INDArray pooled, INDArray grad, INDArray inGrad, int nhwc) {
        int[] args = {2, 2, 2, 2, 0, 0, 1, 1, 0, 0, nhwc};
        Nd4j.exec(DynamicCustomOp.builder("maxpool2d").addInputs(x).addOutputs(pooled).addIntegerArguments(args).build());
        Nd4j.exec(DynamicCustomOp.builder("maxpool2d_bp").addInputs(x, grad).addOutputs(inGrad)
                .addIntegerArguments(args).build());
    }

    /** NHWC conv2d 32→64 on 14×14 maps with the parameter's [kH, kW, in, out] against [out, kH, kW, in]. */
    private static void kernelLayout(List<BenchResult> out, int reps) {
        INDArray x = Nd4j.rand(DataType.FLOAT, N, 14, 14, 32);
        INDArray yxio = Nd4j.rand(DataType.FLOAT, 3, 3, 32, 64);
        INDArray oyxi = yxio.permute(3, 0, 1, 2).dup('c');
        INDArray b = Nd4j.rand(DataType.FLOAT, 64);
        INDArray y = Nd4j.create(DataType.FLOAT, N, 14, 14, 64);
        Timing[] t = Bench.rotated(reps, () -> conv(x, yxio, b, y, 0), () -> conv(x, oyxi, b, y, 2));
        pair(out, "lever-conv-kernel", "yxio", "oyxi", t, "NHWC conv2d 32->64 on [256, 14, 14, 32], forward");
    }

    private static void conv(INDArray x, INDArray w, INDArray b, INDArray y, int weightsFormat) {
        Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(x, w, b).addOutputs(y)
                .addIntegerArguments(3, 3, 1, 1, 0, 0, 1, 1, 1, 1, weightsFormat).build());
    }

    /**
     * The first convolution (one input channel, 16 outputs, 28×28) forward and backward as
     * libnd4j's conv2d/conv2d_bp against a [10, n·784] patch matrix and two gemms (the patch
     * matrix itself is filled once per step by array copies, not counted here).
     */
    private static void firstConvolution(List<BenchResult> out, int reps) {
        INDArray x = Nd4j.rand(DataType.FLOAT, N, 28, 28, 1);
        INDArray w = Nd4j.rand(DataType.FLOAT, 16, 3, 3, 1);
        INDArray b = Nd4j.rand(DataType.FLOAT, 16);
        INDArray y = Nd4j.create(DataType.FLOAT, N, 28, 28, 16);
        INDArray gy = y.like().assign(0.01);
        INDArray gx = x.ulike();
        INDArray gw = w.ulike();
        INDArray gb = b.ulike();
        INDArray patches = Nd4j.rand(DataType.FLOAT, 10, N * 784L);
        INDArray kernel = Nd4j.rand(DataType.FLOAT, 10, 16);
        INDArray yFlat = Nd4j.create(DataType.FLOAT, N * 784L, 16);
        INDArray kernelGrad = kernel.ulike();
        Timing[] t = Bench.rotated(reps, () -> {
            conv(x, w, b, y, 2);
            Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(x, w, b, gy).addOutputs(gx, gw, gb)
                    .addIntegerArguments(3, 3, 1, 1, 0, 0, 1, 1, 1, 1, 2).build());
        }, () -> {
            Nd4j.gemm(patches, kernel, yFlat, true, false, 1.0, 0.0);
            Nd4j.gemm(patches, yFlat, kernelGrad, false, false, 1.0, 0.0);
        });
        pair(out, "lever-first-conv", "conv2d", "patch-gemm", t, "1->16 channels on [256, 28, 28], forward and backward");
    }

    /** ReLU and its gradient on the first conv's maps before the pool, against on the pooled maps. */
    private static void reluAfterPool(List<BenchResult> out, int reps) {
        INDArray full = Nd4j.rand(DataType.FLOAT, N, 28, 28, 16).subi(0.5);
        INDArray pooled = Nd4j.rand(DataType.FLOAT, N, 14, 14, 16).subi(0.5);
        INDArray fullGrad = full.like().assign(0.1);
        INDArray pooledGrad = pooled.like().assign(0.1);
        Timing[] t = Bench.rotated(reps, () -> relu(full, fullGrad), () -> relu(pooled, pooledGrad));
        pair(out, "lever-relu", "before-pool", "after-pool", t,
                "relu + relu_bp on [256, 28, 28, 16] against [256, 14, 14, 16] (the two orders give the same function)");
    }

    private static void relu(INDArray x, INDArray grad) {
        Nd4j.exec(DynamicCustomOp.builder("relu").addInputs(x).addOutputs(x).addFloatingPointArguments(0.0).build());
        Nd4j.exec(DynamicCustomOp.builder("relu_bp").addInputs(x, grad).addOutputs(grad)
                .addFloatingPointArguments(0.0).build());
    }

    /** The head's B×B similarity, [256, 64]·[64, 256]ᵀ, by INDArray.mmul against gemm into a fresh array. */
    private static void matmul(List<BenchResult> out, int reps) {
        INDArray a = Nd4j.rand(DataType.FLOAT, N, 64);
        INDArray b = Nd4j.rand(DataType.FLOAT, N, 64);
        Timing[] t = Bench.rotated(reps * 5, () -> a.mmul(b.transpose()),
                () -> Nd4j.gemm(a, b, Nd4j.createUninitialized(DataType.FLOAT, N, N), false, true, 1.0, 0.0));
        pair(out, "lever-matmul", "mmul", "gemm", t, "[256, 64]·[64, 256] into a new array");
    }

    private static void pair(List<BenchResult> out, String name, String before, String after, Timing[] t,
            String what) {
        out.add(new BenchResult(name + "-" + before, t[0], Double.NaN, Double.NaN, what));
        out.add(new BenchResult(name + "-" + after, t[1], Double.NaN, Double.NaN, String.format(Locale.ROOT,
                "%s; %.2fx the time of %s%s", what, t[1].medianMs() / t[0].medianMs(), before,
                t[0].overlaps(t[1]) ? ", within run-to-run spread" : "")));
    }
}
