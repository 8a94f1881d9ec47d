package org.curationlab.pruning;

import org.curationlab.data.CurationException;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The registry of pruners: the one list that {@code --method}, {@code --pool-pruning}, pipelines,
 * help text and error messages read. Adding a pruner is its file plus one line in {@link #ALL}.
 */
public final class Pruners {
    /** Every pruner, in the order help text and error messages list them. */
    private static final List<Pruner> ALL = List.of(
            new RandomPruner(),
            new SelfSupervisedPrototypePruner(),
            new DensityBasedPruner(),
            new SemDeDup(),
            new ScoreFilter());

    /** The names, in registry order. */
    public static final List<String> NAMES = ALL.stream().map(Pruner::name).toList();

    private Pruners() {
    }

    public static List<Pruner> all() {
        return ALL;
    }

    /** The pruner of a name (case-insensitive, surrounding blanks ignored), if there is one. */
    public static Optional<Pruner> find(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(p -> p.name().equals(key)).findFirst();
    }

    public static Pruner byName(String name) {
        return find(name).orElseThrow(() -> new CurationException("--method: '" + name + "' is not a pruner; expected one of " + NAMES));
    }

    /** The names of the pruners that {@code have} a property, for messages: "ssp, dbp and semdedup". */
    public static String namesOf(Predicate<Pruner> have) {
        List<String> n = ALL.stream().filter(have).map(Pruner::name).toList();
        return n.size() <= 1 ? String.join("", n) : String.join(", ", n.subList(0, n.size() - 1)) + " and " + n.get(n.size() - 1);
    }

    /** The names for picocli's {@code completionCandidates}, so that help text lists them as {@code ${COMPLETION-CANDIDATES}}. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return NAMES.iterator();
        }
    }
}
