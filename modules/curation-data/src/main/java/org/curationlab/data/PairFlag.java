package org.curationlab.data;

import java.util.Locale;

/**
 * Ground-truth provenance of an image-text pair, kept on every pair so that a selection or a
 * pruning can be audited ("what fraction of what JEST picked was noise?").
 */
public enum PairFlag {
    /** A real image with a caption written from it. */
    CLEAN,
    /** A real image with the caption of another image (of another class). */
    MISALIGNED,
    /** A real image with a caption that says nothing ("click here", "product 4821"). */
    GENERIC,
    /** A ruined image (heavy noise, blank, occluded) with its real caption. */
    CORRUPTED,
    /** A jittered copy of another pool pair with a paraphrased caption. */
    DUPLICATE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
