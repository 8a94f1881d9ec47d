package org.curationlab.data;

/**
 * How much a caption says. STANDARD templates mention one or two attributes; RICH ones mention
 * all four, the "richer captions" of the curated-plus levels (the paper's curated+ / curated++).
 */
public enum CaptionStyle {
    STANDARD,
    RICH
}
