package org.curationlab.pruning;

import java.util.List;
import java.util.Locale;

/**
 * The outcome of one pruning run: the kept row indices in ascending order, and for cluster-based
 * methods the per-cluster table. The options are carried along so a result can say how it was made.
 */
public record PruneResult(String method, int poolSize, int[] kept, List<ClusterStats> clusters,
                          PruneOptions options) {

    public PruneResult {
        clusters = List.copyOf(clusters);
    }

    public double keptFraction() {
        return kept.length / (double) poolSize;
    }

    /** A fixed-width table for the CLI: one line per cluster. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: kept %d of %d (%.4f)%n", method, kept.length,
                poolSize, keptFraction()));
        if (!clusters.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%8s %8s %10s %10s %12s %8s%n", "cluster", "size",
                    "d_intra", "d_inter", "complexity", "kept"));
            for (ClusterStats c : clusters) {
                sb.append(String.format(Locale.ROOT, "%8d %8d %10.5f %10.5f %12.6f %8d%n",
                        c.cluster(), c.size(), c.dIntra(), c.dInter(), c.complexity(), c.kept()));
            }
        }
        return sb.toString();
    }
}
