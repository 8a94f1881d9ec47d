package org.curationlab.pruning;

/**
 * One offline pruning method: from a pool's embeddings (and optional assignments and scores) to
 * the rows to keep. Implementations are stateless and deterministic given {@link PruneOptions#seed()},
 * so the same input and options always keep the same rows.
 */
public interface Pruner {

    /** Short name used in result tables and sweep specs, e.g. {@code "dbp"}. */
    String name();

    PruneResult prune(PruneInput in);
}
