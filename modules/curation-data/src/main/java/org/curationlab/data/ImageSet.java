package org.curationlab.data;

/**
 * A split of Fashion-MNIST: {@code count} grey 28×28 images as unsigned bytes (row-major, one
 * image after another) and their class labels. Bytes keep the 60k train split at 47 MB.
 */
public record ImageSet(byte[] pixels, byte[] labels) {
    public static final int SIDE = 28;
    public static final int PIXELS = SIDE * SIDE;

    public ImageSet {
        if (pixels.length != labels.length * PIXELS) {
            throw new IllegalArgumentException(
                    "pixels hold " + pixels.length / PIXELS + " images, labels " + labels.length);
        }
    }

    public int count() {
        return labels.length;
    }

    public int label(int i) {
        return labels[i] & 0xff;
    }

    /** Image {@code i} as floats in [0, 1]. */
    public float[] image(int i) {
        float[] out = new float[PIXELS];
        int off = i * PIXELS;
        for (int p = 0; p < PIXELS; p++) {
            out[p] = (pixels[off + p] & 0xff) / 255f;
        }
        return out;
    }

    /** How many images of each class. */
    public int[] classCounts() {
        int[] counts = new int[FashionClass.COUNT];
        for (byte l : labels) {
            counts[l & 0xff]++;
        }
        return counts;
    }
}
