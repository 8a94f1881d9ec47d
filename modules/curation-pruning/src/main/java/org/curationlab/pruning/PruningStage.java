package org.curationlab.pruning;

import java.util.Locale;

/**
 * One stage of a {@link PruningPipeline}: a pruner by name and, for the budgeted pruners, the
 * fraction of the <em>original</em> pool it leaves ({@code null} for one without a budget, e.g.
 * SemDeDup, whose ε decides).
 */
public record PruningStage(String method, Double fraction) {

    /** The stage's pruner, from the registry. */
    public Pruner pruner() {
        return Pruners.byName(method);
    }

    /** Whether the stage clusters the embedding chosen by {@code --prune-embedding} (DBP and SSP). */
    public boolean clustersByChoice() {
        return pruner().clustersChosenEmbedding();
    }

    @Override
    public String toString() {
        return fraction == null ? method : method + ":" + fmt(fraction);
    }

    static String fmt(double v) {
        String s = String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
