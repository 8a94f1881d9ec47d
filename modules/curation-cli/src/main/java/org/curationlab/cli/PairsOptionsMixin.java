package org.curationlab.cli;

import org.curationlab.data.pairs.PairsOptions;
import org.curationlab.train.RunSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The options of {@code data info|show --pairs} that are not run settings: where decoded images
 * are cached and where the skipped items are listed. {@code --pairs} and how to decode it
 * ({@code --image-size}, {@code --channels}, the columns, ...) are settings of the schema.
 */
public final class PairsOptionsMixin {
    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Decoded images are cached in DIR/pairs, one file per source and image size (default: $CURATE_CACHE or ~/.cache/curationlab).")
    Path cacheDir;

    @Option(names = "--skipped", paramLabel = "FILE",
            description = "Where the list of skipped items goes, one line each (default: beside the cache file, <id>.skipped.txt).")
    Path skipped;

    PairsOptions options(RunSpec run) {
        return run.pairsOptions(cacheDir != null ? cacheDir : RunSpec.defaultCacheDir());
    }
}
