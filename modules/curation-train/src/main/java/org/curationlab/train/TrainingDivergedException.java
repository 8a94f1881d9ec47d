package org.curationlab.train;

import org.curationlab.data.CurationException;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The loss became NaN or infinite: the run stops, and the rows it wrote so far stay on disk. */
public final class TrainingDivergedException extends CurationException {
    /** How the model says it diverged, in its own config's terms. */
    private static final Pattern MODEL_ADVICE = Pattern.compile("\\s*\\(lower model\\.learningRate, now ([^)]*)\\)\\s*$");

    public TrainingDivergedException(String message) {
        super(message);
    }

    /**
     * The model's divergence (a non-finite loss or weights, which it reports naming its config
     * field {@code model.learningRate}) in the terms of the user who runs {@code curate}: the
     * {@code --lr} flag, and where the rows written so far are. Other errors pass unchanged.
     */
    static CurationException inFlagTerms(CurationException e, Path rows) {
        String m = e.getMessage();
        Matcher advice = m == null || e instanceof TrainingDivergedException ? null : MODEL_ADVICE.matcher(m);
        if (advice == null || !m.startsWith("training diverged") || !advice.find()) {
            return e;
        }
        return new TrainingDivergedException(m.substring(0, advice.start()) + "; the rows written so far are kept in " + rows
                + ". Try a lower learning rate (--lr, now " + advice.group(1) + ").");
    }
}
