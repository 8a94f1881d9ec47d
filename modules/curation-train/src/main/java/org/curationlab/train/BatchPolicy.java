package org.curationlab.train;

import org.curationlab.models.TwoTowerModel;

/**
 * How a run picks its batches, bound to its learner once the learner exists (online selection
 * scores with the learner being trained). Uniform training ignores the learner.
 */
public interface BatchPolicy {
    /**
     * @param resumed whether the ledger was restored from a checkpoint (one-off costs are then
     *                already in it and must not be charged again)
     */
    BatchSource bind(TwoTowerModel learner, ComputeLedger ledger, boolean resumed);

    /** A short name for logs and provenance. */
    String describe();

    static BatchPolicy uniform(int poolSize, int batch, long seed) {
        return new BatchPolicy() {
            @Override
            public BatchSource bind(TwoTowerModel learner, ComputeLedger ledger, boolean resumed) {
                return new UniformBatches(poolSize, batch, seed);
            }

            @Override
            public String describe() {
                return "uniform";
            }
        };
    }

    /**
     * JEST: score each super-batch with the learner and the pre-scored reference, keep the
     * selected sub-batch. The uniform score needs no models and falls back to {@link #uniform}.
     */
    static BatchPolicy jest(org.curationlab.data.pairs.ImageTextPairs pool, String poolKey, int batch, long seed, ReferenceModel reference,
                            SelectionConfig selection, java.nio.file.Path cacheDir) {
        if (!selection.method().usesModels()) {
            return uniform(pool.size(), batch, seed);
        }
        return new BatchPolicy() {
            @Override
            public BatchSource bind(TwoTowerModel learner, ComputeLedger ledger, boolean resumed) {
                if (selection.method().usesReference()) {
                    double prescoring = reference.prescore(pool, poolKey, cacheDir);
                    if (!resumed) {
                        ledger.addReferenceScoring(prescoring);
                    }
                }
                return new JestBatches(pool, batch, seed, learner, reference, selection, ledger);
            }

            @Override
            public String describe() {
                return selection.method().name() + "/" + (selection.joint() ? "joint" : "independent");
            }
        };
    }
}
