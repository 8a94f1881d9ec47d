package org.curationlab.models;

import org.curationlab.data.CurationException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The two input resolutions of the Flexi-JEST analogue (docs/models.md): full images and
 * half-resolution ones made by 2×2 average pooling — the counterpart of Flexi-JEST's
 * larger patches, which make scoring ~4× cheaper at the cost of some fidelity.
 */
public enum ImageResolution {
    FULL(28),
    HALF(14);

    private final int side;

    ImageResolution(int side) {
        this.side = side;
    }

    /** Pixels per side of 1×28×28 images at this resolution (28 or 14); {@link ImageShape#side(ImageResolution)} for another shape. */
    public int side() {
        return side;
    }

    /** Pixels per 1×28×28 image at this resolution (784 or 196); {@link ImageShape#columns(ImageResolution)} for another shape. */
    public int pixels() {
        return side * side;
    }

    /** The resolution of a flattened batch from its column count (784 or 196). */
    public static ImageResolution ofColumns(long columns) {
        for (ImageResolution r : values()) {
            if (r.pixels() == columns) {
                return r;
            }
        }
        throw new CurationException("images must have 784 (28×28) or 196 (14×14) columns, got "
                + columns);
    }

    /** The resolution with the given side (28 or 14). */
    public static ImageResolution ofSide(int side) {
        for (ImageResolution r : values()) {
            if (r.side == side) {
                return r;
            }
        }
        throw new CurationException("resolution must be 28 or 14, got " + side);
    }

    /**
     * 2×2 average pooling of a [n, 784] batch to [n, 196]: one reshape to [n, 14, 2, 14, 2] and
     * one mean over the two window axes (row-major images), no per-pixel loops. Images of another
     * shape: {@link ImageShape#downsample}.
     */
    public static INDArray downsample(INDArray images) {
        if (images.rank() != 2 || images.columns() != FULL.pixels()) {
            throw new CurationException("downsample expects images of shape [n, 784], got "
                    + java.util.Arrays.toString(images.shape()));
        }
        long n = images.rows();
        INDArray x = images.dataType() == DataType.FLOAT ? images : images.castTo(DataType.FLOAT);
        return x.dup('c').reshape('c', n, 14, 2, 14, 2).mean(2, 4).reshape('c', n, 196);
    }
}
