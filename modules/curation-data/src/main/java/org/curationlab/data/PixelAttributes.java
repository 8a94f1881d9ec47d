package org.curationlab.data;

/**
 * Attribute values measured on one 28×28 image in [0, 1], indexed by {@link Attribute#ordinal()}.
 */
public final class PixelAttributes {
    /** A pixel brighter than this counts as ink (Fashion-MNIST backgrounds are exactly 0). */
    static final float INK = 0.05f;

    private PixelAttributes() {
    }

    public static float[] measure(float[] img) {
        int side = ImageSet.SIDE;
        int ink = 0;
        double inkSum = 0;
        double grad = 0;
        int minX = side, maxX = -1, minY = side, maxY = -1;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                float v = img[y * side + x];
                if (v <= INK) {
                    continue;
                }
                ink++;
                inkSum += v;
                float right = x + 1 < side ? img[y * side + x + 1] : 0f;
                float down = y + 1 < side ? img[(y + 1) * side + x] : 0f;
                grad += Math.abs(right - v) + Math.abs(down - v);
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
        }
        float[] a = new float[Attribute.values().length];
        a[Attribute.TONE.ordinal()] = ink == 0 ? 0f : (float) (inkSum / ink);
        a[Attribute.SIZE.ordinal()] = ink / (float) (side * side);
        a[Attribute.SHAPE.ordinal()] = ink == 0 ? 1f : (maxX - minX + 1) / (float) (maxY - minY + 1);
        a[Attribute.TEXTURE.ordinal()] = ink == 0 ? 0f : (float) (grad / ink);
        return a;
    }
}
