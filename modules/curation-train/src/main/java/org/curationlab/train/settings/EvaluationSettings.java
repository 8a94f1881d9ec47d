package org.curationlab.train.settings;

/** How often, and on how many test pairs, the run is evaluated. */
public record EvaluationSettings(int evalEvery, int evalSize) {
}
