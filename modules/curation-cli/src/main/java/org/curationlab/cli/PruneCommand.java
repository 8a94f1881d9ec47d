package org.curationlab.cli;

import org.curationlab.data.CurationException;
import org.curationlab.data.PairFlag;
import org.curationlab.data.PairPool;
import org.curationlab.data.PoolComposition;
import org.curationlab.data.PoolSpec;
import org.curationlab.pruning.PruneInput;
import org.curationlab.train.PoolPruning;
import org.curationlab.train.ReferenceModel;
import org.curationlab.pruning.PruneOptions;
import org.curationlab.pruning.PruneResult;
import org.curationlab.pruning.Pruners;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code curate prune}: offline pruning of any embeddings a user brings (DESIGN §4). */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = "Prune a pool offline from its embeddings (float32 N x d .npy, or the web pool embedded by a reference model): "
                + "random, ssp, dbp, semdedup or score. "
                + "Writes the kept row indices in ascending order, one per line, and prints a per-cluster table.")
public final class PruneCommand implements Callable<Integer> {
    @Option(names = "--method", required = true, paramLabel = "METHOD", description = "random, ssp, dbp, semdedup or score.")
    String method;
    @Option(names = "--embeddings", paramLabel = "E.npy", description = "Embeddings, float32 N x d (or use --reference to prune the web pool).")
    Path embeddings;
    @Option(names = "--reference", paramLabel = "FILE", description = "Prune the web pool (pool flags below) with this reference checkpoint's "
            + "embeddings instead of --embeddings, and report what each provenance kind kept.")
    Path reference;
    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Cache of reference embeddings (default: $CURATE_CACHE or ~/.cache/curationlab).")
    Path cacheDir;
    @Mixin
    DataOptions data;
    @Option(names = "--assignments", paramLabel = "A.npy", description = "Cluster of each row (integer .npy of length N); clusters are then taken as given.")
    Path assignments;
    @Option(names = "--scores", paramLabel = "S.npy", description = "A score per row (e.g. reference image-text alignment), for --method score.")
    Path scores;
    @Mixin
    PruningOptions pruning;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the kept indices.")
    Path out;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PruneOptions options = pruning.options(data.seed);
        var o = spec.commandLine().getOut();
        if ((embeddings == null) == (reference == null)) {
            throw new CurationException("give either --embeddings E.npy or --reference FILE (to prune the web pool)");
        }
        PruneResult result;
        if (reference != null) {
            PoolSpec poolSpec = data.poolSpec();
            PairPool pool = data.world().webPool(poolSpec);
            PoolPruning.Pruned pruned = PoolPruning.prune(pool, poolSpec.key(), method, options, ReferenceModel.load(reference),
                    cacheDir != null ? cacheDir : org.curationlab.train.RunSpec.defaultCacheDir());
            result = pruned.result();
            PoolComposition before = pool.composition();
            PoolComposition after = pruned.composition();
            o.printf("%-11s %8s %8s %9s%n", "kind", "pool", "kept", "kept/pool");
            for (PairFlag f : PairFlag.values()) {
                int b = before.byFlag()[f.ordinal()], a = after.byFlag()[f.ordinal()];
                o.printf(Locale.ROOT, "%-11s %8d %8d %9.4f%n", f.label(), b, a, b == 0 ? Double.NaN : a / (double) b);
            }
            DedupOutcome d = DedupOutcome.of(pool, result.kept());
            o.printf(Locale.ROOT, "near-duplicates resolved (copy or original removed): %d of %d (%.4f); other pairs removed: %d of %d (%.4f)%n",
                    d.resolved(), d.duplicates(), d.resolvedFraction(), d.othersRemoved(), d.others(), d.othersRemovedFraction());
        } else {
            result = Pruners.byName(method).prune(PruneInput.fromFiles(embeddings, assignments, scores, options));
        }
        writeIndices(out, result.kept());
        if (!result.clusters().isEmpty()) {
            o.print(result.table());
        }
        o.printf(Locale.ROOT, "%s kept %d of %d rows (%.4f) -> %s%n", method, result.kept().length, result.poolSize(), result.keptFraction(), out);
        o.flush();
        return 0;
    }

    static void writeIndices(Path out, int[] indices) {
        StringBuilder sb = new StringBuilder(indices.length * 6);
        for (int i : indices) {
            sb.append(i).append('\n');
        }
        try {
            Path abs = out.toAbsolutePath();
            Files.createDirectories(abs.getParent());
            org.curationlab.data.io.AtomicFiles.write(abs, sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CurationException("--out: " + out + " cannot be written (" + e.getMessage() + ")", e);
        }
    }
}
