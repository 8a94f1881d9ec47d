package org.curationlab.models;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * FlexiViT's resizes (Beyer et al. 2023, "FlexiViT: One Model for All Patch Sizes", §3.4;
 * big_vision's {@code resample_patchemb}), which let one set of ViT weights run at several patch
 * sizes. Both are linear maps of the stored (base) parameters, so each is a constant matrix the
 * forward pass multiplies the parameter by and the backward pass multiplies the gradient by
 * (transposed): training at any patch size updates the same base weights.
 *
 * <ul>
 * <li>Patch embedding: with B the bilinear resize of a p0×p0 patch to p×p (a [p², p0²] matrix),
 * the weights at patch p are (Bᵀ)⁺·w, the pseudo-inverse resize: then ⟨B·x, w_p⟩ = ⟨x, w⟩ for
 * every base patch x when p ≥ p0, and the least-squares best such map when p &lt; p0.
 * <li>Position embeddings: bilinear resize of the g0×g0 grid to g×g, each channel alike, as
 * {@code jax.image.resize(..., "linear")} in big_vision's FlexiViT model: the same interpolation
 * when enlarging, a triangle filter widened by the scale (antialiasing) when shrinking.
 * </ul>
 *
 * The patch resize B is TensorFlow's bilinear ({@code tf.image.resize}, what
 * {@code resample_patchemb} calls): half-pixel centres, edge clamping, no antialiasing. Matrices
 * are FLOAT, cached per size pair (made outside any {@link StepWorkspace}) and never written.
 */
final class FlexiResize {
    private static final Map<String, INDArray> CACHE = new ConcurrentHashMap<>();

    private FlexiResize() {
    }

    /** (Bᵀ)⁺ as a FLOAT [p², p0²] matrix: w_p = this · w for w [p0², D]. */
    static INDArray patchEmbedding(int basePatch, int patch) {
        return patchEmbedding(basePatch, patch, 1);
    }

    /**
     * The resize of C-channel patch embeddings, rows channel-major ([C·p0², D]): each channel's
     * block resized alike, the block-diagonal I_C ⊗ (Bᵀ)⁺ as a FLOAT [C·p², C·p0²] matrix (for
     * C = 1, {@link #patchEmbedding(int, int)}).
     */
    static INDArray patchEmbedding(int basePatch, int patch, int channels) {
        return CACHE.computeIfAbsent("patch " + basePatch + " " + patch + (channels == 1 ? "" : " c" + channels),
                k -> StepWorkspace.outside(() -> floats(blockDiagonal(pseudoInverseOfTranspose(bilinear2d(basePatch, patch)), channels))));
    }

    /** I_C ⊗ m: {@code copies} copies of m down the diagonal. */
    static double[][] blockDiagonal(double[][] m, int copies) {
        if (copies == 1) {
            return m;
        }
        int rows = m.length;
        int cols = m[0].length;
        double[][] out = new double[copies * rows][copies * cols];
        for (int c = 0; c < copies; c++) {
            for (int i = 0; i < rows; i++) {
                System.arraycopy(m[i], 0, out[c * rows + i], c * cols, cols);
            }
        }
        return out;
    }

    /** The bilinear resize of a g0×g0 grid to g×g as a FLOAT [g², g0²] matrix: pos_g = this · pos. */
    static INDArray positions(int baseGrid, int grid) {
        return CACHE.computeIfAbsent("grid " + baseGrid + " " + grid,
                k -> StepWorkspace.outside(() -> floats(separable(linearAntialiased(baseGrid, grid), baseGrid, grid))));
    }

    /**
     * 1-D {@code jax.image.resize} "linear" from {@code in} to {@code out} as [out][in]: output o
     * samples the input at (o + ½)·in/out − ½ with the triangle kernel max(0, 1 − |x|/k), k being
     * in/out when shrinking (antialiasing) and 1 when enlarging, the weights normalised to sum 1.
     */
    static double[][] linearAntialiased(int in, int out) {
        double inverseScale = (double) in / out;
        double kernelScale = Math.max(inverseScale, 1.0);
        double[][] m = new double[out][in];
        for (int o = 0; o < out; o++) {
            double sample = (o + 0.5) * inverseScale - 0.5;
            double total = 0;
            for (int i = 0; i < in; i++) {
                m[o][i] = Math.max(0, 1 - Math.abs(sample - i) / kernelScale);
                total += m[o][i];
            }
            for (int i = 0; i < in; i++) {
                m[o][i] /= total;
            }
        }
        return m;
    }

    /**
     * 1-D bilinear resize from {@code in} to {@code out} samples as [out][in]: output o reads the
     * input at (o + ½)·in/out − ½, interpolating its two neighbours, clamped at the edges.
     */
    static double[][] bilinear(int in, int out) {
        double[][] m = new double[out][in];
        double scale = (double) in / out;
        for (int o = 0; o < out; o++) {
            double src = (o + 0.5) * scale - 0.5;
            int floor = (int) Math.floor(src);
            double lerp = src - floor;
            m[o][clamp(floor, in)] += 1 - lerp;
            m[o][clamp(floor + 1, in)] += lerp;
        }
        return m;
    }

    /** 2-D bilinear resize of row-major in×in images to out×out, [out²][in²]: separable, rows times columns. */
    static double[][] bilinear2d(int in, int out) {
        return separable(bilinear(in, out), in, out);
    }

    /** The 2-D resize [out²][in²] of row-major images that applies the 1-D {@code m} [out][in] to rows and columns. */
    private static double[][] separable(double[][] m, int in, int out) {
        double[][] b = new double[out * out][in * in];
        for (int oy = 0; oy < out; oy++) {
            for (int ox = 0; ox < out; ox++) {
                for (int iy = 0; iy < in; iy++) {
                    for (int ix = 0; ix < in; ix++) {
                        b[oy * out + ox][iy * in + ix] = m[oy][iy] * m[ox][ix];
                    }
                }
            }
        }
        return b;
    }

    /**
     * (Bᵀ)⁺ of a full-rank B [q, r] in double precision: B·(BᵀB)⁻¹ when q ≥ r (B has full column
     * rank: upsampling), (BBᵀ)⁻¹·B when q &lt; r (full row rank: downsampling).
     */
    static double[][] pseudoInverseOfTranspose(double[][] b) {
        int q = b.length;
        int r = b[0].length;
        if (q >= r) {
            double[][] gram = new double[r][r]; // BᵀB
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < r; j++) {
                    double s = 0;
                    for (int k = 0; k < q; k++) {
                        s += b[k][i] * b[k][j];
                    }
                    gram[i][j] = s;
                }
            }
            double[][] inv = invert(gram);
            return multiply(b, inv);
        }
        double[][] gram = new double[q][q]; // BBᵀ
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < q; j++) {
                double s = 0;
                for (int k = 0; k < r; k++) {
                    s += b[i][k] * b[j][k];
                }
                gram[i][j] = s;
            }
        }
        return multiply(invert(gram), b);
    }

    private static int clamp(int i, int n) {
        return Math.max(0, Math.min(n - 1, i));
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int k = b.length;
        int m = b[0].length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < k; t++) {
                double v = a[i][t];
                for (int j = 0; j < m; j++) {
                    c[i][j] += v * b[t][j];
                }
            }
        }
        return c;
    }

    /** Gauss–Jordan with partial pivoting; the Gram matrices here are small and well conditioned. */
    private static double[][] invert(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) {
                    pivot = row;
                }
            }
            if (Math.abs(m[pivot][col]) < 1e-12) {
                throw new IllegalStateException("singular resize Gram matrix");
            }
            double[] tmp = m[col];
            m[col] = m[pivot];
            m[pivot] = tmp;
            double d = m[col][col];
            for (int j = 0; j < 2 * n; j++) {
                m[col][j] /= d;
            }
            for (int row = 0; row < n; row++) {
                if (row != col && m[row][col] != 0) {
                    double f = m[row][col];
                    for (int j = 0; j < 2 * n; j++) {
                        m[row][j] -= f * m[col][j];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, inv[i], 0, n);
        }
        return inv;
    }

    private static INDArray floats(double[][] m) {
        float[] v = new float[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                v[i * m[0].length + j] = (float) m[i][j];
            }
        }
        return Nd4j.create(v, new long[] {m.length, m[0].length}, 'c').castTo(DataType.FLOAT);
    }
}
