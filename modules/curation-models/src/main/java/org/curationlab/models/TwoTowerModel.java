package org.curationlab.models;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.curationlab.data.CurationException;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * A two-tower contrastive image-text model (DESIGN §2): image tower (MLP or CNN), text tower
 * (token embeddings, masked mean pooling, MLP), L2-normalised embeddings, learned temperature
 * (and bias for the sigmoid loss), trained by Adam with warm-up and cosine decay. A CNN model
 * runs on libnd4j's kernels by default ({@link TowerEngine#KERNELS}: {@link CnnTower} and
 * {@link ContrastiveHead}, arrays kept across steps); an MLP model, or any model created with
 * {@link TowerEngine#SAMEDIFF}, runs as one SameDiff graph ({@link TwoTowerGraph}). Both compute
 * the same function from the same weights, so checkpoints do not record the engine.
 *
 * <p>Inputs follow the data contract: images are FLOAT [n, 784] (28×28) or [n, 196] (14×14)
 * in [0, 1]; tokens are INT32 [n, maxTokens] with 0 = padding (any numeric type holding
 * integers is accepted); row i of images goes with row i of tokens.
 *
 * <p>The optimiser is applied here rather than by {@code SameDiff.fit}: one gradient call gives
 * the gradients and the batch loss of the same forward pass (History's loss curve can report zeros in M2.1), the mixed-resolution graph can
 * share the weight arrays, and the checkpoint holds exactly the state that matters.
 * Not thread-safe.
 */
public final class TwoTowerModel {
    private static final double ADAM_BETA1 = 0.9;
    private static final double ADAM_BETA2 = 0.999;
    private static final double ADAM_EPSILON = 1e-8;

    private final ModelConfig config;
    /** Weight arrays, the very arrays the graphs hold, so in-place updates reach them. */
    private final Map<String, INDArray> params;
    /** Adam's [1, 2N] state (m then v) over all N weights, flattened in parameter order. */
    private final INDArray adamState;
    private final AdamUpdater updater;
    private final AdamLayout adamLayout;
    /** Only for {@link AdamLayout#PER_PARAMETER}: one updater, with its own state, per array. */
    private final Map<String, AdamUpdater> perParameterUpdaters;
    private long lastOptimiserNanos;
    private final long parameterCount;
    private final WarmupCosineSchedule schedule;
    private final List<String> paramNames;
    private final TowerEngine engine;
    /** The whole model as one graph ({@link TowerEngine#SAMEDIFF}); null for KERNELS. */
    private final SameDiff graph;
    private SameDiff multiResolutionGraph;
    /** The image tower and the rest of the model on kernels (KERNELS); null for SAMEDIFF. */
    private final CnnTower tower;
    private final ContrastiveHead head;
    private final Map<Integer, INDArray> eyeCache = new HashMap<>();
    private long step;

    private TwoTowerModel(ModelConfig config) {
        this(config, AdamLayout.FLATTENED, TowerEngine.defaultFor(config.imageTower()));
    }

    private TwoTowerModel(ModelConfig config, AdamLayout adamLayout, TowerEngine engine) {
        this.config = config;
        this.adamLayout = adamLayout;
        this.engine = engine;
        this.params = TowerParameters.initialise(config);
        this.paramNames = List.copyOf(params.keySet());
        if (engine == TowerEngine.KERNELS) {
            this.tower = new CnnTower(config, params);
            this.head = new ContrastiveHead(config, params);
            this.graph = null;
        } else {
            this.tower = null;
            this.head = null;
            this.graph = TwoTowerGraph.build(config, params, false);
            for (String name : paramNames) {
                params.put(name, graph.getArrForVarName(name)); // SameDiff may have copied it
            }
        }
        this.parameterCount = params.values().stream().mapToLong(INDArray::length).sum();
        this.schedule = new WarmupCosineSchedule(config.learningRate(), config.warmupSteps(),
                config.totalSteps());
        Adam adam = adamConfig(schedule);
        // One Adam state over the flattened gradient: one fused native op per step instead of
        // one per parameter (ND4J pays tens of microseconds per op).
        this.adamState = Nd4j.zeros(DataType.FLOAT, 1, 2 * parameterCount);
        this.updater = new AdamUpdater(adam);
        updater.setStateViewArray(adamState, new long[] {1, parameterCount}, 'c', true);
        if (adamLayout == AdamLayout.PER_PARAMETER) {
            // The unfused baseline: the same hyperparameters and schedule, a state per array.
            Map<String, AdamUpdater> perParameter = new HashMap<>();
            for (String name : paramNames) {
                INDArray p = params.get(name);
                AdamUpdater u = new AdamUpdater(adamConfig(schedule));
                u.setStateViewArray(Nd4j.zeros(DataType.FLOAT, 1, 2 * p.length()), p.shape(), 'c', true);
                perParameter.put(name, u);
            }
            this.perParameterUpdaters = perParameter;
        } else {
            this.perParameterUpdaters = null;
        }
    }

    private static Adam adamConfig(WarmupCosineSchedule schedule) {
        Adam adam = new Adam(schedule);
        adam.setBeta1(ADAM_BETA1);
        adam.setBeta2(ADAM_BETA2);
        adam.setEpsilon(ADAM_EPSILON);
        return adam;
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
     * {@link #create(ModelConfig)}. {@link TowerEngine#KERNELS} needs a CNN image tower.
     */
    public static TwoTowerModel create(ModelConfig config, TowerEngine engine) {
        if (config == null || engine == null) {
            throw new CurationException("model config and engine must not be null");
        }
        if (engine == TowerEngine.KERNELS && config.imageTower() != ImageTowerKind.CNN) {
            throw new CurationException("engine KERNELS runs a CNN image tower; config has imageTower="
                    + config.imageTower() + " (use engine SAMEDIFF)");
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

    /** Writes config, weights, Adam state and step to one zip file (atomically replaced). */
    public void save(Path file) {
        save(file, null);
    }

    /**
     * As {@link #save(Path)}, with a trainer's run state stored in the same file, so that one
     * rename commits both (read it back with {@link #readRunState(Path)}).
     */
    public void save(Path file, byte[] runState) {
        if (adamLayout != AdamLayout.FLATTENED) {
            throw new CurationException("a model with Adam layout " + adamLayout + " is a benchmark "
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
        ModelCheckpoint.write(file, config, step, params, optimiserState(), runState);
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
        return schedule.valueAt((int) step, 0);
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
        return parameterCount;
    }

    /** Number of parameter arrays: the updater ops per step of {@link AdamLayout#PER_PARAMETER}. */
    public int parameterArrayCount() {
        return paramNames.size();
    }

    public AdamLayout adamLayout() {
        return adamLayout;
    }

    /**
     * Wall time of the last train step's optimiser part (Adam, weight decay, weight update),
     * after the forward and backward pass; NaN before the first step. Kept so the benchmark
     * can show what the Adam layout changes apart from the rest of the step.
     */
    public double lastOptimiserMillis() {
        return step == 0 ? Double.NaN : lastOptimiserNanos / 1e6;
    }

    /** Image tower forward FLOPs per example at side 28 or 14 (see {@link FlopCount}). */
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
        return 3 * (forwardFlopsPerExample(resolution) + textForwardFlopsPerExample());
    }

    /** L2-normalised image embeddings [n, embedDim]; resolution from the column count. */
    public INDArray embedImages(INDArray images) {
        INDArray x = imageInput(images, "images");
        if (tower != null) {
            return head.imageEmbeddings(tower.forward(floats(images)));
        }
        Map<String, INDArray> ph = Map.of(TwoTowerGraph.IMAGES, x);
        return graph.output(ph, TwoTowerGraph.IMAGE_EMBEDDING).get(TwoTowerGraph.IMAGE_EMBEDDING);
    }

    /** L2-normalised text embeddings [n, embedDim]. */
    public INDArray embedTexts(INDArray tokens) {
        if (head != null) {
            return head.textEmbeddings(tokenBag(tokens, "tokens"));
        }
        Map<String, INDArray> ph = Map.of(TwoTowerGraph.TOKEN_BAG, tokenBag(tokens, "tokens"));
        return graph.output(ph, TwoTowerGraph.TEXT_EMBEDDING).get(TwoTowerGraph.TEXT_EMBEDDING);
    }

    /** Pair logits and pair losses of a batch in one forward pass, without training. */
    public PairScores pairScores(INDArray images, INDArray tokens) {
        Map<String, INDArray> ph = placeholders(images, tokens);
        if (tower != null) {
            return head.scores(tower.forward(floats(images)), ph.get(TwoTowerGraph.TOKEN_BAG));
        }
        boolean sigmoid = config.loss() == ContrastiveLoss.SIGMOID;
        String[] outputs = sigmoid
                ? new String[] {TwoTowerGraph.LOGITS, TwoTowerGraph.PAIR_LOSS,
                    TwoTowerGraph.EXAMPLE_LOSS, TwoTowerGraph.LOSS}
                : new String[] {TwoTowerGraph.LOGITS, TwoTowerGraph.EXAMPLE_LOSS, TwoTowerGraph.LOSS};
        Map<String, INDArray> out = graph.output(ph, outputs);
        INDArray exampleLoss = out.get(TwoTowerGraph.EXAMPLE_LOSS).reshape(images.rows());
        INDArray pairLoss = sigmoid ? out.get(TwoTowerGraph.PAIR_LOSS) : Nd4j.diag(exampleLoss);
        return new PairScores(out.get(TwoTowerGraph.LOGITS), pairLoss, exampleLoss,
                out.get(TwoTowerGraph.LOSS).getDouble(0));
    }

    /** One Adam step on a batch of matched pairs; returns the batch loss before the update. */
    public double trainStep(INDArray images, INDArray tokens) {
        return applyOptimiser(lossAndGradients(images, tokens));
    }

    /**
     * One Adam step on a mixed-resolution batch (Flexi-JEST's multi-resolution training): the
     * 28×28 rows and the 14×14 rows go through the same CNN weights and their embeddings are
     * concatenated, so {@code tokens} holds the captions of the 28-rows followed by those of
     * the 14-rows, and every image is contrasted with every caption of the whole batch.
     */
    public double trainStep(INDArray images28, INDArray images14, INDArray tokens) {
        return applyOptimiser(lossAndGradients(images28, images14, tokens));
    }

    /** The batch loss and the gradient of every parameter by name; the weights do not change. */
    LossAndGradients lossAndGradients(INDArray images, INDArray tokens) {
        Map<String, INDArray> ph = placeholders(images, tokens);
        if (tower == null) {
            return wholeGraphGradients(graph, ph);
        }
        INDArray x = floats(images);
        ContrastiveHead.Gradients h = head.lossAndGradients(tower.forward(x), ph.get(TwoTowerGraph.TOKEN_BAG));
        Map<String, INDArray> gradients = new HashMap<>(h.parameters());
        gradients.putAll(tower.backward(x, h.features()));
        return new LossAndGradients(checkedLoss(h.loss()), gradients);
    }

    /** As {@link #lossAndGradients(INDArray, INDArray)} for a mixed-resolution batch. */
    LossAndGradients lossAndGradients(INDArray images28, INDArray images14, INDArray tokens) {
        if (config.imageTower() != ImageTowerKind.CNN) {
            throw new CurationException("multi-resolution training needs a CNN image tower (the "
                    + "MLP takes only 28×28 input); config has imageTower=" + config.imageTower());
        }
        requireColumns(images28, ImageResolution.FULL, "images28");
        requireColumns(images14, ImageResolution.HALF, "images14");
        if (images28.rows() < 1 || images14.rows() < 1) {
            throw new CurationException("a mixed-resolution batch needs at least one image at each resolution, got "
                    + images28.rows() + " at 28×28 and " + images14.rows() + " at 14×14 (--multi-res rounds to one of them)");
        }
        long n = images28.rows() + images14.rows();
        if (tokens.rank() != 2 || tokens.rows() != n) {
            throw new CurationException("tokens must have images28.rows + images14.rows = " + n
                    + " rows (28-rows first), got shape " + Arrays.toString(tokens.shape()));
        }
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(TwoTowerGraph.TOKEN_BAG, tokenBag(tokens, "tokens"));
        ph.put(TwoTowerGraph.EYE, eye(Math.toIntExact(n)));
        if (tower == null) {
            if (multiResolutionGraph == null) {
                multiResolutionGraph = TwoTowerGraph.build(config, params, true);
                shareArrays(multiResolutionGraph);
            }
            ph.put(TwoTowerGraph.IMAGES, imageInput(images28, "images28"));
            ph.put(TwoTowerGraph.IMAGES_LOW, imageInput(images14, "images14"));
            return wholeGraphGradients(multiResolutionGraph, ph);
        }
        // Each resolution runs in its own tower pass; the head sees the features stacked,
        // 28-rows first, as the whole graph's concat does, and the tower's gradients add up.
        INDArray x28 = floats(images28);
        INDArray x14 = floats(images14);
        INDArray features = Nd4j.concat(0, tower.forward(x28), tower.forward(x14));
        ContrastiveHead.Gradients h = head.lossAndGradients(features, ph.get(TwoTowerGraph.TOKEN_BAG));
        INDArray featureGrad = h.features();
        long n28 = x28.rows();
        Map<String, INDArray> gradients = new HashMap<>(h.parameters());
        tower.backward(x28, featureGrad.get(NDArrayIndex.interval(0, n28), NDArrayIndex.all()))
                .forEach((name, g) -> gradients.put(name, g.dup())); // the next pass reuses g
        tower.backward(x14, featureGrad.get(NDArrayIndex.interval(n28, n), NDArrayIndex.all()))
                .forEach((name, g) -> gradients.get(name).addi(g));
        return new LossAndGradients(checkedLoss(h.loss()), gradients);
    }

    /** A batch loss and the gradients of the parameters, by name, at the current weights. */
    record LossAndGradients(double loss, Map<String, INDArray> gradients) {
    }

    private LossAndGradients wholeGraphGradients(SameDiff sd, Map<String, INDArray> placeholders) {
        OutAndGrad result = sd.calculateGradientsAndOutputs(placeholders,
                Collections.singletonList(TwoTowerGraph.LOSS), paramNames);
        return new LossAndGradients(checkedLoss(result.getOutputs().get(TwoTowerGraph.LOSS).getDouble(0)),
                result.getGradients());
    }

    private double checkedLoss(double loss) {
        if (!Double.isFinite(loss)) {
            throw new CurationException("training diverged at step " + step + ": loss " + loss
                    + " (lower model.learningRate, now " + config.learningRate() + ")");
        }
        return loss;
    }

    /** Adam (and decoupled weight decay) on the weights; returns the step's loss. */
    private double applyOptimiser(LossAndGradients result) {
        Map<String, INDArray> gradients = result.gradients();
        int iteration = Math.toIntExact(step);
        double decay = config.weightDecay() * schedule.valueAt(iteration, 0);
        long t0 = System.nanoTime();
        if (adamLayout == AdamLayout.FLATTENED) {
            applyFlattened(gradients, iteration, decay);
        } else {
            applyPerParameter(gradients, iteration, decay);
        }
        lastOptimiserNanos = System.nanoTime() - t0;
        step++;
        return result.loss();
    }

    private void applyFlattened(Map<String, INDArray> gradients, int iteration, double decay) {
        List<INDArray> ordered = new ArrayList<>(paramNames.size());
        for (String name : paramNames) {
            ordered.add(gradients.get(name));
        }
        INDArray update = Nd4j.toFlattened('c', ordered).reshape(1, parameterCount);
        updater.applyUpdater(update, iteration, 0); // the gradient becomes Adam's update
        long offset = 0;
        for (String name : paramNames) {
            INDArray p = params.get(name);
            if (decay > 0 && TowerParameters.decays(name)) {
                p.muli(1.0 - decay); // decoupled (AdamW) decay; not biases or temperature
            }
            p.subi(update.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + p.length()))
                    .reshape('c', p.shape()));
            offset += p.length();
        }
    }

    /** The unfused baseline: per array, one updater op, then the same decay and update. */
    private void applyPerParameter(Map<String, INDArray> gradients, int iteration, double decay) {
        for (String name : paramNames) {
            INDArray p = params.get(name);
            INDArray update = gradients.get(name);
            perParameterUpdaters.get(name).applyUpdater(update, iteration, 0); // in place
            if (decay > 0 && TowerParameters.decays(name)) {
                p.muli(1.0 - decay);
            }
            p.subi(update);
        }
    }

    /** Makes a second graph hold the very weight arrays of the first, so both see updates. */
    private void shareArrays(SameDiff sd) {
        for (String name : paramNames) {
            if (sd.getArrForVarName(name) != params.get(name)) {
                sd.setArrayForVariable(name, params.get(name));
            }
            if (sd.getArrForVarName(name) != params.get(name)) {
                throw new IllegalStateException("SameDiff copied parameter " + name);
            }
        }
    }

    // Package-private hooks for ModelCheckpoint.
    Map<String, INDArray> parameters() {
        return Collections.unmodifiableMap(params);
    }

    Map<String, INDArray> optimiserState() {
        return Map.of("adam", adamState);
    }

    void restoreStep(long restored) {
        this.step = restored;
    }

    private static INDArray floats(INDArray images) {
        return images.dataType() == DataType.FLOAT ? images : images.castTo(DataType.FLOAT);
    }

    private Map<String, INDArray> placeholders(INDArray images, INDArray tokens) {
        if (images == null || tokens == null || images.rank() != 2 || tokens.rank() != 2
                || images.rows() != tokens.rows()) {
            throw new CurationException("images [n, 784|196] and tokens [n, " + config.maxTokens()
                    + "] must have the same number of rows, got "
                    + (images == null ? "null" : Arrays.toString(images.shape())) + " and "
                    + (tokens == null ? "null" : Arrays.toString(tokens.shape())));
        }
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(TwoTowerGraph.IMAGES, imageInput(images, "images")); // validates for both engines
        ph.put(TwoTowerGraph.TOKEN_BAG, tokenBag(tokens, "tokens"));
        ph.put(TwoTowerGraph.EYE, eye(Math.toIntExact(images.rows())));
        return ph;
    }

    private void requireColumns(INDArray images, ImageResolution res, String what) {
        if (images == null || images.rank() != 2 || images.columns() != res.pixels()) {
            throw new CurationException(what + " must have shape [n, " + res.pixels() + "], got "
                    + (images == null ? "null" : Arrays.toString(images.shape())));
        }
    }

    /** [n, 784] for the MLP, [n, 1, side, side] NCHW for the CNN. */
    private INDArray imageInput(INDArray images, String what) {
        if (images == null || images.rank() != 2) {
            throw new CurationException(what + " must be a [n, 784] or [n, 196] matrix, got "
                    + (images == null ? "null" : Arrays.toString(images.shape())));
        }
        ImageResolution res = ImageResolution.ofColumns(images.columns());
        INDArray x = images.dataType() == DataType.FLOAT ? images : images.castTo(DataType.FLOAT);
        if (config.imageTower() == ImageTowerKind.MLP) {
            if (res != ImageResolution.FULL) {
                throw new CurationException(what + " are 14×14 ([n, 196]) but the MLP image tower "
                        + "takes only 28×28 ([n, 784]); use imageTower=CNN for half resolution");
            }
            return x;
        }
        if (!x.isView() && x.ordering() == 'c') {
            return x.reshape('c', x.rows(), 1, res.side(), res.side());
        }
        return x.dup('c').reshape('c', x.rows(), 1, res.side(), res.side());
    }

    /**
     * Row i: 1/len_i at each of caption i's non-pad tokens (counted with multiplicity), so that
     * bag·E is the masked mean of the token embeddings. An all-padding caption gives a zero row.
     */
    private INDArray tokenBag(INDArray tokens, String what) {
        if (tokens == null || tokens.rank() != 2 || tokens.columns() != config.maxTokens()) {
            throw new CurationException(what + " must have shape [n, " + config.maxTokens()
                    + "] (model.maxTokens), got "
                    + (tokens == null ? "null" : Arrays.toString(tokens.shape())));
        }
        int n = Math.toIntExact(tokens.rows());
        int len = Math.toIntExact(tokens.columns());
        int vocab = config.vocabSize();
        double[] ids = tokens.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        float[] bag = new float[n * vocab];
        for (int i = 0; i < n; i++) {
            int count = 0;
            for (int j = 0; j < len; j++) {
                double id = ids[i * len + j];
                if (id != Math.rint(id) || id < 0 || id >= vocab) {
                    throw new CurationException(what + "[" + i + ", " + j + "] = " + id
                            + " is not a token id in [0, " + vocab + ") (model.vocabSize)");
                }
                if (id != 0) {
                    count++;
                }
            }
            for (int j = 0; j < len && count > 0; j++) {
                int id = (int) ids[i * len + j];
                if (id != 0) {
                    bag[i * vocab + id] += 1.0f / count;
                }
            }
        }
        return Nd4j.create(bag, new long[] {n, vocab}, 'c');
    }

    private INDArray eye(int n) {
        if (n < 2) {
            throw new CurationException("a contrastive batch needs at least 2 pairs, got " + n);
        }
        return eyeCache.computeIfAbsent(n, k -> Nd4j.eye(k).castTo(DataType.FLOAT));
    }

    /** Parameter names in their fixed order (checkpoint and init order). */
    List<String> parameterNames() {
        return new ArrayList<>(paramNames);
    }
}
