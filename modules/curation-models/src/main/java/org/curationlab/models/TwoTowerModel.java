package org.curationlab.models;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.curationlab.data.CurationException;
import org.curationlab.data.pairs.CaptionTokenizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A two-tower contrastive image-text model (docs/models.md), composed of an image tower chosen by
 * {@link ImageTowerKind} (its parameters, graph, FLOPs and ladder live in its {@link ImageTower}
 * type), the text tower, L2-normalised embeddings and learned temperature (and bias for the
 * sigmoid loss), and the optimiser ({@link AdamOptimiser}: Adam with warm-up and cosine decay).
 * It runs on an engine ({@link TowerEngine}): a tower's own kernels by default when it has them
 * ({@link KernelsEngine}: the CNN), else the whole model as one SameDiff graph
 * ({@link TwoTowerGraph}). Both compute the same function from the same weights, so checkpoints
 * do not record the engine.
 *
 * <p>Inputs follow the data contract: images are FLOAT [n, C·s·s] in [0, 1], channel-major, of the
 * config's {@link ImageShape} (C×s×s, 1×28×28 by default: [n, 784]) or at half its side ([n, 196]); tokens are INT32 [n, maxTokens] with 0 = padding (any numeric type holding
 * integers is accepted); row i of images goes with row i of tokens. They are checked here, so
 * the engines see only well-formed batches. Not thread-safe.
 */
public final class TwoTowerModel {
    private final ModelConfig config;
    /** Weight arrays by name in checkpoint order: the very arrays the engine holds and the optimiser updates. */
    private final Map<String, INDArray> params;
    private final List<String> paramNames;
    private final TowerEngine engine;
    private final ModelEngine compute;
    private final AdamOptimiser optimiser;
    /** Whether train steps and pair logits run in a {@link StepWorkspace}: when the engine allows it (the CNN's and the ViT's kernels). */
    private boolean stepInWorkspace;
    private long step;
    /** The free-text captions' tokenizer, saved with the model; null for the synthetic world's fixed vocabulary. */
    private CaptionTokenizer tokenizer;

    private TwoTowerModel(ModelConfig config) {
        this(config, AdamLayout.FLATTENED, TowerEngine.defaultFor(config.imageTower()));
    }

    private TwoTowerModel(ModelConfig config, AdamLayout adamLayout, TowerEngine engine) {
        this.config = config;
        this.engine = engine;
        this.params = TowerParameters.initialise(config);
        this.paramNames = List.copyOf(params.keySet());
        this.compute = engine.start(config, params);
        this.optimiser = new AdamOptimiser(config, params, adamLayout);
        this.stepInWorkspace = compute.stepInWorkspace();
    }

    /** A freshly initialised model; the same config (seed included) gives identical weights. */
    public static TwoTowerModel create(ModelConfig config) {
        if (config == null) {
            throw new CurationException("model config must not be null");
        }
        return new TwoTowerModel(config);
    }

    /**
     * A freshly initialised model whose optimiser step uses the given layout; the weights are
     * those of {@link #create(ModelConfig)}. Only {@code curate bench} needs anything but
     * {@link AdamLayout#FLATTENED}: see {@link AdamLayout#PER_PARAMETER}.
     */
    public static TwoTowerModel create(ModelConfig config, AdamLayout adamLayout) {
        if (config == null || adamLayout == null) {
            throw new CurationException("model config and Adam layout must not be null");
        }
        return new TwoTowerModel(config, adamLayout, TowerEngine.defaultFor(config.imageTower()));
    }

    /**
     * A freshly initialised model run by the given engine; the weights are those of
     * {@link #create(ModelConfig)}. {@link TowerEngine#KERNELS} needs a tower with kernels (the CNN).
     */
    public static TwoTowerModel create(ModelConfig config, TowerEngine engine) {
        if (config == null || engine == null) {
            throw new CurationException("model config and engine must not be null");
        }
        if (engine == TowerEngine.KERNELS && !config.imageTower().tower().hasKernels()) {
            throw new CurationException("engine KERNELS runs an image tower on its own kernels, which the "
                    + config.imageTower() + " tower does not have (use engine SAMEDIFF)");
        }
        return new TwoTowerModel(config, AdamLayout.FLATTENED, engine);
    }

    public TowerEngine engine() {
        return engine;
    }

    /** Restores a model saved by {@link #save(Path)}, optimiser state and step included. */
    public static TwoTowerModel load(Path file) {
        return ModelCheckpoint.read(file, TwoTowerModel::new);
    }

    /** The config of a checkpoint (image shape included), without loading its weights. */
    public static ModelConfig readConfig(Path file) {
        return ModelCheckpoint.readConfig(file);
    }

    /** The caption tokenizer saved in a checkpoint, if it has one, without loading its weights. */
    public static Optional<CaptionTokenizer> readTokenizer(Path file) {
        return Optional.ofNullable(ModelCheckpoint.readTokenizer(file));
    }

    /**
     * Attaches the tokenizer the model's captions are encoded with, so that every later
     * {@link #save} stores it and {@link #load} gives it back. Its vocabulary and caption length
     * must be the config's (V and L): one line names what differs.
     */
    public void attachTokenizer(CaptionTokenizer newTokenizer) {
        if (newTokenizer == null) {
            throw new CurationException("tokenizer must not be null");
        }
        if (newTokenizer.vocabSize() != config.vocabSize() || newTokenizer.maxTokens() != config.maxTokens()) {
            throw new CurationException("the tokenizer has " + newTokenizer.vocabSize() + " words and "
                    + newTokenizer.maxTokens() + " tokens per caption but the model was made for model.vocabSize="
                    + config.vocabSize() + " and model.maxTokens=" + config.maxTokens());
        }
        this.tokenizer = newTokenizer;
    }

    /** The tokenizer attached or loaded with the model; empty for the synthetic world's vocabulary. */
    public Optional<CaptionTokenizer> tokenizer() {
        return Optional.ofNullable(tokenizer);
    }

    /** Writes config, weights, Adam state and step to one zip file (atomically replaced). */
    public void save(Path file) {
        save(file, null);
    }

    /**
     * As {@link #save(Path)}, with a trainer's run state stored in the same file, so that one
     * rename commits both (read it back with {@link #readRunState(Path)}).
     */
    public void save(Path file, byte[] runState) {
        if (optimiser.layout() != AdamLayout.FLATTENED) {
            throw new CurationException("a model with Adam layout " + optimiser.layout() + " is a benchmark "
                    + "baseline and cannot be saved: checkpoints hold the flattened Adam state");
        }
        // A diverged update would otherwise be checkpointed and evaluated (NaN embeddings rank
        // every pair alike) before anything noticed: refuse to commit it.
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            if (e.getValue().isNaN().any() || e.getValue().isInfinite().any()) {
                throw new CurationException("training diverged at step " + step + ": weights " + e.getKey()
                        + " are not finite, so " + file + " is not written (lower model.learningRate, now "
                        + config.learningRate() + ")");
            }
        }
        ModelCheckpoint.write(file, config, step, params, optimiserState(), runState, tokenizer);
    }

    /** The run state saved with the checkpoint, or null for a checkpoint saved without one. */
    public static byte[] readRunState(Path file) {
        return ModelCheckpoint.readRunState(file);
    }

    public ModelConfig config() {
        return config;
    }

    /** Train steps taken so far (the schedule's and Adam's iteration counter). */
    public long step() {
        return step;
    }

    /** The learning rate the next train step will use. */
    public double learningRate() {
        return optimiser.learningRate(step);
    }

    /** The learned temperature t = exp(t'). */
    public double temperature() {
        return Math.exp(params.get(TowerParameters.LOGIT_SCALE).getDouble(0));
    }

    /** The learned logit bias b (always 0 for the softmax loss, which has none). */
    public double bias() {
        INDArray b = params.get(TowerParameters.LOGIT_BIAS);
        return b == null ? 0.0 : b.getDouble(0);
    }

    public long parameterCount() {
        return optimiser.parameterCount();
    }

    /** Number of parameter arrays: the updater ops per step of {@link AdamLayout#PER_PARAMETER}. */
    public int parameterArrayCount() {
        return paramNames.size();
    }

    public AdamLayout adamLayout() {
        return optimiser.layout();
    }

    /**
     * Wall time of the last train step's optimiser part (Adam, weight decay, weight update),
     * after the forward and backward pass; NaN before the first step. Kept so the benchmark
     * can show what the Adam layout changes apart from the rest of the step.
     */
    public double lastOptimiserMillis() {
        return step == 0 ? Double.NaN : optimiser.lastNanos() / 1e6;
    }

    /** Image tower forward FLOPs per example at the config's side or half of it (28 or 14 for 1×28×28; see {@link FlopCount}). */
    public long forwardFlopsPerExample(int resolution) {
        return FlopCount.imageForward(config, resolution);
    }

    public long textForwardFlopsPerExample() {
        return FlopCount.textForward(config);
    }

    /** Per-example share of the B×B logits, 2·B·embedDim; batch-dependent so kept apart. */
    public long logitsFlopsPerExample(int batchSize) {
        return FlopCount.logitsPerExample(config, batchSize);
    }

    /**
     * Training FLOPs per example, both towers, excluding the logits: 3 × forward (the backward
     * pass counted as twice the forward).
     */
    public long trainFlopsPerExample(int resolution) {
        return FlopCount.trainPerExample(config, config.imageShape().resolutionOfSide(resolution));
    }

    /** L2-normalised image embeddings [n, embedDim]; resolution from the column count. */
    public INDArray embedImages(INDArray images) {
        ImageResolution res = resolution(images, "images");
        return compute.imageEmbeddings(floats(images), res);
    }

    /** L2-normalised text embeddings [n, embedDim]. */
    public INDArray embedTexts(INDArray tokens) {
        return compute.textEmbeddings(TokenBag.of(tokens, config, "tokens"));
    }

    /** Pair logits and pair losses of a batch in one forward pass, without training. */
    public PairScores pairScores(INDArray images, INDArray tokens) {
        Pairs b = pairs(images, tokens);
        return compute.scores(b.images(), b.resolution(), b.bag());
    }

    /**
     * The pair logits of {@link #pairScores(INDArray, INDArray)}, bit for bit, without its pair losses:
     * JEST's learner scoring of a super-batch reads only the logits.
     */
    public INDArray pairLogits(INDArray images, INDArray tokens) {
        return scored(() -> {
            Pairs b = pairs(images, tokens);
            return compute.logits(b.images(), b.resolution(), b.bag());
        });
    }

    /** One Adam step on a batch of matched pairs; returns the batch loss before the update. */
    public double trainStep(INDArray images, INDArray tokens) {
        return step(() -> lossAndGradients(images, tokens));
    }

    /**
     * One Adam step on a mixed-resolution batch (Flexi-JEST's multi-resolution training): the
     * 28×28 rows and the 14×14 rows go through the same image tower weights and their
     * embeddings are concatenated, so {@code tokens} holds the captions of the 28-rows followed
     * by those of the 14-rows, and every image is contrasted with every caption of the whole batch.
     */
    public double trainStep(INDArray images28, INDArray images14, INDArray tokens) {
        return step(() -> lossAndGradients(images28, images14, tokens));
    }

    /** The batch loss and the gradient of every parameter by name; the weights do not change. */
    LossAndGradients lossAndGradients(INDArray images, INDArray tokens) {
        Pairs b = pairs(images, tokens);
        return checked(compute.lossAndGradients(b.images(), b.resolution(), b.bag()));
    }

    /** As {@link #lossAndGradients(INDArray, INDArray)} for a mixed-resolution batch. */
    LossAndGradients lossAndGradients(INDArray images28, INDArray images14, INDArray tokens) {
        if (!config.imageTower().accepts(ImageResolution.HALF)) {
            throw new CurationException("multi-resolution training needs an image tower that takes half-resolution input "
                    + "(the CNN); config has imageTower=" + config.imageTower());
        }
        requireColumns(images28, ImageResolution.FULL, "images28");
        requireColumns(images14, ImageResolution.HALF, "images14");
        if (images28.rows() < 1 || images14.rows() < 1) {
            throw new CurationException("a mixed-resolution batch needs at least one image at each resolution, got "
                    + images28.rows() + " at " + shape(ImageResolution.FULL) + " and " + images14.rows() + " at "
                    + shape(ImageResolution.HALF) + " (--multi-res rounds to one of them)");
        }
        long n = images28.rows() + images14.rows();
        if (tokens.rank() != 2 || tokens.rows() != n) {
            throw new CurationException("tokens must have images28.rows + images14.rows = " + n
                    + " rows (28-rows first), got shape " + Arrays.toString(tokens.shape()));
        }
        return checked(compute.lossAndGradients(floats(images28), floats(images14),
                TokenBag.of(tokens, config, "tokens")));
    }

    /**
     * The patch sizes the image tower runs the config's images at with the same weights (FlexiViT), its
     * base patch first (what the patch-less calls use); empty for a tower without patches.
     */
    public List<Integer> patchSizes() {
        return config.imageTower().patchSizes(config.imageShape());
    }

    /** Image tower forward FLOPs per example of full-resolution images at a patch size (see {@link FlopCount}). */
    public long forwardFlopsPerExampleAtPatch(int patch) {
        return FlopCount.imageForwardAtPatch(config, patch);
    }

    /** L2-normalised embeddings [n, embedDim] of full-resolution images at a patch size of {@link #patchSizes}. */
    public INDArray embedImages(INDArray images, int patch) {
        requirePatch(patch);
        requireColumns(images, ImageResolution.FULL, "images");
        return compute.imageEmbeddings(floats(images), patch);
    }

    /**
     * Pair logits and losses of full-resolution images at a patch size: with a larger patch than the base,
     * Flexi-JEST's cheap scoring by the same weights.
     */
    public PairScores pairScores(INDArray images, INDArray tokens, int patch) {
        requirePatch(patch);
        Pairs b = pairs(images, tokens);
        requireColumns(images, ImageResolution.FULL, "images");
        return compute.scores(b.images(), patch, b.bag());
    }

    /** The pair logits of {@link #pairScores(INDArray, INDArray, int)}, bit for bit, without its pair losses. */
    public INDArray pairLogits(INDArray images, INDArray tokens, int patch) {
        requirePatch(patch);
        return scored(() -> {
            Pairs b = pairs(images, tokens);
            requireColumns(images, ImageResolution.FULL, "images");
            return compute.logits(b.images(), patch, b.bag());
        });
    }

    /** One Adam step on a batch of full-resolution images at a patch size; the base weights learn from any. */
    public double trainStep(INDArray images, INDArray tokens, int patch) {
        return step(() -> lossAndGradients(images, tokens, patch));
    }

    /**
     * One Adam step on a batch in two parts at two patch sizes (Flexi-JEST's mixed training: part of
     * the batch at a larger patch): {@code tokens} holds the captions of the first part's rows, then
     * the second's, and every image is contrasted with every caption of the whole batch.
     */
    public double trainStep(INDArray images, int patch, INDArray otherImages, int otherPatch, INDArray tokens) {
        return step(() -> lossAndGradients(new INDArray[] {images, otherImages}, new int[] {patch, otherPatch}, tokens));
    }

    /** As {@link #lossAndGradients(INDArray, INDArray)} at a patch size. */
    LossAndGradients lossAndGradients(INDArray images, INDArray tokens, int patch) {
        requirePatch(patch);
        Pairs b = pairs(images, tokens);
        requireColumns(images, ImageResolution.FULL, "images");
        return checked(compute.lossAndGradients(new INDArray[] {b.images()}, new int[] {patch}, b.bag()));
    }

    /** As {@link #lossAndGradients(INDArray, INDArray)} for a batch in parts at distinct patch sizes. */
    LossAndGradients lossAndGradients(INDArray[] images, int[] patches, INDArray tokens) {
        long n = 0;
        for (int i = 0; i < images.length; i++) {
            requirePatch(patches[i]);
            requireColumns(images[i], ImageResolution.FULL, "images at patch " + patches[i]);
            if (images[i].rows() < 1) {
                throw new CurationException("every part of a mixed-patch batch needs at least one image; the part at patch "
                        + patches[i] + " has none");
            }
            for (int j = 0; j < i; j++) {
                if (patches[j] == patches[i]) {
                    throw new CurationException("a mixed-patch batch needs distinct patch sizes, got " + patches[i] + " twice");
                }
            }
            n += images[i].rows();
        }
        if (tokens == null || tokens.rank() != 2 || tokens.rows() != n) {
            throw new CurationException("tokens must have one row per image of all parts, " + n + " (parts in order), got shape "
                    + (tokens == null ? "null" : Arrays.toString(tokens.shape())));
        }
        if (n < 2) {
            throw new CurationException("a contrastive batch needs at least 2 pairs, got " + n);
        }
        INDArray[] floatImages = new INDArray[images.length];
        for (int i = 0; i < images.length; i++) {
            floatImages[i] = floats(images[i]);
        }
        return checked(compute.lossAndGradients(floatImages, patches.clone(), TokenBag.of(tokens, config, "tokens")));
    }

    /** A patch size the image tower runs at, or one line naming those it does. */
    private void requirePatch(int patch) {
        List<Integer> sizes = patchSizes();
        if (sizes.isEmpty()) {
            throw new CurationException("the " + config.imageTower() + " image tower has no patches; a patch size needs "
                    + "imageTower=VIT");
        }
        if (!sizes.contains(patch)) {
            throw new CurationException("patch size " + patch + " does not tile the " + shape(ImageResolution.FULL) + " image for the "
                    + config.imageTower() + " tower; use one of " + sizes.stream().sorted().toList());
        }
    }

    /** A batch loss and the gradients of the parameters, by name, at the current weights. */
    record LossAndGradients(double loss, Map<String, INDArray> gradients) {
    }

    private LossAndGradients checked(LossAndGradients result) {
        if (!Double.isFinite(result.loss())) {
            throw new CurationException("training diverged at step " + step + ": loss " + result.loss()
                    + " (lower model.learningRate, now " + config.learningRate() + ")");
        }
        return result;
    }

    /**
     * One train step: the loss and gradients, then the optimiser, with every temporary in the
     * {@link StepWorkspace} when the engine allows it (its native memory reused from step to step
     * rather than left for the garbage collector); the same ops and values either way.
     */
    private double step(Supplier<LossAndGradients> lossAndGradients) {
        if (!stepInWorkspace) {
            return applyOptimiser(lossAndGradients.get());
        }
        try (MemoryWorkspace ignored = StepWorkspace.open()) {
            return applyOptimiser(lossAndGradients.get());
        }
    }

    /**
     * JEST's learner scoring, called once a step on a super-batch: its temporaries in the
     * {@link StepWorkspace} as a train step's, the logits copied out of it (the same values).
     */
    private INDArray scored(Supplier<INDArray> logits) {
        if (!stepInWorkspace) {
            return logits.get();
        }
        try (MemoryWorkspace ignored = StepWorkspace.open()) {
            return logits.get().detach();
        }
    }

    /** Whether train steps (and the learner's pair logits) run in the {@link StepWorkspace}. */
    boolean stepsInWorkspace() {
        return stepInWorkspace;
    }

    /** Runs the train steps and pair logits outside the {@link StepWorkspace} even where the engine allows it: tests compare the two. */
    TwoTowerModel withoutStepWorkspace() {
        this.stepInWorkspace = false;
        return this;
    }

    /** Adam (and decoupled weight decay) on the weights; returns the step's loss. */
    private double applyOptimiser(LossAndGradients result) {
        optimiser.apply(result.gradients(), step);
        step++;
        return result.loss();
    }

    // Package-private hooks for ModelCheckpoint.
    Map<String, INDArray> parameters() {
        return Collections.unmodifiableMap(params);
    }

    Map<String, INDArray> optimiserState() {
        return Map.of("adam", optimiser.state());
    }

    void restoreStep(long restored) {
        this.step = restored;
    }

    /** Parameter names in their fixed order (checkpoint and init order). */
    List<String> parameterNames() {
        return new ArrayList<>(paramNames);
    }

    private static INDArray floats(INDArray images) {
        return images.dataType() == DataType.FLOAT ? images : images.castTo(DataType.FLOAT);
    }

    /** A checked batch of matched pairs: FLOAT images, their resolution, the captions' token bags. */
    private record Pairs(INDArray images, ImageResolution resolution, INDArray bag) {
    }

    /** Images and tokens of a batch of at least two matched pairs, checked as the engines expect them. */
    private Pairs pairs(INDArray images, INDArray tokens) {
        if (images == null || tokens == null || images.rank() != 2 || tokens.rank() != 2
                || images.rows() != tokens.rows()) {
            throw new CurationException("images [n, " + config.imageShape().columns(ImageResolution.FULL) + "|"
                    + config.imageShape().columns(ImageResolution.HALF) + "] and tokens [n, " + config.maxTokens()
                    + "] must have the same number of rows, got "
                    + (images == null ? "null" : Arrays.toString(images.shape())) + " and "
                    + (tokens == null ? "null" : Arrays.toString(tokens.shape())));
        }
        ImageResolution res = resolution(images, "images");
        INDArray bag = TokenBag.of(tokens, config, "tokens");
        if (images.rows() < 2) {
            throw new CurationException("a contrastive batch needs at least 2 pairs, got " + images.rows());
        }
        return new Pairs(floats(images), res, bag);
    }

    private void requireColumns(INDArray images, ImageResolution res, String what) {
        int columns = config.imageShape().columns(res);
        if (images == null || images.rank() != 2 || images.columns() != columns) {
            throw new CurationException(what + " must have shape [n, " + columns + "] (" + shape(res) + "), got "
                    + (images == null ? "null" : Arrays.toString(images.shape())));
        }
    }

    /** The resolution of a [n, C·s·s] or [n, C·(s/2)²] batch, which the image tower must take. */
    private ImageResolution resolution(INDArray images, String what) {
        ImageShape shape = config.imageShape();
        int full = shape.columns(ImageResolution.FULL);
        int half = shape.columns(ImageResolution.HALF);
        if (images == null || images.rank() != 2) {
            throw new CurationException(what + " must be a [n, " + full + "] or [n, " + half + "] matrix, got "
                    + (images == null ? "null" : Arrays.toString(images.shape())));
        }
        ImageResolution res = shape.resolutionOfColumns(images.columns());
        if (!config.imageTower().accepts(res)) {
            throw new CurationException(what + " are " + shape(res) + " ([n, " + half
                    + "]) but the " + config.imageTower() + " image tower takes only " + shape(ImageResolution.FULL)
                    + " ([n, " + full + "]); use imageTower=CNN for half resolution");
        }
        return res;
    }

    /** C×s×s of the config's images at a resolution, for messages. */
    private String shape(ImageResolution res) {
        return config.imageShape().at(res);
    }
}
