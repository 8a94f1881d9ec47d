package org.curationlab.data.pairs;

import org.curationlab.data.CurationException;

import java.nio.file.Path;
import java.util.Locale;

/**
 * How to read and decode a pairs source.
 *
 * @param imageColumn   CSV/TSV column of image paths; null: {@code filepath}, {@code image}, ...
 * @param captionColumn CSV/TSV column of captions; null: {@code title}, {@code caption}, ...
 * @param labelColumn   optional CSV/TSV column of labels
 * @param labelFrom     where labels come from besides a label column
 * @param firstLine     a sidecar or tar caption is its first non-blank line only (else the whole text)
 * @param imageSize     side of the square images after decoding
 * @param channels      1 (grey) or 3 (RGB)
 * @param maxBad        loading stops once more than this fraction of the items are bad
 * @param maxPixels     images whose header claims more pixels are refused before decoding
 * @param cacheDir      where decoded images are cached; null: no cache
 */
public record PairsOptions(String imageColumn, String captionColumn, String labelColumn, LabelFrom labelFrom, boolean firstLine,
                           int imageSize, int channels, double maxBad, long maxPixels, Path cacheDir) {
    public static final int DEFAULT_IMAGE_SIZE = 28;
    public static final int DEFAULT_CHANNELS = 3;
    public static final double DEFAULT_MAX_BAD = 0.01;
    /** 40 megapixels: a large photo decodes (160 MB as ARGB); a 50 000 × 50 000 bomb does not. */
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;

    /** Labels from a column (CSV/TSV), the image's parent folder, or none. */
    public enum LabelFrom {
        NONE, FOLDER;

        public static LabelFrom parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CurationException("--label-from: '" + s + "' is not one of none, folder");
            }
        }
    }

    public PairsOptions {
        if (imageSize < 4 || imageSize > 1024) {
            throw new CurationException("--image-size: " + imageSize + " must be within 4..1024");
        }
        if (channels != 1 && channels != 3) {
            throw new CurationException("--channels: " + channels + " must be 1 (grey) or 3 (RGB)");
        }
        if (!(maxBad >= 0 && maxBad <= 1)) {
            throw new CurationException("--max-bad: " + maxBad + " must be a fraction within 0..1");
        }
        if (maxPixels <= 0) {
            throw new CurationException("max pixels: " + maxPixels + " must be positive");
        }
        labelFrom = labelFrom == null ? LabelFrom.NONE : labelFrom;
    }

    public static PairsOptions defaults(Path cacheDir) {
        return new PairsOptions(null, null, null, LabelFrom.NONE, false, DEFAULT_IMAGE_SIZE, DEFAULT_CHANNELS,
                DEFAULT_MAX_BAD, DEFAULT_MAX_PIXELS, cacheDir);
    }

    public PairsOptions withImage(int size, int ch) {
        return new PairsOptions(imageColumn, captionColumn, labelColumn, labelFrom, firstLine, size, ch, maxBad, maxPixels, cacheDir);
    }

    public PairsOptions withColumns(String image, String caption, String label) {
        return new PairsOptions(image, caption, label, labelFrom, firstLine, imageSize, channels, maxBad, maxPixels, cacheDir);
    }

    public PairsOptions withLabelFrom(LabelFrom from) {
        return new PairsOptions(imageColumn, captionColumn, labelColumn, from, firstLine, imageSize, channels, maxBad, maxPixels, cacheDir);
    }

    public PairsOptions withFirstLine(boolean first) {
        return new PairsOptions(imageColumn, captionColumn, labelColumn, labelFrom, first, imageSize, channels, maxBad, maxPixels, cacheDir);
    }

    public PairsOptions withCacheDir(Path dir) {
        return new PairsOptions(imageColumn, captionColumn, labelColumn, labelFrom, firstLine, imageSize, channels, maxBad, maxPixels, dir);
    }

    public PairsOptions withMaxBad(double fraction) {
        return new PairsOptions(imageColumn, captionColumn, labelColumn, labelFrom, firstLine, imageSize, channels, fraction, maxPixels, cacheDir);
    }

    public PairsOptions withMaxPixels(long pixels) {
        return new PairsOptions(imageColumn, captionColumn, labelColumn, labelFrom, firstLine, imageSize, channels, maxBad, pixels, cacheDir);
    }

    /**
     * What decides the decoded content besides the source's files (part of the cache key): the
     * decoder's version (raise it when {@link ImageDecoder}'s output changes), the fit (pad, the
     * only one today), size, channels, and how captions and labels are read.
     */
    String decodeKey() {
        return "decoder=" + ImageDecoder.VERSION + ",fit=pad,size=" + imageSize + ",channels=" + channels + ",image=" + imageColumn + ",caption=" + captionColumn
                + ",label=" + labelColumn + ",labelFrom=" + labelFrom + ",firstLine=" + firstLine + ",maxPixels=" + maxPixels;
    }
}
