package org.curationlab.data;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeArraysTest {
    @Test
    void bulkCopiesEqualNd4jsOwnElementwiseOnes() {
        float[] v = new float[6 * 7];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i * 37 % 255) / 255f;
        }
        INDArray bulk = NativeArrays.floats(v, 6, 7);
        assertEquals(Nd4j.create(v, new long[] {6, 7}, DataType.FLOAT), bulk);
        assertArrayEquals(new long[] {6, 7}, bulk.shape());
        assertArrayEquals(v, NativeArrays.toFloats(bulk));

        int[] t = {3, 1, 4, 1, 5, 9};
        INDArray ints = NativeArrays.ints(t, 2, 3);
        assertEquals(Nd4j.createFromArray(t).reshape(2, 3), ints);
        assertEquals(DataType.INT32, ints.dataType());
    }

    @Test
    void rowsGathersWhatNd4jsGetRowsGathers() {
        float[] m = new float[5 * 3];
        for (int i = 0; i < m.length; i++) {
            m[i] = i * 0.25f - 1;
        }
        int[] ids = {4, 0, 4, 2};
        INDArray gathered = NativeArrays.rows(m, 3, ids);
        assertArrayEquals(NativeArrays.toFloats(NativeArrays.floats(m, 5, 3).getRows(ids)), NativeArrays.toFloats(gathered), 0f);
        assertArrayEquals(new long[] {4, 3}, gathered.shape());
        assertEquals(0, NativeArrays.rows(m, 3, new int[0]).length());
        int[] t = {1, 2, 3, 4, 5, 6};
        INDArray tokens = NativeArrays.rows(t, 2, new int[] {2, 0});
        assertEquals(DataType.INT32, tokens.dataType());
        assertArrayEquals(new int[] {5, 6, 1, 2}, NativeArrays.toInts(tokens));
    }

    @Test
    void copyOutReadsViewsTransposesAndOtherTypesInRowMajorOrder() {
        INDArray m = Nd4j.arange(0, 12).castTo(DataType.DOUBLE).reshape(3, 4);
        assertArrayEquals(new float[] {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, NativeArrays.toFloats(m.transpose()));
        INDArray rows = NativeArrays.floats(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 3, 4)
                .get(NDArrayIndex.interval(1, 3), NDArrayIndex.all());
        assertArrayEquals(new float[] {4, 5, 6, 7, 8, 9, 10, 11}, NativeArrays.toFloats(rows));
    }

    @Test
    void aLengthThatDoesNotFitTheShapeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> NativeArrays.floats(new float[5], 2, 3));
        assertThrows(IllegalStateException.class, () -> NativeArrays.copyOut(Nd4j.zeros(DataType.FLOAT, 2, 3), new float[5]));
    }

    @Test
    void toIntsReadsIntegerArraysAndRefusesFloatOnes() {
        assertArrayEquals(new int[] {0, 4, 8, 1, 5, 9}, NativeArrays.toInts(Nd4j.arange(0, 12).castTo(DataType.INT64)
                .reshape(3, 4).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)).transpose()));
        assertThrows(IllegalArgumentException.class, () -> NativeArrays.toInts(Nd4j.zeros(DataType.FLOAT, 2)));
    }

    @Test
    void releaseFreesOwnArraysOnceAndLeavesViewsAndTheirOwnersAlone() {
        INDArray own = NativeArrays.floats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        INDArray owner = NativeArrays.floats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        INDArray view = owner.getRow(1);
        NativeArrays.release(own, view, null);
        NativeArrays.release(own);
        assertTrue(own.wasClosed());
        assertFalse(view.wasClosed());
        assertEquals(Nd4j.createFromArray(4f, 5f, 6f), view);
    }
}
