package org.curationlab.train.settings;

/** The frozen reference model: a checkpoint or a curation level, how long a level's is trained, where it is cached. */
public record ReferenceSettings(String reference, int referenceIterations, String cacheDir) {
}
