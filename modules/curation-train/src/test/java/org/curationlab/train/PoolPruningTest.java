package org.curationlab.train;

import org.curationlab.data.CurationLevel;
import org.curationlab.data.NoiseSpec;
import org.curationlab.data.PairFlag;
import org.curationlab.pruning.PruneOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Offline pruning of the fixture pool with a (tiny) reference's embeddings, then training on it. */
class PoolPruningTest {
    @TempDir
    Path tmp;

    @Test
    void prunesToTheKeepFractionAndChargesThePrescoring() {
        Path ref = tmp.resolve("ref.zip");
        ReferenceTraining.train(TrainerTest.WORLD, CurationLevel.CURATED, NoiseSpec.NONE, 60, TrainerTest.config(2), ref, false,
                ProgressListener.NONE);
        ReferenceModel reference = ReferenceModel.load(ref);
        PruneOptions options = PruneOptions.defaults().withKeep(0.5).withK(8).withNn(3);
        for (String method : new String[]{"dbp", "ssp", "score", "random"}) {
            PoolPruning.Pruned p = PoolPruning.prune(TrainerTest.POOL, "fixture", method, options, reference, tmp.resolve("cache"));
            assertEquals(100, p.pool().size(), method);
            assertEquals(100, p.composition().total(), method);
            int flagged = 0;
            for (PairFlag f : PairFlag.values()) {
                flagged += p.composition().byFlag()[f.ordinal()];
            }
            assertEquals(100, flagged);
            assertTrue(p.referenceFlops() > 0);
        }
        PoolPruning.Pruned p = PoolPruning.prune(TrainerTest.POOL, "fixture", "dbp", options, reference, tmp.resolve("cache"));
        TrainConfig cfg = TrainerTest.config(2);
        Trainer.Result r = new Trainer(cfg, p.pool(), BatchPolicy.uniform(p.pool().size(), cfg.batch(), cfg.seed()),
                new Evaluator(TrainerTest.WORLD, cfg.evalSize(), cfg.seed()), tmp.resolve("run"), ProgressListener.NONE)
                .withOneOffReferenceFlops(p.referenceFlops()).run(Map.of(), false);
        assertEquals(p.referenceFlops(), r.ledger().scoreReference(), 1e-9 * p.referenceFlops());
    }
}
