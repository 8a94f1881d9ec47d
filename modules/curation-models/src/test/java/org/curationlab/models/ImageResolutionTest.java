package org.curationlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ImageResolutionTest {
    @Test
    void downsampleAveragesEachTwoByTwoWindow() {
        INDArray img = Nd4j.arange(2 * 784).castTo(DataType.FLOAT).reshape(2, 784);
        INDArray low = ImageResolution.downsample(img);
        assertArrayEquals(new long[] {2, 196}, low.shape());
        for (int n = 0; n < 2; n++) {
            for (int y : new int[] {0, 5, 13}) {
                for (int x : new int[] {0, 7, 13}) {
                    int base = n * 784 + 2 * y * 28 + 2 * x;
                    double expected = (base + base + 1 + base + 28 + base + 29) / 4.0;
                    assertEquals(expected, low.getDouble(n, y * 14 + x), 1e-3);
                }
            }
        }
    }

    @Test
    void resolutionFromColumns() {
        assertEquals(ImageResolution.FULL, ImageResolution.ofColumns(784));
        assertEquals(ImageResolution.HALF, ImageResolution.ofColumns(196));
        assertThrows(CurationException.class, () -> ImageResolution.ofColumns(100));
        assertThrows(CurationException.class, () -> ImageResolution.downsample(Nd4j.zeros(2, 196)));
    }
}
