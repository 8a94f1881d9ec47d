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

    /** Each channel of an RGB batch is pooled alone; on 1×28×28 it is the grey downsample, value for value. */
    @Test
    void shapeDownsamplesEachChannelAndMatchesTheGreyOne() {
        ImageShape rgb = new ImageShape(3, 32);
        INDArray img = Nd4j.arange(2 * 3072).castTo(DataType.FLOAT).reshape(2, 3072);
        INDArray low = rgb.downsample(img);
        assertArrayEquals(new long[] {2, 768}, low.shape());
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                for (int y : new int[] {0, 9, 15}) {
                    for (int x : new int[] {0, 4, 15}) {
                        int base = n * 3072 + c * 1024 + 2 * y * 32 + 2 * x;
                        double expected = (base + base + 1 + base + 32 + base + 33) / 4.0;
                        assertEquals(expected, low.getDouble(n, c * 256 + y * 16 + x), 1e-2);
                    }
                }
            }
        }
        INDArray grey = Nd4j.rand(DataType.FLOAT, 3, 784);
        assertArrayEquals(ImageResolution.downsample(grey).ravel().toFloatVector(),
                ImageShape.DEFAULT.downsample(grey).ravel().toFloatVector(), 0f);
        assertEquals(ImageResolution.HALF, rgb.resolutionOfColumns(768));
        assertEquals(ImageResolution.FULL, rgb.resolutionOfSide(32));
        assertThrows(CurationException.class, () -> rgb.resolutionOfColumns(784));
        assertThrows(CurationException.class, () -> rgb.downsample(grey));
    }
}
