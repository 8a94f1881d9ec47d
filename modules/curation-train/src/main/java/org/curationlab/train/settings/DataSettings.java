package org.curationlab.train.settings;

/**
 * The pool a run trains on: where the Fashion-MNIST images are, the web pool's size and noise, the
 * seed of everything random; or your own pairs ({@code pairs}, with the sources a reference trains
 * and the run evaluates on, the share of bad items loading tolerates, and the share of the training
 * pairs whose captions are moved to other images, a known misaligned rate; docs/data.md).
 */
public record DataSettings(String dataDir, int poolSize, String noise, long seed, String pairs, String referencePairs,
                           String evalPairs, double maxBad, double shuffleCaptions) {
}
