package org.curationlab.data;

import java.util.SplittableRandom;

/**
 * The ways web images are ruined while their captions stay real (DESIGN §1): heavy noise, a
 * blank frame, or an occluder over most of the object.
 */
public enum ImageCorruption {
    HEAVY_NOISE {
        @Override
        void apply(float[] img, SplittableRandom rng) {
            for (int p = 0; p < img.length; p++) {
                img[p] = clip(0.3f * img[p] + 0.7f * (float) rng.nextDouble());
            }
        }
    },
    BLANK {
        @Override
        void apply(float[] img, SplittableRandom rng) {
            float level = (float) (rng.nextDouble() * 0.3);
            java.util.Arrays.fill(img, level);
        }
    },
    OCCLUDED {
        @Override
        void apply(float[] img, SplittableRandom rng) {
            // A square covering 60–80% of the frame: what is left is not enough to recognise.
            int side = ImageSet.SIDE;
            int s = 22 + rng.nextInt(4);
            int x0 = rng.nextInt(side - s + 1);
            int y0 = rng.nextInt(side - s + 1);
            float fill = rng.nextBoolean() ? 0f : 1f;
            for (int y = y0; y < y0 + s; y++) {
                for (int x = x0; x < x0 + s; x++) {
                    img[y * side + x] = fill;
                }
            }
        }
    };

    abstract void apply(float[] img, SplittableRandom rng);

    static float clip(float v) {
        return v < 0 ? 0 : Math.min(v, 1);
    }

    /** A near-duplicate's jitter: a shift of up to 2 pixels, a brightness change and faint noise. */
    static float[] jitter(float[] img, SplittableRandom rng) {
        int side = ImageSet.SIDE;
        int dx, dy;
        do {
            dx = rng.nextInt(5) - 2;
            dy = rng.nextInt(5) - 2;
        } while (dx == 0 && dy == 0);
        float gain = 0.9f + 0.2f * (float) rng.nextDouble();
        float[] out = new float[img.length];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int sx = x - dx, sy = y - dy;
                float v = sx >= 0 && sx < side && sy >= 0 && sy < side ? img[sy * side + sx] : 0f;
                out[y * side + x] = clip(gain * v + 0.02f * (float) Seeds.gaussian(rng));
            }
        }
        return out;
    }
}
