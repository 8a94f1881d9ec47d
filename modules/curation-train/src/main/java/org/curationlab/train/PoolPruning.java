package org.curationlab.train;

import org.curationlab.data.PairPool;
import org.curationlab.data.PoolComposition;
import org.curationlab.pruning.PruneInput;
import org.curationlab.pruning.PruneOptions;
import org.curationlab.pruning.PruneResult;
import org.curationlab.pruning.Pruners;

import java.nio.file.Path;

/**
 * Offline pruning of the web pool before training (DESIGN §4): the pool is embedded once by the
 * frozen reference model (the same pre-scoring JEST uses), clustered on the image embeddings and
 * pruned; the "score" baseline keeps the pairs whose image and caption the reference aligns best
 * (the CLIP-score filter). The pruned pool's composition is what the run records.
 */
public final class PoolPruning {
    /** The pruned pool, the pruner's result, and the one-off reference FLOPs it cost. */
    public record Pruned(PairPool pool, PruneResult result, PoolComposition composition, double referenceFlops) {
    }

    private PoolPruning() {
    }

    public static Pruned prune(PairPool pool, String poolKey, String method, PruneOptions options, ReferenceModel reference, Path cacheDir) {
        double flops = reference.prescore(pool, poolKey, cacheDir);
        int n = pool.size();
        int d = reference.model().config().embedDim();
        float[] images = reference.imageEmbeddings().dup('c').data().asFloat();
        float[] texts = reference.textEmbeddings().dup('c').data().asFloat();
        double[] alignment = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += images[i * d + k] * texts[i * d + k];
            }
            alignment[i] = s;
        }
        PruneInput input = PruneInput.of(images, n, d, options).withSource("reference embeddings of " + pool.name()).withScores(alignment);
        PruneResult result = Pruners.byName(method).prune(input);
        PairPool pruned = pool.subset(result.kept(), pool.name() + "-" + method);
        return new Pruned(pruned, result, pruned.composition(), flops);
    }
}
