package org.curationlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LayerNorm;
import org.nd4j.linalg.api.ops.impl.transforms.strict.GELU;
import org.nd4j.linalg.api.ops.impl.transforms.strict.PreciseGELU;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Each fused element-wise part of {@link VitKernels} computes the formula it replaced, written out
 * op by op as the SameDiff graph writes it ({@link VitTower#graph}): the GELU bit for bit, the rest
 * to float rounding (relative to the largest entry).
 */
class VitKernelsPartsTest {
    private static final double ROUNDING = 1e-5;

    private static INDArray randn(long seed, double scale, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, shape).muli(scale);
    }

    @Test
    void geluIsTheGraphsCompositionBitForBit() {
        INDArray h = randn(1, 3, 64, 256);
        INDArray tanh = h.ulike();
        INDArray gelu = h.ulike();
        VitKernels.gelu(h, tanh, gelu);
        INDArray inner = h.add(h.mul(h).mul(h).mul(VitTower.GELU_C)).mul(VitTower.GELU_K);
        INDArray expected = h.mul(Transforms.tanh(inner, true).add(1.0)).mul(0.5);
        assertArrayEquals(expected.ravel().toFloatVector(), gelu.ravel().toFloatVector());
        assertArrayEquals(Transforms.tanh(inner, true).ravel().toFloatVector(), tanh.ravel().toFloatVector());
    }

    @Test
    void geluBackwardIsTheDerivative() {
        INDArray h = randn(2, 3, 64, 256);
        INDArray tanh = h.ulike();
        INDArray gelu = h.ulike();
        VitKernels.gelu(h, tanh, gelu);
        INDArray dh = randn(3, 1, 64, 256);
        // ½(1 + t) + ½·h·(1 − t²)·√(2/π)·(1 + 3c·h²), as written out before the fused form.
        INDArray inner = h.mul(h).muli(3 * VitTower.GELU_C).addi(1.0).muli(VitTower.GELU_K);
        INDArray derivative = tanh.mul(tanh).rsubi(1.0).muli(inner).muli(h).muli(0.5).addi(tanh.add(1.0).muli(0.5));
        INDArray expected = dh.mul(derivative);
        VitKernels.geluBackward(h, tanh, gelu, dh);
        assertClose(expected, dh, "GELU backward");
    }

    /** Logits up to ±~100: exp(s − max) keeps them finite, as the graph's max-shifted formula does. */
    @Test
    void softmaxIsTheMaxShiftedFormula() {
        INDArray scores = randn(4, 30, 8, 16, 16);
        double scale = 0.25;
        INDArray s = scores.mul(scale);
        INDArray e = Transforms.exp(s.sub(s.max(true, 2)), false);
        INDArray expected = e.div(e.sum(true, 2));
        VitKernels.softmax(scores, scale);
        assertClose(expected, scores, "softmax");
        assertTrue(scores.sum(2).sub(1.0).amaxNumber().doubleValue() < 1e-5, "rows sum to 1");
    }

    @Test
    void softmaxBackwardIsTheJacobianProduct() {
        INDArray p = randn(5, 3, 8, 16, 16);
        VitKernels.softmax(p, 1.0);
        INDArray dP = randn(6, 1, 8, 16, 16);
        double scale = 0.25;
        INDArray expected = dP.sub(dP.mul(p).sum(true, 2)).muli(p).muli(scale);
        VitKernels.softmaxBackward(p, dP, scale);
        assertClose(expected, dP, "softmax backward");
    }

    @Test
    void layerNormIsTheGraphsFormulaBothWays() {
        long rows = 128;
        INDArray x = randn(7, 2, rows, 64).addi(0.5);
        INDArray gain = randn(8, 1, 64).addi(1.0);
        INDArray bias = randn(9, 1, 64);
        INDArray centred = x.sub(x.mean(true, 1));
        INDArray std = Transforms.sqrt(centred.mul(centred).mean(true, 1).add(VitTower.LN_EPSILON), false);
        INDArray normalised = centred.div(std);
        VitKernels.LayerNormPass ln = new VitKernels.LayerNormPass(rows, 64);
        assertClose(normalised.mulRowVector(gain).addRowVector(bias), ln.forward(x, gain, bias), "LayerNorm");

        INDArray dOut = randn(10, 1, rows, 64);
        INDArray dNorm = dOut.mulRowVector(gain);
        INDArray expectedDx = dNorm.sub(dNorm.mean(true, 1)).sub(normalised.mul(dNorm.mul(normalised).mean(true, 1)))
                .div(std);
        INDArray gainGrad = gain.ulike();
        INDArray biasGrad = bias.ulike();
        assertClose(expectedDx, ln.backward(dOut, gain, gainGrad, biasGrad), "LayerNorm dx");
        assertClose(dOut.mul(normalised).sum(0), gainGrad, "LayerNorm dγ");
        assertClose(dOut.sum(0), biasGrad, "LayerNorm dβ");
    }

    /**
     * Why libnd4j's own GELU and LayerNorm ops are not used: in M2.1 neither computes the graph's
     * formula (docs/_incoming/vit-fused.md). Should an upgrade change that, this fails and they can be.
     */
    @Test
    void libnd4jsGeluAndLayerNormAreOtherFormulas() {
        INDArray x = Nd4j.createFromArray(2.0f);
        double k = VitTower.GELU_K;
        double c = VitTower.GELU_C;
        double tanhGelu = 0.5 * 2 * (1 + Math.tanh(k * (2 + c * 8))); // the graph's: 1.9546
        double coefficientCubed = 0.5 * 2 * (1 + Math.tanh(k * (2 + Math.pow(c * 2, 3)))); // 1.9216
        INDArray precise = x.ulike();
        Nd4j.getExecutioner().exec(new PreciseGELU(x, precise));
        assertEquals(coefficientCubed, precise.getDouble(0), 1e-5, "precise_gelu: x + (c·x)³ inside the tanh");
        assertTrue(Math.abs(tanhGelu - precise.getDouble(0)) > 0.03);
        INDArray sigmoid = x.ulike();
        Nd4j.getExecutioner().exec(new GELU(x, sigmoid));
        assertEquals(2 / (1 + Math.exp(-1.702 * 2)), sigmoid.getDouble(0), 1e-5, "gelu: x·σ(1.702·x)");
        // A row of variance 2.5e-7: the graph gives ±5e-4 / √(2.5e-7 + 1e-6) = ±0.447, layer_norm ±1 (σ + 1e-12).
        INDArray row = Nd4j.createFromArray(new float[][] {{0f, 1e-3f}});
        INDArray normalised = row.ulike();
        Nd4j.getExecutioner().exec(new LayerNorm(row, Nd4j.ones(DataType.FLOAT, 2), Nd4j.zeros(DataType.FLOAT, 2),
                normalised, true, 1));
        assertEquals(1.0, normalised.getDouble(0, 1), 1e-3, "layer_norm: (x − mean) / (σ + 1e-12)");
        VitKernels.LayerNormPass ours = new VitKernels.LayerNormPass(1, 2);
        assertEquals(5e-4 / Math.sqrt(2.5e-7 + 1e-6),
                ours.forward(row, Nd4j.ones(DataType.FLOAT, 2), Nd4j.zeros(DataType.FLOAT, 2)).getDouble(0, 1), 1e-4);
    }

    private static void assertClose(INDArray want, INDArray got, String what) {
        double scale = Math.max(want.amaxNumber().doubleValue(), 1e-12);
        double worst = want.sub(got.reshape(want.shape())).amaxNumber().doubleValue();
        assertTrue(worst <= ROUNDING * scale, what + ": max |difference| " + worst + " > " + ROUNDING * scale);
    }
}
