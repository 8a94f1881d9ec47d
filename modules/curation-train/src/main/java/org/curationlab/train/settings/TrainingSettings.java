package org.curationlab.train.settings;

/** The budget: how many steps of how large a batch, the share trained at 14x14, and the threads. */
public record TrainingSettings(int iterations, int batch, double multiRes, Integer threads) {
}
