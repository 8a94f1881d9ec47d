package org.curationlab.cli;

import org.curationlab.data.DataWorld;
import org.curationlab.data.NoiseSpec;
import org.curationlab.data.PoolSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options that say which data a verb works on: where the images are, and the pool. */
public final class DataOptions {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder with the Fashion-MNIST IDX files. Default: $CURATE_DATA, then "
                    + "/usr/share/datasets/fashion-mnist (Debian package dataset-fashion-mnist), then ~/.cache/curationlab/fashion-mnist.")
    Path dataDir;

    @Option(names = "--pool-size", paramLabel = "N", defaultValue = "" + PoolSpec.DEFAULT_SIZE,
            description = "Pairs in the uncurated web pool (default: ${DEFAULT-VALUE}).")
    int poolSize;

    @Option(names = "--noise", paramLabel = "SPEC", defaultValue = "web",
            description = "Pool noise: presets 'web' (misaligned=0.2,generic=0.1,corrupted=0.1,duplicate=0.1,longtail=0.5) "
                    + "or 'none', and kind=rate items read left to right; kinds not named are 0 unless a preset set them. "
                    + "Kinds: misaligned, generic, corrupted, duplicate (fractions of the pool, sum <= 1), "
                    + "longtail (Zipf exponent of the class mix, 0..1). Default: ${DEFAULT-VALUE}.")
    String noise;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of everything random (default: ${DEFAULT-VALUE}).")
    long seed;

    DataWorld world() {
        return DataWorld.load(dataDir);
    }

    PoolSpec poolSpec() {
        return new PoolSpec(poolSize, NoiseSpec.parse(noise), seed);
    }
}
