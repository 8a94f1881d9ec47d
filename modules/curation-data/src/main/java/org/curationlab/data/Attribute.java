package org.curationlab.data;

/**
 * The four attributes measured on the pixels that captions mention beside the class, so that
 * in-batch negatives of the same class still differ in their text (docs/data.md). Each is bucketed
 * into terciles of the training split; the words name the buckets from low to high.
 */
public enum Attribute {
    /** Mean intensity of the ink. */
    TONE("dark", "grey", "pale"),
    /** Fraction of the frame covered by ink. */
    SIZE("small", "medium", "large"),
    /** Aspect (width / height) of the ink's bounding box. */
    SHAPE("narrow", "square", "wide"),
    /** Mean gradient magnitude inside the ink: edge density. */
    TEXTURE("plain", "textured", "detailed");

    public static final int BUCKETS = 3;

    private final String[] words;

    Attribute(String... words) {
        this.words = words;
    }

    public String word(int bucket) {
        return words[bucket];
    }

    public String[] words() {
        return words.clone();
    }
}
