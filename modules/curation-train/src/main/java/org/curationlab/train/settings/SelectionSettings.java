package org.curationlab.train.settings;

/** Online batch selection (JEST): the score, the sampler and its options, the scoring resolution. */
public record SelectionSettings(String method, String selection, double filterRatio, int scoreResolution, Integer chunks,
                                String firstChunk, boolean greedy, int refine, boolean negateScores) {
}
