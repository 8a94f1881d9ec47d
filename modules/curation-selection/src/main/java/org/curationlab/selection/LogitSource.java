package org.curationlab.selection;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Read access to a row-major B×B logit matrix for the sigmoid scorer's whole-matrix pass: the ND4J
 * array's own native buffer when it is a plain row-major float array (the training path: the pass
 * reads each entry once, so a heap copy of all B² entries would double the memory traffic and
 * allocate 2·4B² bytes a step), else a row-major heap copy.
 */
abstract class LogitSource {
    /** The entry at row-major index {@code k = i·B + j}. */
    abstract float at(int k);

    /**
     * Copies row i of the B×B matrix into dst[0, n) in one bulk read, so that the scorer's row
     * kernel runs in place over a plain float[] from index 0 (see {@link FastSoftplus#row}).
     */
    abstract void copyRow(int i, int n, float[] dst);

    /** The first n·n entries, row-major, on the heap (for error messages that name an entry). */
    float[] copy(int n) {
        float[] v = new float[n * n];
        for (int k = 0; k < v.length; k++) {
            v[k] = at(k);
        }
        return v;
    }

    /** Whether the entries are read from the ND4J array's own memory (no copy). */
    abstract boolean inPlace();

    static LogitSource of(float[] rowMajor) {
        return new Heap(rowMajor);
    }

    /**
     * Reads {@code matrix} in place when it is a row-major, float, non-view array outside any
     * workspace (so its memory stays valid while this source holds it); otherwise copies it once.
     * The matrix must not change while the scorer reading it is in use.
     */
    static LogitSource of(INDArray matrix, int n) {
        if (matrix.dataType() == DataType.FLOAT && matrix.ordering() == 'c' && !matrix.isView()
                && !matrix.isAttached() && matrix.offset() == 0 && matrix.data().length() >= (long) n * n) {
            FloatBuffer fb = matrix.data().asNioFloat();
            if (fb.isDirect() && fb.order() == ByteOrder.nativeOrder() && fb.capacity() >= n * n) {
                return new Native(matrix, fb);
            }
        }
        return new Heap(Nd4jKernels.toRowMajor(matrix, n));
    }

    private static final class Heap extends LogitSource {
        private final float[] v;

        Heap(float[] v) {
            this.v = v;
        }

        @Override
        float at(int k) {
            return v[k];
        }

        @Override
        void copyRow(int i, int n, float[] dst) {
            System.arraycopy(v, i * n, dst, 0, n);
        }

        @Override
        boolean inPlace() {
            return false;
        }
    }

    private static final class Native extends LogitSource {
        /** Held so that the array, and with it the native memory {@code fb} reads, outlives this source. */
        @SuppressWarnings("unused")
        private final INDArray owner;
        private final FloatBuffer fb;

        Native(INDArray owner, FloatBuffer fb) {
            this.owner = owner;
            this.fb = fb;
        }

        @Override
        float at(int k) {
            return fb.get(k);
        }

        @Override
        void copyRow(int i, int n, float[] dst) {
            fb.get(i * n, dst, 0, n);
        }

        @Override
        boolean inPlace() {
            return true;
        }
    }
}
