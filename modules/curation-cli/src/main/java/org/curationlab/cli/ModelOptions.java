package org.curationlab.cli;

import org.curationlab.models.ImageTowerKind;
import org.curationlab.models.ModelConfig;
import org.curationlab.train.RunSpec;
import picocli.CommandLine.Option;

/** The options that build a two-tower model. */
public final class ModelOptions {
    @Option(names = "--model", paramLabel = "SIZE", defaultValue = "M", description = "Rung of the size ladder: S, M, L or XL (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--tower", paramLabel = "KIND", defaultValue = "cnn", completionCandidates = ImageTowerKind.Names.class,
            description = "Image tower, one of: ${COMPLETION-CANDIDATES} (the ImageTowerKind registry); 14x14 input "
                    + "(--score-resolution 14, --multi-res) needs a tower ending in global pooling (default: ${DEFAULT-VALUE}).")
    String tower;

    @Option(names = "--loss", paramLabel = "LOSS", defaultValue = "sigmoid", description = "Contrastive loss: sigmoid (SigLIP) or softmax (CLIP) (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.002", description = "Peak Adam learning rate after warm-up; cosine decay to 0 at the last iteration (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--warmup", paramLabel = "STEPS", defaultValue = "50", description = "Linear warm-up steps (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--embed-dim", paramLabel = "D", defaultValue = "64", description = "Width of the shared embedding space (default: ${DEFAULT-VALUE}).")
    int embedDim;

    ModelConfig config(int iterations, long seed) {
        return RunSpec.modelConfig(size, tower, loss, learningRate, warmup, embedDim, iterations, seed);
    }
}
