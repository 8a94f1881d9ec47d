package org.curationlab.train.settings;

/** The pool a run trains on: where the images are, its size, its noise, and the seed of everything random. */
public record DataSettings(String dataDir, int poolSize, String noise, long seed) {
}
