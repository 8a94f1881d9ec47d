package org.curationlab.cli;

import org.curationlab.data.CurationException;
import org.curationlab.data.WordTokenizer;
import org.curationlab.models.ContrastiveLoss;
import org.curationlab.models.ImageTowerKind;
import org.curationlab.models.ModelConfig;
import org.curationlab.models.ModelSize;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.Locale;

/** The options that build a two-tower model. */
public final class ModelOptions {
    @Option(names = "--model", paramLabel = "SIZE", defaultValue = "M", description = "Rung of the size ladder: S, M, L or XL (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--tower", paramLabel = "KIND", defaultValue = "cnn", description = "Image tower: cnn (accepts 28x28 and 14x14) or mlp (default: ${DEFAULT-VALUE}).")
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
        // Checked here, in the user's terms, before ModelConfig would name its own fields.
        if (iterations < 1) {
            throw new CurationException("--iterations: " + iterations + " must be at least 1");
        }
        if (warmup < 0) {
            throw new CurationException("--warmup: " + warmup + " must be at least 0");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new CurationException("--lr: " + learningRate + " must be a finite number above 0");
        }
        if (embedDim < 1) {
            throw new CurationException("--embed-dim: " + embedDim + " must be at least 1");
        }
        WordTokenizer tok = WordTokenizer.standard();
        return new ModelConfig(parse(ImageTowerKind.class, tower, "--tower"), parse(ModelSize.class, size, "--model"),
                embedDim, tok.vocabSize(), tok.maxTokens(), parse(ContrastiveLoss.class, loss, "--loss"),
                learningRate, Math.min(warmup, iterations), iterations, 0.0, seed);
    }

    static <E extends Enum<E>> E parse(Class<E> type, String text, String flag) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text.trim())) {
                return e;
            }
        }
        throw new CurationException(flag + ": '" + text + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
    }
}
