package org.curationlab.train.settings;

/** The learner: its rung of the size ladder, image tower, loss and optimiser schedule. */
public record ModelSettings(String model, String tower, String loss, double lr, int warmup, int embedDim, double weightDecay) {
}
