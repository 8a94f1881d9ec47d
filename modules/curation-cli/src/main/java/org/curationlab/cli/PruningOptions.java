package org.curationlab.cli;

import org.curationlab.pruning.PruneOptions;
import picocli.CommandLine.Option;

/** The pruners' settings, shared by {@code curate prune} and {@code curate train --pool-pruning}. */
public final class PruningOptions {
    @Option(names = "--keep", defaultValue = "0.3", paramLabel = "q", description = "Fraction of the pool to keep, in (0, 1] (default: ${DEFAULT-VALUE}).")
    double keep;
    @Option(names = "--clusters", defaultValue = "100", paramLabel = "k", description = "k-means clusters (default: ${DEFAULT-VALUE}).")
    int clusters;
    @Option(names = "--temperature", defaultValue = "0.1", paramLabel = "TAU", description = "DBP softmax temperature over cluster complexities (default: ${DEFAULT-VALUE}).")
    double temperature;
    @Option(names = "--nn", defaultValue = "20", paramLabel = "N", description = "DBP: nearest centroids for d_inter (default: ${DEFAULT-VALUE}).")
    int nn;
    @Option(names = "--epsilon", defaultValue = "0.005", paramLabel = "EPS", description = "SemDeDup: drop rows with cosine above 1 - EPS to a kept row (default: ${DEFAULT-VALUE}).")
    double epsilon;
    @Option(names = "--min-per-cluster", defaultValue = "1", paramLabel = "N", description = "DBP: rows every cluster keeps at least (default: ${DEFAULT-VALUE}).")
    int minPerCluster;
    @Option(names = "--prune-embedding", defaultValue = "image", paramLabel = "KIND",
            description = "What DBP and SSP cluster: the reference's image embeddings, its text embeddings, or joint (both L2-normalised and "
                    + "concatenated); SemDeDup always compares image embeddings (default: ${DEFAULT-VALUE}).")
    String pruneEmbedding;

    PruneOptions options(long seed) {
        PruneOptions d = PruneOptions.defaults();
        return new PruneOptions(keep, clusters, temperature, nn, epsilon, seed, d.maxIterations(), d.tolerance(), minPerCluster);
    }
}
