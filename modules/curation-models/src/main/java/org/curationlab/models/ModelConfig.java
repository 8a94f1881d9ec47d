package org.curationlab.models;

import java.util.Locale;
import java.util.Properties;
import org.curationlab.data.CurationException;

/**
 * Everything needed to rebuild a {@link TwoTowerModel} bit for bit: architecture, loss,
 * optimiser schedule and seed. Immutable and printable, with a properties form so that a
 * checkpoint or a results row records exactly how its model was made.
 *
 * @param imageTower  MLP, CNN or VIT image tower
 * @param size        rung of the size ladder
 * @param embedDim    width of the shared, L2-normalised embedding space
 * @param vocabSize   V: token ids lie in [0, V), 0 being padding
 * @param maxTokens   L: columns of a token batch
 * @param loss        sigmoid (SigLIP) or softmax (CLIP)
 * @param learningRate peak Adam learning rate, reached at the end of warm-up
 * @param warmupSteps linear warm-up steps
 * @param totalSteps  steps at which the cosine decay reaches zero
 * @param weightDecay decoupled (AdamW-style) decay on weight matrices; 0 disables it
 * @param seed        seed of the weight initialisation
 * @param imageShape  channels and side of the images the image tower takes ({@link ImageShape#DEFAULT},
 *                    1×28×28, for the 11-argument constructor and for properties without it)
 */
public record ModelConfig(
        ImageTowerKind imageTower,
        ModelSize size,
        int embedDim,
        int vocabSize,
        int maxTokens,
        ContrastiveLoss loss,
        double learningRate,
        int warmupSteps,
        int totalSteps,
        double weightDecay,
        long seed,
        ImageShape imageShape) {

    private static final String PREFIX = "model.";
    private static final String CHANNELS = "imageChannels";
    private static final String SIDE = "imageSide";

    public ModelConfig {
        require(imageTower != null, "imageTower", "must be set (MLP, CNN or VIT)");
        require(imageShape != null, "imageShape", "must be set (e.g. 1×28×28)");
        require(size != null, "size", "must be set (S, M, L or XL)");
        require(loss != null, "loss", "must be set (SIGMOID or SOFTMAX)");
        require(embedDim >= 1, "embedDim", "must be ≥ 1, got " + embedDim);
        require(vocabSize >= 2, "vocabSize", "must be ≥ 2 (0 is padding), got " + vocabSize);
        require(maxTokens >= 1, "maxTokens", "must be ≥ 1, got " + maxTokens);
        require(learningRate > 0 && Double.isFinite(learningRate), "learningRate",
                "must be a finite number > 0, got " + learningRate);
        require(warmupSteps >= 0, "warmupSteps", "must be ≥ 0, got " + warmupSteps);
        require(totalSteps >= 1, "totalSteps", "must be ≥ 1, got " + totalSteps);
        require(warmupSteps <= totalSteps, "warmupSteps",
                "must be ≤ totalSteps (" + totalSteps + "), got " + warmupSteps);
        require(weightDecay >= 0 && Double.isFinite(weightDecay), "weightDecay",
                "must be a finite number ≥ 0, got " + weightDecay);
        imageTower.tower().requireShape(imageShape);
    }

    /** A config for 1×28×28 images ({@link ImageShape#DEFAULT}): every config made before images had a shape. */
    public ModelConfig(ImageTowerKind imageTower, ModelSize size, int embedDim, int vocabSize, int maxTokens,
            ContrastiveLoss loss, double learningRate, int warmupSteps, int totalSteps, double weightDecay, long seed) {
        this(imageTower, size, embedDim, vocabSize, maxTokens, loss, learningRate, warmupSteps, totalSteps,
                weightDecay, seed, ImageShape.DEFAULT);
    }

    /** Sensible laptop defaults: embedDim 64, V 120, L 12, sigmoid loss, lr 1e-3. */
    public static ModelConfig defaults(ImageTowerKind kind, ModelSize size) {
        return new ModelConfig(kind, size, 64, 120, 12, ContrastiveLoss.SIGMOID, 1e-3, 100,
                5000, 0.0, 42L);
    }

    public ModelConfig withLoss(ContrastiveLoss newLoss) {
        return new ModelConfig(imageTower, size, embedDim, vocabSize, maxTokens, newLoss,
                learningRate, warmupSteps, totalSteps, weightDecay, seed, imageShape);
    }

    public ModelConfig withSeed(long newSeed) {
        return new ModelConfig(imageTower, size, embedDim, vocabSize, maxTokens, loss,
                learningRate, warmupSteps, totalSteps, weightDecay, newSeed, imageShape);
    }

    public ModelConfig withSchedule(double lr, int warmup, int total) {
        return new ModelConfig(imageTower, size, embedDim, vocabSize, maxTokens, loss, lr,
                warmup, total, weightDecay, seed, imageShape);
    }

    public ModelConfig withShape(int newEmbedDim, int newVocabSize, int newMaxTokens) {
        return new ModelConfig(imageTower, size, newEmbedDim, newVocabSize, newMaxTokens, loss,
                learningRate, warmupSteps, totalSteps, weightDecay, seed, imageShape);
    }

    /** The config for images of another shape (channels and side); refused if the tower cannot take it. */
    public ModelConfig withImageShape(ImageShape newImageShape) {
        return new ModelConfig(imageTower, size, embedDim, vocabSize, maxTokens, loss,
                learningRate, warmupSteps, totalSteps, weightDecay, seed, newImageShape);
    }

    /**
     * Refuses, in one line, data whose images are not the shape this model takes: {@code sourceName}
     * names the data (a file, a folder, "the Fashion-MNIST pool") in the message.
     */
    public void requireFits(int channels, int side, String sourceName) {
        if (channels != imageShape.channels() || side != imageShape.side()) {
            throw new CurationException(sourceName + " has " + channels + "×" + side + "×" + side
                    + " images but the model takes " + imageShape + " (channels×height×width); "
                    + "load it with --channels " + imageShape.channels() + " --image-size " + imageShape.side()
                    + " or train a model for its shape");
        }
    }

    /** The config as {@code model.*} properties; {@link #of(Properties)} reads it back. */
    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty(PREFIX + "imageTower", imageTower.name());
        p.setProperty(PREFIX + "size", size.name());
        p.setProperty(PREFIX + "embedDim", Integer.toString(embedDim));
        p.setProperty(PREFIX + "vocabSize", Integer.toString(vocabSize));
        p.setProperty(PREFIX + "maxTokens", Integer.toString(maxTokens));
        p.setProperty(PREFIX + "loss", loss.name());
        // Double.toString round-trips exactly, so a reloaded config is equal to the original.
        p.setProperty(PREFIX + "learningRate", Double.toString(learningRate));
        p.setProperty(PREFIX + "warmupSteps", Integer.toString(warmupSteps));
        p.setProperty(PREFIX + "totalSteps", Integer.toString(totalSteps));
        p.setProperty(PREFIX + "weightDecay", Double.toString(weightDecay));
        p.setProperty(PREFIX + "seed", Long.toString(seed));
        p.setProperty(PREFIX + CHANNELS, Integer.toString(imageShape.channels()));
        p.setProperty(PREFIX + SIDE, Integer.toString(imageShape.side()));
        return p;
    }

    /**
     * Reads {@code model.*} properties; a missing or malformed field throws naming it, except the
     * image shape's two, which properties written before they existed lack: those mean 1×28×28.
     */
    public static ModelConfig of(Properties p) {
        return new ModelConfig(
                parseEnum(p, "imageTower", ImageTowerKind.class),
                parseEnum(p, "size", ModelSize.class),
                parseInt(p, "embedDim"),
                parseInt(p, "vocabSize"),
                parseInt(p, "maxTokens"),
                parseEnum(p, "loss", ContrastiveLoss.class),
                parseDouble(p, "learningRate"),
                parseInt(p, "warmupSteps"),
                parseInt(p, "totalSteps"),
                parseDouble(p, "weightDecay"),
                parseLong(p, "seed"),
                imageShape(p));
    }

    private static ImageShape imageShape(Properties p) {
        int channels = p.getProperty(PREFIX + CHANNELS) == null ? ImageShape.DEFAULT.channels() : parseInt(p, CHANNELS);
        int side = p.getProperty(PREFIX + SIDE) == null ? ImageShape.DEFAULT.side() : parseInt(p, SIDE);
        try {
            return new ImageShape(channels, side);
        } catch (CurationException e) {
            throw new CurationException("model config field '" + (channels != 1 && channels != 3 ? CHANNELS : SIDE)
                    + "': " + e.getMessage());
        }
    }

    private static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new CurationException("model config field '" + field + "' " + message);
        }
    }

    private static String raw(Properties p, String field) {
        String v = p.getProperty(PREFIX + field);
        if (v == null || v.isBlank()) {
            throw new CurationException("model config field '" + field + "' is missing (property "
                    + PREFIX + field + ")");
        }
        return v.trim();
    }

    private static <E extends Enum<E>> E parseEnum(Properties p, String field, Class<E> type) {
        String v = raw(p, field);
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CurationException("model config field '" + field + "' must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()) + ", got '" + v + "'");
        }
    }

    private static int parseInt(Properties p, String field) {
        String v = raw(p, field);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new CurationException("model config field '" + field
                    + "' must be an integer, got '" + v + "'");
        }
    }

    private static long parseLong(Properties p, String field) {
        String v = raw(p, field);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new CurationException("model config field '" + field
                    + "' must be an integer, got '" + v + "'");
        }
    }

    private static double parseDouble(Properties p, String field) {
        String v = raw(p, field);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new CurationException("model config field '" + field
                    + "' must be a number, got '" + v + "'");
        }
    }
}
