package org.curationlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** FlexiViT's resizes: bilinear as TensorFlow's, and the pseudo-inverse patch-embedding resize. */
class FlexiResizeTest {
    @ParameterizedTest
    @CsvSource({"7, 14", "7, 4", "4, 2", "2, 4", "7, 7"})
    void bilinearKeepsConstants(int in, int out) {
        for (double[] row : FlexiResize.bilinear2d(in, out)) {
            assertEquals(1.0, java.util.Arrays.stream(row).sum(), 1e-12);
        }
    }

    @Test
    void halvingAGridWithHalfPixelCentresAveragesEach2x2() {
        // Output (0,0) samples the input at (0.5, 0.5): the mean of the top-left 2×2 block.
        double[][] b = FlexiResize.bilinear2d(4, 2);
        assertArrayEquals(new double[] {.25, .25, 0, 0, .25, .25, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, b[0], 1e-12);
    }

    /**
     * Position embeddings follow {@code jax.image.resize(..., "linear")}: plain bilinear when the grid
     * grows, a triangle filter twice as wide when it halves (4 → 2: weights ¾, ¾, ¼ over inputs 0–2, normalised).
     */
    @Test
    void positionResizeIsJaxLinear() {
        double[][] shrink = FlexiResize.linearAntialiased(4, 2);
        assertArrayEquals(new double[] {3 / 7.0, 3 / 7.0, 1 / 7.0, 0}, shrink[0], 1e-12);
        assertArrayEquals(new double[] {0, 1 / 7.0, 3 / 7.0, 3 / 7.0}, shrink[1], 1e-12);
        double[][] grow = FlexiResize.linearAntialiased(4, 7);
        double[][] bilinear = FlexiResize.bilinear(4, 7);
        for (int o = 0; o < 7; o++) {
            assertArrayEquals(bilinear[o], grow[o], 1e-12);
        }
        INDArray positions = FlexiResize.positions(4, 2);
        assertArrayEquals(new long[] {4, 16}, positions.shape());
        assertEquals(3 / 7.0 * 3 / 7.0, positions.getDouble(0, 0), 1e-6);
    }

    @Test
    void upsamplingByTwoInterpolatesAQuarterAndThreeQuarters() {
        double[][] m = FlexiResize.bilinear(2, 4);
        assertArrayEquals(new double[] {1, 0}, m[0], 1e-12); // reads −0.25: clamped to the edge
        assertArrayEquals(new double[] {0.75, 0.25}, m[1], 1e-12);
        assertArrayEquals(new double[] {0.25, 0.75}, m[2], 1e-12);
        assertArrayEquals(new double[] {0, 1}, m[3], 1e-12);
    }

    /**
     * The defining property (FlexiViT §3.4): a token computed from a resized patch with the resized
     * weights equals the token of the original patch with the original weights. Exact for a larger
     * patch (B injective); for a smaller one it holds on B's row space, x = Bᵀy.
     */
    @ParameterizedTest
    @CsvSource({"7, 14", "7, 4", "7, 7"})
    void resizedWeightsGiveTheSameTokenOnResizedPatches(int base, int patch) {
        Random rng = new Random(3);
        double[][] b = FlexiResize.bilinear2d(base, patch);
        INDArray resize = FlexiResize.patchEmbedding(base, patch);
        assertArrayEquals(new long[] {(long) patch * patch, (long) base * base}, resize.shape());
        double[] w = gaussian(rng, base * base);
        double[] wNew = new double[patch * patch];
        for (int i = 0; i < wNew.length; i++) {
            for (int j = 0; j < w.length; j++) {
                wNew[i] += resize.getDouble(i, j) * w[j];
            }
        }
        for (int trial = 0; trial < 5; trial++) {
            double[] x;
            if (patch >= base) {
                x = gaussian(rng, base * base);
            } else {
                double[] y = gaussian(rng, patch * patch);
                x = new double[base * base];
                for (int j = 0; j < x.length; j++) {
                    for (int i = 0; i < y.length; i++) {
                        x[j] += b[i][j] * y[i];
                    }
                }
            }
            double original = 0;
            for (int j = 0; j < x.length; j++) {
                original += x[j] * w[j];
            }
            double resized = 0;
            for (int i = 0; i < patch * patch; i++) {
                double bx = 0;
                for (int j = 0; j < x.length; j++) {
                    bx += b[i][j] * x[j];
                }
                resized += bx * wNew[i];
            }
            assertEquals(original, resized, 1e-4 * Math.max(1, Math.abs(original)), "⟨resize(x), w_p⟩ vs ⟨x, w⟩");
        }
    }

    private static double[] gaussian(Random rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    /** RGB patches, channel-major: each channel's block is resized as a grey patch, and blocks do not mix. */
    @ParameterizedTest
    @CsvSource({"8, 16", "8, 4", "7, 14"})
    void rgbResizeIsTheGreyResizePerChannel(int base, int patch) {
        INDArray grey = FlexiResize.patchEmbedding(base, patch);
        INDArray rgb = FlexiResize.patchEmbedding(base, patch, 3);
        int q = patch * patch;
        int r = base * base;
        assertArrayEquals(new long[] {3L * q, 3L * r}, rgb.shape());
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                INDArray block = rgb.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i * q, (i + 1) * q),
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(j * r, (j + 1) * r));
                INDArray want = i == j ? grey : grey.mul(0);
                assertArrayEquals(want.ravel().toFloatVector(), block.dup().ravel().toFloatVector(), 0f,
                        "block " + i + ", " + j);
            }
        }
    }
}
