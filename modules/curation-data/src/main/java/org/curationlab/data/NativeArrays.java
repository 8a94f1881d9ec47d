package org.curationlab.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;

/**
 * Java arrays into and out of ND4J's native memory in one bulk NIO copy. ND4J M2.1's
 * {@code Nd4j.create(float[], ...)} and {@code DataBuffer.asFloat()} move one element per call
 * through an indexer, several times slower than one bulk copy for a batch of images
 * (docs/benchmarks.md). The values are the same either way.
 */
public final class NativeArrays {
    private NativeArrays() {
    }

    /** A new row-major FLOAT array of {@code shape} holding {@code values}. */
    public static INDArray floats(float[] values, long... shape) {
        INDArray a = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        checkLength(a, values.length);
        if (values.length > 0) { // an empty array has no buffer to write
            FloatBuffer fb = a.data().asNioFloat();
            fb.put(0, values, 0, values.length);
        }
        return a;
    }

    /**
     * Rows {@code ids} of the row-major [n, {@code width}] matrix {@code matrix} as a new [ids.length, width]
     * FLOAT array, each row copied straight into its native buffer: ND4J M2.1's {@code getRows} makes
     * native calls and small allocations for every row, which cost JEST more than a training step
     * (docs/selection.md, "Costs and the compute ledger").
     */
    public static INDArray rows(float[] matrix, int width, int[] ids) {
        INDArray a = Nd4j.createUninitialized(DataType.FLOAT, new long[] {ids.length, width}, 'c');
        if (ids.length > 0 && width > 0) {
            FloatBuffer fb = a.data().asNioFloat();
            for (int r = 0; r < ids.length; r++) {
                fb.put(r * width, matrix, ids[r] * width, width);
            }
        }
        return a;
    }

    /** As {@link #rows(float[], int, int[])}, of an int matrix (token ids), into a new INT32 array. */
    public static INDArray rows(int[] matrix, int width, int[] ids) {
        INDArray a = Nd4j.createUninitialized(DataType.INT32, new long[] {ids.length, width}, 'c');
        if (ids.length > 0 && width > 0) {
            IntBuffer ib = a.data().asNioInt();
            for (int r = 0; r < ids.length; r++) {
                ib.put(r * width, matrix, ids[r] * width, width);
            }
        }
        return a;
    }

    /** A new row-major INT32 array of {@code shape} holding {@code values}. */
    public static INDArray ints(int[] values, long... shape) {
        INDArray a = Nd4j.createUninitialized(DataType.INT32, shape, 'c');
        checkLength(a, values.length);
        if (values.length > 0) {
            IntBuffer ib = a.data().asNioInt();
            ib.put(0, values, 0, values.length);
        }
        return a;
    }

    /** Copies all of {@code a} (any data type, ordering or view) into {@code out}, in row-major order. */
    public static void copyOut(INDArray a, float[] out) {
        INDArray c = plain(a, DataType.FLOAT) ? a : a.castTo(DataType.FLOAT).dup('c');
        if (c.length() != out.length) {
            throw new IllegalStateException("copy of " + c.length() + " values into " + out.length);
        }
        c.data().asNioFloat().get(0, out, 0, out.length);
    }

    /** A copy of all of {@code a} as a row-major float[]. */
    public static float[] toFloats(INDArray a) {
        float[] out = new float[Math.toIntExact(a.length())];
        copyOut(a, out);
        return out;
    }

    /**
     * Frees each array's native memory now rather than at a later garbage collection, so that
     * the next batch of the same size reuses the same, already mapped memory instead of touching
     * fresh pages (docs/benchmarks.md). Only for arrays the caller made and no one else holds;
     * views and workspace arrays, which do not own their memory, are left alone.
     */
    public static void release(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a != null && !a.wasClosed() && a.closeable()) {
                a.close();
            }
        }
    }

    /** A copy of all of {@code a}, an array of an integer type, as a row-major int[]. */
    public static int[] toInts(INDArray a) {
        if (!a.dataType().isIntType()) {
            throw new IllegalArgumentException("toInts of a " + a.dataType() + " array");
        }
        INDArray c = plain(a, DataType.INT32) ? a : a.castTo(DataType.INT32).dup('c');
        int[] out = new int[Math.toIntExact(c.length())];
        c.data().asNioInt().get(0, out, 0, out.length);
        return out;
    }

    /** Whether {@code a}'s buffer is exactly its values of {@code type}, row-major, so one bulk read copies it. */
    private static boolean plain(INDArray a, DataType type) {
        return a.dataType() == type && a.ordering() == 'c' && !a.isView() && a.offset() == 0 && a.data().length() == a.length();
    }

    private static void checkLength(INDArray a, int length) {
        if (a.length() != length) {
            throw new IllegalArgumentException(length + " values for shape " + java.util.Arrays.toString(a.shape()));
        }
    }
}
