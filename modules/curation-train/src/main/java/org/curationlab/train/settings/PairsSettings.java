package org.curationlab.train.settings;

/**
 * How your own pairs become tensors (docs/data.md): the decoded image size and channels, the
 * CSV/TSV columns, where labels come from, what of a .txt is the caption, and the caption
 * tokenizer built from the training pool (its length cap and frequency cut).
 */
public record PairsSettings(int imageSize, int channels, String imageColumn, String captionColumn, String labelColumn,
                            String labelFrom, boolean captionFirstLine, int maxTokens, int minWordCount) {
}
