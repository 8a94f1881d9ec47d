package org.curationlab.models;

/**
 * Which image tower a {@link TwoTowerModel} uses. Only the CNN ends in global average pooling,
 * so only it accepts the 14×14 input that JEST's Flexi variant uses for cheap scoring.
 */
public enum ImageTowerKind {
    /** Fully connected layers over the flattened 28×28 image; fixed input size. */
    MLP,
    /** 3×3 conv blocks with 2×2 max pooling and global average pooling; any resolution. */
    CNN
}
