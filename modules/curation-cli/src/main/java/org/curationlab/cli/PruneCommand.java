package org.curationlab.cli;

import org.curationlab.data.CurationException;
import org.curationlab.pruning.PruneInput;
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
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code curate prune}: offline pruning of any embeddings a user brings (DESIGN §4). */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = "Prune a pool offline from its embeddings (float32 N x d .npy): random, ssp, dbp, semdedup or score. "
                + "Writes the kept row indices in ascending order, one per line, and prints a per-cluster table.")
public final class PruneCommand implements Callable<Integer> {
    @Option(names = "--method", required = true, paramLabel = "METHOD", description = "random, ssp, dbp, semdedup or score.")
    String method;
    @Option(names = "--embeddings", required = true, paramLabel = "E.npy", description = "Embeddings, float32 N x d.")
    Path embeddings;
    @Option(names = "--assignments", paramLabel = "A.npy", description = "Cluster of each row (integer .npy of length N); clusters are then taken as given.")
    Path assignments;
    @Option(names = "--scores", paramLabel = "S.npy", description = "A score per row (e.g. reference image-text alignment), for --method score.")
    Path scores;
    @Mixin
    PruningOptions pruning;
    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of k-means and random pruning (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the kept indices.")
    Path out;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PruneOptions options = pruning.options(seed);
        var pruner = Pruners.byName(method);
        PruneResult result = pruner.prune(PruneInput.fromFiles(embeddings, assignments, scores, options));
        writeIndices(out, result.kept());
        var o = spec.commandLine().getOut();
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
            Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
            Files.writeString(tmp, sb);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CurationException("--out: " + out + " cannot be written (" + e.getMessage() + ")", e);
        }
    }
}
