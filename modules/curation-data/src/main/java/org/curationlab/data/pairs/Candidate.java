package org.curationlab.data.pairs;

/**
 * One image-caption pair found in a source, before its image is decoded.
 *
 * @param key     unique within the source (a relative path without extension, a CSV image path, a tar key)
 * @param where   what a message names: a file, {@code list.csv:7}, {@code shard.tar:key.png}
 * @param caption the caption text (already checked to be non-empty UTF-8)
 * @param label   the label's name, or null when the source has none
 */
public record Candidate(String key, String where, ImageRef image, String caption, String label) {
}
