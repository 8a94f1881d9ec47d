package org.curationlab.selection;

import org.curationlab.data.CurationException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A validated B×B matrix over the pairs of a super-batch (rows = images, columns = texts, matched
 * pairs on the diagonal), stored row-major as float[]. Selectors read it with plain loops (their
 * per-chunk work is O(B) row reads, far below ND4J's per-op overhead); only the whole-matrix
 * transcendental passes go through ND4J ({@link Nd4jKernels}). The name is kept so that errors
 * can say which input was at fault.
 */
public final class PairMatrix {
    private final String name;
    private final int size;
    private final float[] values;

    private PairMatrix(String name, int size, float[] values) {
        this.name = name;
        this.size = size;
        this.values = values;
    }

    /**
     * Wraps a row-major B×B array (not copied: the caller must not change it afterwards).
     *
     * @param name what the matrix is, for error messages (e.g. {@code "learner logits"})
     */
    public static PairMatrix of(String name, float[] rowMajor) {
        if (rowMajor == null) {
            throw new CurationException(name + " is missing; expected a B×B row-major float matrix");
        }
        int n = rowMajor.length;
        int size = (int) Math.round(Math.sqrt(n));
        if (n == 0 || (long) size * size != n) {
            throw new CurationException(name + " has " + n
                    + " entries, which is not a square number; expected a B×B row-major matrix");
        }
        checkFinite(name, size, rowMajor);
        return new PairMatrix(name, size, rowMajor);
    }

    /**
     * Copies a rank-2 square INDArray (any data type or ordering) into a row-major float matrix, with
     * one bulk NIO copy ({@code DataBuffer.asFloat()} measured ≈10× slower).
     */
    public static PairMatrix of(String name, INDArray matrix) {
        int size = Nd4jKernels.checkSquare(name, matrix);
        float[] values = Nd4jKernels.toRowMajor(matrix, size);
        checkFinite(name, size, values);
        return new PairMatrix(name, size, values);
    }

    /** Wraps values already known to be finite (computed here from checked inputs). */
    static PairMatrix trusted(String name, int size, float[] values) {
        return new PairMatrix(name, size, values);
    }

    private static void checkFinite(String name, int size, float[] values) {
        for (int k = 0; k < values.length; k++) {
            if (!Float.isFinite(values[k])) {
                throw new CurationException(name + "[" + k / size + "," + k % size + "] = " + values[k]
                        + "; expected finite values");
            }
        }
    }

    public String name() {
        return name;
    }

    /** B, the super-batch size. */
    public int size() {
        return size;
    }

    public float get(int row, int col) {
        return values[row * size + col];
    }

    /** The backing row-major array, not a copy: read-only by convention. */
    float[] values() {
        return values;
    }
}
