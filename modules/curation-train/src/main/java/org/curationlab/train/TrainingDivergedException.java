package org.curationlab.train;

import org.curationlab.data.CurationException;

/** The loss became NaN or infinite: the run stops, and the rows it wrote so far stay on disk. */
public final class TrainingDivergedException extends CurationException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
