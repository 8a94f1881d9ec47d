package org.curationlab.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;

/**
 * How many ND4J op calls one ViT-M kernels step (the tower's forward and backward at the base
 * patch) makes, counted by ND4J's own profiler: each call costs Java-side overhead and a memory
 * pass whatever its size, so the count is what the fused ops cut (docs/_incoming/vit-fused.md).
 * Counted, never timed; the batch size does not change the count.
 */
class VitKernelsOpCountTest {
    @AfterEach
    void profilerOff() {
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
    }

    @Test
    void oneViTMStepMakesThisManyOpCalls() {
        ModelConfig c = ModelConfig.defaults(ImageTowerKind.VIT, ModelSize.M);
        Map<String, INDArray> params = new LinkedHashMap<>();
        new VitTower().initialise(c, new Random(3), params);
        VitKernels kernels = new VitKernels(c, params);
        SyntheticPairs d = new SyntheticPairs(8, 4, 4, 5);
        INDArray featureGrad = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 8, c.embedDim());
        kernels.forward(d.images); // the pass's arrays, made once per shape
        kernels.backward(d.images, featureGrad);
        long forward = count(() -> kernels.forward(d.images));
        long backward = count(() -> kernels.backward(d.images, featureGrad));
        System.out.println("ViT-M kernels step op calls: forward " + forward + ", backward " + backward);
        assertEquals(EXPECTED_FORWARD, forward, "forward op calls");
        assertEquals(EXPECTED_BACKWARD, backward, "backward op calls");
    }

    /** 140 and 173 before the fused ops (docs/_incoming/vit-fused.md has the count per part). */
    static final long EXPECTED_FORWARD = 95;
    static final long EXPECTED_BACKWARD = 123;

    /** Each element-wise part alone, on ViT-M's shapes (D = 64, M = 256, 4 heads of 16 tokens). */
    @Test
    void eachPartMakesThisManyOpCalls() {
        long rows = 8 * 16;
        INDArray x = Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.FLOAT, rows, 64);
        INDArray gain = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 64);
        INDArray bias = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 64);
        VitKernels.LayerNormPass ln = new VitKernels.LayerNormPass(rows, 64);
        INDArray gainGrad = gain.ulike();
        INDArray biasGrad = bias.ulike();
        long lnForward = count(() -> ln.forward(x, gain, bias));
        long lnBackward = count(() -> ln.backward(x, gain, gainGrad, biasGrad));
        INDArray scores = Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.FLOAT, 8 * 4, 16, 16);
        INDArray dP = Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.FLOAT, 8 * 4, 16, 16);
        long softmaxForward = count(() -> VitKernels.softmax(scores, 0.25));
        long softmaxBackward = count(() -> VitKernels.softmaxBackward(scores, dP, 0.25));
        INDArray h = Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.FLOAT, rows, 256);
        INDArray t = h.ulike();
        INDArray g = h.ulike();
        INDArray dh = Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.FLOAT, rows, 256);
        long geluForward = count(() -> VitKernels.gelu(h, t, g));
        long geluBackward = count(() -> VitKernels.geluBackward(h, t, g, dh));
        System.out.println("op calls per part: LayerNorm fwd " + lnForward + " bwd " + lnBackward + ", softmax fwd "
                + softmaxForward + " bwd " + softmaxBackward + ", GELU fwd " + geluForward + " bwd " + geluBackward);
        // Before the fused ops: 13, 15, 6, 5, 11 and 13.
        assertEquals(List.of(8L, 10L, 2L, 4L, 8L, 9L),
                List.of(lnForward, lnBackward, softmaxForward, softmaxBackward, geluForward, geluBackward));
    }

    private static long count(Runnable step) {
        OpProfiler.getInstance().reset();
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
        try {
            step.run();
        } finally {
            Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
        }
        return OpProfiler.getInstance().getInvocationsCount();
    }
}
