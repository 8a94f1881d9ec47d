package org.curationlab.train.settings;

/**
 * The frozen reference model: a checkpoint or a curation level, how long a reference trained inside
 * the run trains (its steps, or null for {@code referencePasses} passes over its images), where it is cached.
 */
public record ReferenceSettings(String reference, Integer referenceIterations, double referencePasses, String cacheDir) {
}
