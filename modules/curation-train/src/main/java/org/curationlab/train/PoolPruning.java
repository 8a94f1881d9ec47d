package org.curationlab.train;

import org.curationlab.data.PairFlag;
import org.curationlab.data.pairs.ImageTextPairs;
import org.curationlab.data.PoolComposition;
import org.curationlab.data.PoolTruth;
import org.curationlab.pruning.PruneEmbedding;
import org.curationlab.pruning.PruneInput;
import org.curationlab.pruning.PruneOptions;
import org.curationlab.pruning.PruneResult;
import org.curationlab.pruning.Pruner;
import org.curationlab.pruning.PruningPipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Offline pruning of the web pool before training (docs/pruning.md): the pool is embedded once by the
 * frozen reference model (the same pre-scoring JEST uses) and pruned by a {@link PruningPipeline}
 * of one or more stages. SemDeDup compares the image embeddings; DBP and SSP cluster the embedding
 * {@code --prune-embedding} chooses (image, text, or both); the "score" stage keeps the pairs whose
 * image and caption the reference aligns best (the CLIP-score filter). Each stage's kept pairs by
 * provenance kind, and the pruned pool's composition, are what the run records.
 */
public final class PoolPruning {
    /**
     * One stage as the run records it: what it saw and kept (pairs of the original pool), by
     * provenance kind, and the reference FLOPs it cost. The pool is embedded once, for the first
     * stage; later stages read the same pre-scored embeddings and cost the reference nothing more.
     */
    public record Stage(String stage, String method, Double fraction, int input, int kept, PoolComposition composition,
                        String embedding, double prescoreFlops, PruneResult result) {
        /** "clean 812, misaligned 3, ...": the kept pairs by provenance kind ("" for a pool without ground truth). */
        public String byKind() {
            StringBuilder sb = new StringBuilder();
            if (composition == null) {
                return "";
            }
            for (PairFlag f : PairFlag.values()) {
                sb.append(sb.length() == 0 ? "" : ", ").append(f.label()).append(' ').append(composition.byFlag()[f.ordinal()]);
            }
            return sb.toString();
        }

        /** The provenance record: counts by kind, and fractions of the original pool. */
        public Map<String, Object> asMap(int poolSize) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stage", stage);
            m.put("method", method);
            m.put("fraction", fraction);
            m.put("input", input);
            m.put("kept", kept);
            m.put("kept_of_pool", kept / (double) poolSize);
            m.put("embedding", embedding);
            m.put("prescore_flops", prescoreFlops);
            if (composition == null) {
                return m;
            }
            Map<String, Integer> byKind = new LinkedHashMap<>();
            for (PairFlag f : PairFlag.values()) {
                byKind.put(f.label(), composition.byFlag()[f.ordinal()]);
            }
            m.put("kept_by_kind", byKind);
            return m;
        }
    }

    /**
     * The pruned pool, the last stage's result (rows of the original pool), every stage, and the
     * one-off reference FLOPs; the compositions are null for a pool without ground truth.
     */
    public record Pruned(ImageTextPairs pool, PruneResult result, PoolComposition composition, double referenceFlops, List<Stage> stages) {
        public List<Map<String, Object>> stagesAsMaps() {
            int n = result.poolSize();
            return stages.stream().map(s -> s.asMap(n)).toList();
        }
    }

    private PoolPruning() {
    }

    /** {@code method} (a pruner or a pipeline) over the reference's image embeddings. */
    public static Pruned prune(ImageTextPairs pool, String poolKey, String method, PruneOptions options, ReferenceModel reference, Path cacheDir) {
        return prune(pool, poolKey, method, options, PruneEmbedding.IMAGE, reference, cacheDir, "--pool-pruning");
    }

    /**
     * Prunes {@code pool} by {@code pipeline} (e.g. {@code dbp} with {@code options.keep()}, or
     * {@code semdedup+score:0.5+dbp:0.3}); DBP and SSP cluster {@code embedding}. {@code flag} names the option that
     * gave the pipeline, in errors.
     */
    public static Pruned prune(ImageTextPairs pool, String poolKey, String pipeline, PruneOptions options, PruneEmbedding embedding,
                               ReferenceModel reference, Path cacheDir, String flag) {
        PruningPipeline p = PruningPipeline.parse(pipeline, options.keep(), flag);
        double flops = reference.prescore(pool, poolKey, cacheDir);
        int n = pool.size();
        int d = reference.model().config().embedDim();
        float[] images = reference.imageEmbeddings();
        float[] texts = reference.textEmbeddings();
        double[] alignment = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += images[i * d + k] * texts[i * d + k];
            }
            alignment[i] = s;
        }
        String source = "reference embeddings of " + pool.name();
        PruneInput input = PruneInput.of(images, n, d, options).withSource(source).withScores(alignment);
        float[] cluster = embedding == PruneEmbedding.IMAGE ? null : embedding.select(images, texts, n, d, source);
        PruningPipeline.Outcome outcome = p.run(input, cluster, embedding.dim(d), flag);
        PoolTruth truth = pool.truth().orElse(null);
        List<Stage> stages = new ArrayList<>();
        for (PruningPipeline.StageOutcome s : outcome.stages()) {
            Pruner pruner = s.stage().pruner();
            // The embedding the stage clustered: --prune-embedding's choice, else the image embeddings (SemDeDup), else none.
            String clustered = pruner.clustersChosenEmbedding() ? embedding.label() : pruner.clusters() ? PruneEmbedding.IMAGE.label() : null;
            stages.add(new Stage(s.stage().toString(), s.stage().method(), s.stage().fraction(), s.inputRows(), s.kept().length,
                    truth == null ? null : truth.composition(s.kept()), clustered, stages.isEmpty() ? flops : 0.0, s.result()));
        }
        // One stage keeps the pool's name as before ("web-dbp"); a pipeline is named by its stages.
        String name = pool.name() + "-" + (outcome.stages().size() == 1 ? pipeline : p.toString());
        ImageTextPairs pruned = pool.subset(outcome.kept(), name);
        return new Pruned(pruned, outcome.last(), pruned.truth().map(PoolTruth::composition).orElse(null), flops, stages);
    }
}
