package org.curationlab.pruning;

/**
 * One offline pruning method: from a pool's embeddings (and optional assignments and scores) to
 * the rows to keep. Implementations are stateless and deterministic given {@link PruneOptions#seed()},
 * so the same input and options always keep the same rows.
 *
 * <p>A pruner also says what it is, so that the command line, pipelines, run records and help
 * text ask it instead of testing its name: a pruner is one file and one line in {@link Pruners}.
 */
public interface Pruner {

    /** Short name used on the command line, in pipelines, result tables and sweep specs, e.g. {@code "dbp"}. */
    String name();

    /** One line for help text: what it keeps. */
    String summary();

    PruneResult prune(PruneInput in);

    /**
     * Null when the pruner keeps a given fraction of the pool ({@code --keep}, a stage's {@code :q});
     * otherwise what decides how many rows it keeps, for the error a fraction given to it gets
     * (SemDeDup: "--epsilon decides what it removes").
     */
    default String keptDecidedBy() {
        return null;
    }

    /** Whether it keeps a given fraction of the pool (a budget). */
    default boolean takesBudget() {
        return keptDecidedBy() == null;
    }

    /** Whether it groups the pool into k-means concepts ({@code --clusters}) and reports a per-cluster table. */
    default boolean clusters() {
        return false;
    }

    /**
     * Whether the embedding it clusters is the one {@code --prune-embedding} chooses (image, text or
     * joint); a clustering pruner that answers no always clusters the image embeddings.
     */
    default boolean clustersChosenEmbedding() {
        return false;
    }

    /** Whether it sets a quota of rows per cluster (what {@code --cluster-plot} draws against complexity). */
    default boolean setsClusterQuotas() {
        return false;
    }
}
