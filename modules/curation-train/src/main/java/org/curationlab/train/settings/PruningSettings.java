package org.curationlab.train.settings;

/** Offline pool pruning before training: the pipeline, the fraction kept, and the pruners' options. */
public record PruningSettings(String poolPruning, double keep, int clusters, double temperature, int nn, double epsilon,
                              int minPerCluster, String pruneEmbedding) {
    public PruningSettings {
        // "none" is how a sweep axis holds the unpruned baseline beside the pruners.
        if (poolPruning != null && (poolPruning.isBlank() || poolPruning.trim().equalsIgnoreCase("none"))) {
            poolPruning = null;
        }
    }
}
