package org.curationlab.cli;

import org.curationlab.data.pairs.PairsOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options that say where your own image-caption pairs are and how to decode them. */
public final class PairsOptionsMixin {
    @Option(names = "--pairs", paramLabel = "SOURCE",
            description = "Your own image-caption pairs instead of the Fashion-MNIST world: a CSV/TSV list with a header "
                    + "(image paths relative to it), a folder of images each with a same-named .txt caption, or webdataset "
                    + ".tar shards (one file or a folder of them).")
    Path source;

    @Option(names = "--image-column", paramLabel = "NAME",
            description = "CSV/TSV column of image paths (default: the first of filepath, image, image_path, path, file, filename).")
    String imageColumn;

    @Option(names = "--caption-column", paramLabel = "NAME",
            description = "CSV/TSV column of captions (default: the first of title, caption, text).")
    String captionColumn;

    @Option(names = "--label-column", paramLabel = "NAME", description = "CSV/TSV column of labels (optional).")
    String labelColumn;

    @Option(names = "--label-from", paramLabel = "none|folder", defaultValue = "none",
            description = "folder: an image's label is the name of the folder it is in (default: ${DEFAULT-VALUE}).")
    String labelFrom;

    @Option(names = "--caption-first-line",
            description = "A .txt caption (folder or tar) is its first non-blank line only, e.g. Tux Paint's stamps, whose "
                    + "later lines are translations. Default: the whole text.")
    boolean firstLine;

    @Option(names = "--image-size", paramLabel = "N", defaultValue = "" + PairsOptions.DEFAULT_IMAGE_SIZE,
            description = "Images are decoded to N x N pixels, the longer side scaled to N and the shorter padded with white (default: ${DEFAULT-VALUE}).")
    int imageSize;

    @Option(names = "--channels", paramLabel = "1|3", defaultValue = "" + PairsOptions.DEFAULT_CHANNELS,
            description = "1: grey, 3: RGB (default: ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = "--max-bad", paramLabel = "FRACTION", defaultValue = "" + PairsOptions.DEFAULT_MAX_BAD,
            description = "Loading stops when more than this fraction of the items are bad (default: ${DEFAULT-VALUE}).")
    double maxBad;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Decoded images are cached in DIR/pairs, one file per source and image size (default: $CURATE_CACHE or ~/.cache/curationlab).")
    Path cacheDir;

    @Option(names = "--skipped", paramLabel = "FILE",
            description = "Where the list of skipped items goes, one line each (default: beside the cache file, <id>.skipped.txt).")
    Path skipped;

    boolean given() {
        return source != null;
    }

    PairsOptions options() {
        Path cache = cacheDir;
        if (cache == null) {
            String env = System.getenv("CURATE_CACHE");
            cache = env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "curationlab");
        }
        return new PairsOptions(imageColumn, captionColumn, labelColumn, PairsOptions.LabelFrom.parse(labelFrom), firstLine,
                imageSize, channels, maxBad, PairsOptions.DEFAULT_MAX_PIXELS, cache);
    }
}
