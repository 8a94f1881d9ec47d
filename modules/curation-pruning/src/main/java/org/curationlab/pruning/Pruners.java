package org.curationlab.pruning;

import org.curationlab.data.CurationException;

import java.util.List;

/** The pruners by the names the command line and sweep specs use. */
public final class Pruners {
    public static final List<String> NAMES = List.of("random", "ssp", "dbp", "semdedup", "score");

    private Pruners() {
    }

    public static Pruner byName(String name) {
        return switch (name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "random" -> new RandomPruner();
            case "ssp" -> new SelfSupervisedPrototypePruner();
            case "dbp" -> new DensityBasedPruner();
            case "semdedup" -> new SemDeDup();
            case "score" -> new ScoreFilter();
            default -> throw new CurationException("--method: '" + name + "' is not a pruner; expected one of " + NAMES);
        };
    }
}
