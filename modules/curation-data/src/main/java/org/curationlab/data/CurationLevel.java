package org.curationlab.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How curated the reference model's data is: the ordered knob the JEST paper turns into a
 * scaling axis (its curated / curated+ / curated++ reference sets). Each level is one preset.
 * Reference sets are drawn from the curated split of the train images, disjoint from the pool.
 *
 * <p>Each level holds at least what the level below it holds: more images, less noise, and rich
 * captions added <em>beside</em> the prompt-like standard ones, never instead of them (an earlier
 * version replaced them, and its curated-plus-plus reference, having never seen a prompt-like
 * caption, scored 0.61 zero-shot against curated's 0.81).
 */
public enum CurationLevel {
    /** A random sample with the pool's own noise: no curation at all. */
    NONE("none", 2_000, 1.0, 0.0, "a random pool-like sample: the pool's noise and class skew"),
    /** Half the pool's noise rates and half its class skew. */
    HALF_NOISE("half-noise", 2_000, 0.5, 0.0, "half the pool's noise rates"),
    /** Clean, class-balanced: the paper's small curated set. */
    CURATED("curated", 2_000, 0.0, 0.0, "clean and class-balanced"),
    /** Clean, 2.5× the images, and a rich caption (all four attributes) beside half the standard ones. */
    CURATED_PLUS("curated-plus", 5_000, 0.0, 0.5, "clean, 2.5x the images, a rich caption beside half the standard ones"),
    /** Clean, the whole curated split, and a rich caption beside every standard one. */
    CURATED_PLUS_PLUS("curated-plus-plus", 10_000, 0.0, 1.0, "clean, the whole curated split, a rich caption beside every standard one");

    private final String key;
    private final int size;
    private final double noiseFactor;
    private final double richFraction;
    private final String description;

    CurationLevel(String key, int size, double noiseFactor, double richFraction, String description) {
        this.key = key;
        this.size = size;
        this.noiseFactor = noiseFactor;
        this.richFraction = richFraction;
        this.description = description;
    }

    public String key() {
        return key;
    }

    /** The number of images (pairs before rich twins) in this level's reference set on the full dataset. */
    public int size() {
        return size;
    }

    /** The reference set's noise, relative to the pool's noise. */
    public NoiseSpec noise(NoiseSpec poolNoise) {
        return poolNoise.scaled(noiseFactor);
    }

    /** Fraction of clean pairs that get a rich-caption twin beside them. */
    public double richFraction() {
        return richFraction;
    }

    public String description() {
        return description;
    }

    public static CurationLevel parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (CurationLevel l : values()) {
            if (l.key.equals(t)) {
                return l;
            }
        }
        throw new CurationException("--curation-level: unknown level '" + text + "'; expected one of "
                + Arrays.stream(values()).map(CurationLevel::key).collect(Collectors.joining(", ")));
    }
}
