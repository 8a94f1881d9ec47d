package org.curationlab.selection;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.curationlab.data.CurationException;

/**
 * The registry of batch scores: the one list that {@code --method}, run records, help text and
 * error messages read. Adding a score is its file plus one line in {@link #ALL}.
 */
public final class Scores {
    public static final Score UNIFORM = new UniformScore();
    public static final Score HARD_LEARNER = new HardLearnerScore();
    public static final Score EASY_REFERENCE = new EasyReferenceScore();
    public static final Score LEARNABILITY = new LearnabilityScore();

    /** Every score, in the order help text and error messages list them. */
    private static final List<Score> ALL = List.of(
            UNIFORM,
            HARD_LEARNER,
            EASY_REFERENCE,
            LEARNABILITY,
            new ErrorNormScore());

    private Scores() {
    }

    public static List<Score> all() {
        return ALL;
    }

    /** The names, comma-separated: {@code "uniform, hard-learner, easy-reference, learnability, ..."}. */
    public static String names() {
        return ALL.stream().map(Score::name).collect(Collectors.joining(", "));
    }

    /** The score of a name (case-insensitive, surrounding blanks ignored). */
    public static Score parse(String name) {
        if (name != null) {
            String key = name.trim().toLowerCase(Locale.ROOT);
            for (Score s : ALL) {
                if (s.name().equals(key)) {
                    return s;
                }
            }
        }
        throw new CurationException("score method = '" + name + "' is not known; expected one of: " + names());
    }

    /** The names for picocli's {@code completionCandidates}, so that help text lists them as {@code ${COMPLETION-CANDIDATES}}. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ALL.stream().map(Score::name).iterator();
        }
    }
}
