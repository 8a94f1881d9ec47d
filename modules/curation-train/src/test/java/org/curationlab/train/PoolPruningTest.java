package org.curationlab.train;

import org.curationlab.data.CurationLevel;
import org.curationlab.data.NoiseSpec;
import org.curationlab.data.PairFlag;
import org.curationlab.pruning.PruneOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.curationlab.pruning.PruneEmbedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
        PruneOptions options = PruneOptions.defaults().with("keep", 0.5).with("k", 8).with("nn", 3);
        for (String method : new String[]{"dbp", "ssp", "score", "random"}) {
            PoolPruning.Pruned p = PoolPruning.prune(TrainerTest.PAIRS, "fixture", method, options, reference, tmp.resolve("cache"));
            assertEquals(100, p.pool().size(), method);
            assertEquals(100, p.composition().total(), method);
            int flagged = 0;
            for (PairFlag f : PairFlag.values()) {
                flagged += p.composition().byFlag()[f.ordinal()];
            }
            assertEquals(100, flagged);
            assertTrue(p.referenceFlops() > 0);
        }
        PoolPruning.Pruned p = PoolPruning.prune(TrainerTest.PAIRS, "fixture", "dbp", options, reference, tmp.resolve("cache"));
        TrainConfig cfg = TrainerTest.config(2);
        Trainer.Result r = new Trainer(cfg, p.pool(), BatchPolicy.uniform(p.pool().size(), cfg.batch(), cfg.seed()),
                new Evaluator(TrainerTest.WORLD, cfg.evalSize(), cfg.seed()), tmp.resolve("run"), ProgressListener.NONE)
                .withOneOffReferenceFlops(p.referenceFlops()).run(Map.of(), false);
        assertEquals(p.referenceFlops(), r.ledger().scoreReference(), 1e-9 * p.referenceFlops());
    }

    @Test
    void aPipelineRecordsEachStageByProvenanceKindAndChargesThePoolOnce() {
        Path ref = tmp.resolve("ref.zip");
        ReferenceTraining.train(TrainerTest.WORLD, CurationLevel.CURATED, NoiseSpec.NONE, 60, TrainerTest.config(2), ref, false,
                ProgressListener.NONE);
        ReferenceModel reference = ReferenceModel.load(ref);
        PruneOptions options = PruneOptions.defaults().with("keep", 0.3).with("k", 8).with("nn", 3);
        int n = TrainerTest.POOL.size();
        PoolPruning.Pruned single = PoolPruning.prune(TrainerTest.PAIRS, "fixture", "dbp", options, reference, tmp.resolve("cache"));
        for (PruneEmbedding e : PruneEmbedding.values()) {
            PoolPruning.Pruned p = PoolPruning.prune(TrainerTest.PAIRS, "fixture", "semdedup+score:0.5+dbp:0.3", options, e, reference,
                    tmp.resolve("cache"), "--pool-pruning");
            assertEquals(List.of("semdedup", "score:0.5", "dbp:0.3"), p.stages().stream().map(PoolPruning.Stage::stage).toList());
            assertEquals(Math.round(0.5 * n), p.stages().get(1).kept());
            assertEquals(Math.round(0.3 * n), p.pool().size(), "the final fraction is of the original pool");
            assertEquals(p.stages().get(0).kept(), p.stages().get(1).input(), "a stage sees what the previous kept");
            for (PoolPruning.Stage s : p.stages()) {
                assertEquals(s.kept(), s.composition().total());
                assertEquals(s.kept(), IntStream.of(s.composition().byFlag()).sum(), "every kept pair has a kind");
            }
            assertEquals(e.label(), p.stages().get(2).embedding(), "DBP clusters the chosen embedding");
            assertEquals("image", p.stages().get(0).embedding(), "SemDeDup compares image embeddings");
            // The pool is embedded once: the first stage is charged, the others reuse its embeddings.
            assertEquals(single.referenceFlops(), p.referenceFlops(), 0.0);
            assertEquals(p.referenceFlops(), p.stages().get(0).prescoreFlops(), 0.0);
            assertEquals(0.0, p.stages().get(1).prescoreFlops() + p.stages().get(2).prescoreFlops(), 0.0);
            Map<String, Object> m = p.stagesAsMaps().get(2);
            assertEquals(0.3, (double) m.get("kept_of_pool"), 1e-12);
            assertTrue(((Map<?, ?>) m.get("kept_by_kind")).keySet().containsAll(List.of("clean", "misaligned", "generic", "corrupted",
                    "duplicate")), m.toString());
        }
        PoolPruning.Pruned imageJoint = PoolPruning.prune(TrainerTest.PAIRS, "fixture", "dbp", options, PruneEmbedding.JOINT, reference,
                tmp.resolve("cache"), "--pool-pruning");
        assertEquals(single.pool().size(), imageJoint.pool().size());
        assertNotEquals(java.util.Arrays.toString(single.result().kept()), java.util.Arrays.toString(imageJoint.result().kept()),
                "joint embeddings cluster differently from image embeddings");
    }
}
