package org.curationlab.models;

import java.util.Arrays;
import org.curationlab.data.CurationException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The input shape of an image tower: C channels (1 grey, 3 RGB) of a square H = W = side. A batch
 * is FLOAT [n, C·side·side] in [0, 1], channel-major (all of channel 0's rows, then channel 1's),
 * as the data module's image sources give it. Part of a {@link ModelConfig}, so a checkpoint knows
 * what it takes; {@link #DEFAULT} (1×28×28, the synthetic Fashion-MNIST world) is what a config
 * without one means.
 *
 * <p>The model's two resolutions ({@link ImageResolution}) are relative to it: FULL is this shape,
 * HALF the same channels at side/2 (2×2 average pooling, the Flexi-JEST analogue's cheap view).
 *
 * @param channels 1 or 3
 * @param side     pixels per side, even (so that the half-resolution view exists), 8 to 256
 */
public record ImageShape(int channels, int side) {
    /** 1×28×28: Fashion-MNIST's, and every checkpoint's that predates the field. */
    public static final ImageShape DEFAULT = new ImageShape(1, 28);
    static final int MIN_SIDE = 8;
    static final int MAX_SIDE = 256;

    public ImageShape {
        if (channels != 1 && channels != 3) {
            throw new CurationException("image channels must be 1 (grey) or 3 (RGB), got " + channels);
        }
        if (side < MIN_SIDE || side > MAX_SIDE || side % 2 != 0) {
            throw new CurationException("image size must be an even number of pixels from " + MIN_SIDE + " to "
                    + MAX_SIDE + ", got " + side);
        }
    }

    /** Values per image: the column count of a flattened FULL batch. */
    public int pixels() {
        return channels * side * side;
    }

    /** Side at a resolution: this side (FULL) or half of it (HALF). */
    public int side(ImageResolution resolution) {
        return resolution == ImageResolution.HALF ? side / 2 : side;
    }

    /** Columns of a flattened batch at a resolution: C·s·s. */
    public int columns(ImageResolution resolution) {
        int s = side(resolution);
        return channels * s * s;
    }

    /** The resolution of a flattened batch from its column count, or one line naming both it takes. */
    public ImageResolution resolutionOfColumns(long columns) {
        for (ImageResolution r : ImageResolution.values()) {
            if (columns(r) == columns) {
                return r;
            }
        }
        throw new CurationException("images must have " + columns(ImageResolution.FULL) + " (" + this + ") or "
                + columns(ImageResolution.HALF) + " (" + at(ImageResolution.HALF) + ") columns, got " + columns);
    }

    /** The resolution whose side is {@code s} (this side or half of it), or one line naming both. */
    public ImageResolution resolutionOfSide(int s) {
        for (ImageResolution r : ImageResolution.values()) {
            if (side(r) == s) {
                return r;
            }
        }
        throw new CurationException("resolution must be " + side + " or " + side / 2 + " for " + this
                + " images, got " + s);
    }

    /** This shape's channels at a resolution's side. */
    public String at(ImageResolution resolution) {
        int s = side(resolution);
        return channels + "×" + s + "×" + s;
    }

    /**
     * 2×2 average pooling of a [n, C·s·s] batch of this shape to [n, C·(s/2)²], each channel alike:
     * one reshape to [n, C, s/2, 2, s/2, 2] and one mean over the two window axes. For 1×28×28 it is
     * {@link ImageResolution#downsample}, value for value.
     */
    public INDArray downsample(INDArray images) {
        if (images.rank() != 2 || images.columns() != pixels()) {
            throw new CurationException("downsample expects " + this + " images of shape [n, " + pixels() + "], got "
                    + Arrays.toString(images.shape()));
        }
        long n = images.rows();
        int h = side / 2;
        INDArray x = images.dataType() == DataType.FLOAT ? images : images.castTo(DataType.FLOAT);
        return x.dup('c').reshape('c', n, channels, h, 2, h, 2).mean(3, 5).reshape('c', n, (long) channels * h * h);
    }

    /** C×H×W, e.g. {@code 3×32×32}. */
    @Override
    public String toString() {
        return channels + "×" + side + "×" + side;
    }
}
