package org.curationlab.data;

import java.util.SplittableRandom;

/**
 * The ways web images are ruined while their captions stay real (docs/data.md): heavy noise, a
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

    /**
     * A near-duplicate's jitter, the analogue of a web re-upload (re-encoded, re-exposed): a
     * brightness change of ±2%, faint sensor noise (σ = 0.005) and 8-bit re-quantisation. No shift:
     * even a half-pixel resample moves the M CNN's embedding further than the nearest distinct image
     * (the pixel blur changes the texture attribute the captions teach), and then the copy is no
     * longer "near" (results/pruning/duplicate-separation.txt measures the margin).
     */
    static float[] jitter(float[] img, SplittableRandom rng) {
        float gain = 0.98f + 0.04f * (float) rng.nextDouble();
        float[] out = new float[img.length];
        for (int p = 0; p < img.length; p++) {
            float v = clip(gain * img[p] + 0.005f * (float) Seeds.gaussian(rng));
            out[p] = Math.round(v * 255f) / 255f;
        }
        return out;
    }
}
