package org.curationlab.train.settings;

/**
 * The budget: how many steps of how large a batch, the share trained at the cheap view (14x14, or
 * the ViT's larger patch), the threads; and a patch tower's patches: the one it trains at or
 * FlexiViT's list to draw from, and the one the learner scores at.
 */
public record TrainingSettings(int iterations, int batch, double multiRes, Integer threads, Integer patch, String flexi,
                               Integer scorePatch) {
}
