package org.curationlab.selection;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.curationlab.data.CurationException;

/**
 * The four batch scores compared in the JEST paper (§2.1): what "good data" means for a selector.
 * Which models must be supplied follows from the method: hard learner needs only the learner,
 * easy reference only the reference, learnability both, uniform neither.
 */
enum LegacyScoreMethod {
    /** No score: a random b of B (the baseline every curve is compared against). */
    UNIFORM("uniform", false, false),
    /** Learner loss ℓ(X; θ): hard examples, but also up-samples noise. */
    HARD_LEARNER("hard-learner", true, false),
    /** Minus the reference loss −ℓ(X; θ*): what a curated model finds easy ("pre-scored data"). */
    EASY_REFERENCE("easy-reference", false, true),
    /** ℓ(X; θ) − ℓ(X; θ*): not yet learnt, but learnable. The paper's default. */
    LEARNABILITY("learnability", true, true);

    private final String cliName;
    private final boolean needsLearner;
    private final boolean needsReference;

    LegacyScoreMethod(String cliName, boolean needsLearner, boolean needsReference) {
        this.cliName = cliName;
        this.needsLearner = needsLearner;
        this.needsReference = needsReference;
    }

    /** The name used on the command line and in sweep specs, e.g. {@code "easy-reference"}. */
    public String cliName() {
        return cliName;
    }

    public boolean needsLearner() {
        return needsLearner;
    }

    public boolean needsReference() {
        return needsReference;
    }

    /** Parses a CLI name (case-insensitive, surrounding blanks ignored). */
    public static LegacyScoreMethod parse(String name) {
        if (name != null) {
            String key = name.trim().toLowerCase(java.util.Locale.ROOT);
            for (LegacyScoreMethod m : values()) {
                if (m.cliName.equals(key)) {
                    return m;
                }
            }
        }
        String valid = Arrays.stream(values()).map(m -> m.cliName).collect(Collectors.joining(", "));
        throw new CurationException("score method = '" + name + "' is not known; expected one of: " + valid);
    }

    @Override
    public String toString() {
        return cliName;
    }
}
