package org.curationlab.models;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The SameDiff engine of a {@link TwoTowerModel} ({@link TowerEngine#SAMEDIFF}): the whole model
 * as one graph of placeholders, image tower ({@link ImageTower#graph}), text tower and loss.
 * The kernels engine ({@link KernelsEngine}) computes the same function and is tested against
 * this graph. Built once per model (twice for a CNN trained at mixed resolution, the two graphs
 * sharing the same weight arrays), never per step. Few large ops: the whole text pooling is one matmul and all B×B
 * logits are one matmul, because ND4J pays tens of microseconds per op.
 */
final class TwoTowerGraph implements ModelEngine {
    /** Image placeholder, in the shape the tower asks ({@link ImageTower#placeholder}). */
    static final String IMAGES = "img";
    /** Second image placeholder of the multi-resolution graph (the half-resolution part). */
    static final String IMAGES_LOW = "imgLow";
    /** [n, V] normalised token counts: row i holds 1/len_i at each non-pad token of caption i. */
    static final String TOKEN_BAG = "bag";
    /** [B, B] identity: marks the matched pairs (y = +1) and gives B to the loss. */
    static final String EYE = "eye";

    static final String IMAGE_EMBEDDING = "imgEmb";
    static final String TEXT_EMBEDDING = "txtEmb";
    static final String LOGITS = "logits";
    static final String PAIR_LOSS = "pairLoss";
    static final String EXAMPLE_LOSS = "exampleLoss";
    static final String LOSS = "loss";

    private final ModelConfig config;
    /** The model's weight arrays: the very arrays both graphs hold, so in-place updates reach them. */
    private final Map<String, INDArray> params;
    private final List<String> paramNames;
    private final ImageTower tower;
    private final SameDiff graph;
    /** The mixed-resolution graph, built on first use over the same arrays. */
    private SameDiff multiResolutionGraph;
    private final Map<Integer, INDArray> eyeCache = new HashMap<>();
    /** A patch tower's graphs by the patch of each part of the batch, built on first use over the same arrays. */
    private final Map<List<Integer>, SameDiff> patchGraphs = new HashMap<>();

    /**
     * The engine over the model's weights. SameDiff may copy an array it is given, so the
     * model's map is re-pointed at the graph's own arrays: afterwards both hold the same ones.
     */
    TwoTowerGraph(ModelConfig config, Map<String, INDArray> params) {
        this.config = config;
        this.params = params;
        this.paramNames = List.copyOf(params.keySet());
        this.tower = config.imageTower().tower();
        this.graph = build(config, params, false);
        for (String name : paramNames) {
            params.put(name, graph.getArrForVarName(name));
        }
    }

    @Override
    public INDArray imageEmbeddings(INDArray images, ImageResolution resolution) {
        Map<String, INDArray> ph = Map.of(IMAGES, tower.graphInput(images, config, resolution));
        return graph.output(ph, IMAGE_EMBEDDING).get(IMAGE_EMBEDDING);
    }

    @Override
    public INDArray textEmbeddings(INDArray bag) {
        return graph.output(Map.of(TOKEN_BAG, bag), TEXT_EMBEDDING).get(TEXT_EMBEDDING);
    }

    @Override
    public PairScores scores(INDArray images, ImageResolution resolution, INDArray bag) {
        boolean sigmoid = config.loss() == ContrastiveLoss.SIGMOID;
        String[] outputs = sigmoid
                ? new String[] {LOGITS, PAIR_LOSS, EXAMPLE_LOSS, LOSS}
                : new String[] {LOGITS, EXAMPLE_LOSS, LOSS};
        Map<String, INDArray> out = graph.output(placeholders(images, resolution, bag), outputs);
        INDArray exampleLoss = out.get(EXAMPLE_LOSS).reshape(images.rows());
        INDArray pairLoss = sigmoid ? out.get(PAIR_LOSS) : Nd4j.diag(exampleLoss);
        return new PairScores(out.get(LOGITS), pairLoss, exampleLoss, out.get(LOSS).getDouble(0));
    }

    @Override
    public TwoTowerModel.LossAndGradients lossAndGradients(INDArray images, ImageResolution resolution,
            INDArray bag) {
        return gradients(graph, placeholders(images, resolution, bag));
    }

    @Override
    public TwoTowerModel.LossAndGradients lossAndGradients(INDArray images28, INDArray images14, INDArray bag) {
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(TOKEN_BAG, bag);
        ph.put(EYE, eye(Math.toIntExact(bag.rows())));
        if (multiResolutionGraph == null) {
            multiResolutionGraph = build(config, params, true);
            shareArrays(multiResolutionGraph);
        }
        ph.put(IMAGES, tower.graphInput(images28, config, ImageResolution.FULL));
        ph.put(IMAGES_LOW, tower.graphInput(images14, config, ImageResolution.HALF));
        return gradients(multiResolutionGraph, ph);
    }

    @Override
    public INDArray imageEmbeddings(INDArray images, int patch) {
        return patchGraph(patch).output(Map.of(IMAGES, images), IMAGE_EMBEDDING).get(IMAGE_EMBEDDING);
    }

    @Override
    public PairScores scores(INDArray images, int patch, INDArray bag) {
        boolean sigmoid = config.loss() == ContrastiveLoss.SIGMOID;
        String[] outputs = sigmoid
                ? new String[] {LOGITS, PAIR_LOSS, EXAMPLE_LOSS, LOSS}
                : new String[] {LOGITS, EXAMPLE_LOSS, LOSS};
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(IMAGES, images);
        ph.put(TOKEN_BAG, bag);
        ph.put(EYE, eye(Math.toIntExact(images.rows())));
        Map<String, INDArray> out = patchGraph(patch).output(ph, outputs);
        INDArray exampleLoss = out.get(EXAMPLE_LOSS).reshape(images.rows());
        INDArray pairLoss = sigmoid ? out.get(PAIR_LOSS) : Nd4j.diag(exampleLoss);
        return new PairScores(out.get(LOGITS), pairLoss, exampleLoss, out.get(LOSS).getDouble(0));
    }

    @Override
    public TwoTowerModel.LossAndGradients lossAndGradients(INDArray[] images, int[] patches, INDArray bag) {
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(TOKEN_BAG, bag);
        ph.put(EYE, eye(Math.toIntExact(bag.rows())));
        for (int i = 0; i < images.length; i++) {
            ph.put(partPlaceholder(i), images[i]);
        }
        return gradients(patchGraph(patches), ph);
    }

    /** The graph whose image features are those of part 0 at patches[0], then part 1 at patches[1], ... */
    private SameDiff patchGraph(int... patches) {
        List<Integer> key = java.util.Arrays.stream(patches).boxed().toList();
        if (key.equals(List.of(tower.patchSizes(config.imageShape()).get(0)))) {
            return graph; // the base patch is what the plain graph runs
        }
        return patchGraphs.computeIfAbsent(key, k -> {
            SameDiff sd = buildAtPatches(config, params, patches);
            shareArrays(sd);
            return sd;
        });
    }

    /** The image placeholder of part i of a batch in parts: {@link #IMAGES} first. */
    private static String partPlaceholder(int i) {
        return i == 0 ? IMAGES : IMAGES + "_part" + i;
    }

    /** As {@link #build} for a patch tower's batch in parts, part i at {@code patches[i]}. */
    static SameDiff buildAtPatches(ModelConfig c, Map<String, INDArray> params, int... patches) {
        SameDiff sd = SameDiff.create();
        Map<String, SDVariable> v = new HashMap<>();
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            v.put(e.getKey(), sd.var(e.getKey(), e.getValue()));
        }
        ImageTower tower = c.imageTower().tower();
        SDVariable[] features = new SDVariable[patches.length];
        for (int i = 0; i < patches.length; i++) {
            features[i] = tower.graph(sd, c, v, tower.placeholder(sd, c, partPlaceholder(i)), patches[i]);
        }
        head(sd, c, v, patches.length == 1 ? features[0] : sd.concat(0, features));
        sd.setLossVariables(LOSS);
        createGradientFunctionQuietly(sd);
        return sd;
    }

    private Map<String, INDArray> placeholders(INDArray images, ImageResolution resolution, INDArray bag) {
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(IMAGES, tower.graphInput(images, config, resolution));
        ph.put(TOKEN_BAG, bag);
        ph.put(EYE, eye(Math.toIntExact(images.rows())));
        return ph;
    }

    private TwoTowerModel.LossAndGradients gradients(SameDiff sd, Map<String, INDArray> placeholders) {
        OutAndGrad result = sd.calculateGradientsAndOutputs(placeholders, Collections.singletonList(LOSS), paramNames);
        return new TwoTowerModel.LossAndGradients(result.getOutputs().get(LOSS).getDouble(0), result.getGradients());
    }

    private INDArray eye(int n) {
        return eyeCache.computeIfAbsent(n, k -> Nd4j.eye(k).castTo(DataType.FLOAT));
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

    /**
     * Builds the graph over the given parameter arrays. With {@code multiResolution} the image
     * embeddings are those of {@link #IMAGES} (28×28) followed by those of {@link #IMAGES_LOW}
     * (14×14), both through the same CNN weights.
     */
    static SameDiff build(ModelConfig c, Map<String, INDArray> params, boolean multiResolution) {
        SameDiff sd = SameDiff.create();
        Map<String, SDVariable> v = new HashMap<>();
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            v.put(e.getKey(), sd.var(e.getKey(), e.getValue()));
        }
        ImageTower tower = c.imageTower().tower();
        SDVariable images = tower.placeholder(sd, c, IMAGES);
        SDVariable imageFeatures = tower.graph(sd, c, v, images);
        if (multiResolution) {
            SDVariable low = tower.placeholder(sd, c, IMAGES_LOW);
            imageFeatures = sd.concat(0, imageFeatures, tower.graph(sd, c, v, low));
        }
        head(sd, c, v, imageFeatures);
        sd.setLossVariables(LOSS);
        createGradientFunctionQuietly(sd);
        return sd;
    }

    /** Embedding normalisation, text tower, logits and loss over given image features. */
    private static void head(SameDiff sd, ModelConfig c, Map<String, SDVariable> v,
            SDVariable imageFeatures) {
        SDVariable imageEmb = l2Normalise(sd, imageFeatures, IMAGE_EMBEDDING);

        // Masked mean pooling of token embeddings == (normalised token counts)·E: one matmul.
        SDVariable bag = sd.placeHolder(TOKEN_BAG, DataType.FLOAT, -1, c.vocabSize());
        SDVariable pooled = sd.mmul(bag, v.get(TowerParameters.TEXT_EMBED));
        SDVariable hidden = sd.nn.relu(dense(pooled, v.get("txt_fc_w"), v.get("txt_fc_b")), 0);
        SDVariable textFeatures = dense(hidden, v.get("txt_proj_w"), v.get("txt_proj_b"));
        SDVariable textEmb = l2Normalise(sd, textFeatures, TEXT_EMBEDDING);

        SDVariable eye = sd.placeHolder(EYE, DataType.FLOAT, -1, -1);
        SDVariable cosine = sd.mmul(imageEmb, textEmb, false, true, false);
        SDVariable temperature = sd.math.exp(v.get(TowerParameters.LOGIT_SCALE));
        SDVariable batchSize = sd.sum(eye);
        if (c.loss() == ContrastiveLoss.SIGMOID) {
            SDVariable logits = cosine.mul(temperature).add(LOGITS, v.get(TowerParameters.LOGIT_BIAS));
            SDVariable sign = eye.mul(2.0).sub(1.0);
            SDVariable pairLoss = sd.nn.softplus(PAIR_LOSS, sign.mul(logits).neg());
            sd.sum(EXAMPLE_LOSS, pairLoss, false, 1);
            sd.sum(pairLoss).div(LOSS, batchSize);
        } else {
            SDVariable logits = cosine.mul(LOGITS, temperature);
            // −log softmax_row(l)_ii = lse_i(row) − l_ii, same for columns. Log-sum-exp by hand
            // with keepDims: logSoftmax with a dimension and logSumExp with a dimension both
            // fail in backprop in M2.1.
            SDVariable lseRows = logSumExp(sd, logits, 1);                 // [B, 1]
            SDVariable lseCols = sd.transpose(logSumExp(sd, logits, 0));  // [1, B] -> [B, 1]
            SDVariable diagonal = sd.sum(logits.mul(eye), true, 1);       // [B, 1]
            SDVariable perExample = lseRows.add(lseCols).mul(0.5).sub(EXAMPLE_LOSS, diagonal);
            sd.sum(perExample).div(LOSS, batchSize);
        }
    }

    /**
     * Builds the backward graph now rather than on the first train step. SameDiff M2.1 prints
     * one "Added differentiated op" line per op to System.out (not to a logger), so standard
     * output is muted for the duration; this happens once per graph.
     */
    private static void createGradientFunctionQuietly(SameDiff sd) {
        synchronized (System.class) {
            PrintStream stdout = System.out;
            try {
                System.setOut(new PrintStream(OutputStream.nullOutputStream()));
                sd.createGradFunction();
            } finally {
                System.setOut(stdout);
            }
        }
    }

    /** Stable log-sum-exp along {@code dim}, keeping the reduced axis. */
    private static SDVariable logSumExp(SameDiff sd, SDVariable x, int dim) {
        SDVariable max = sd.max(x, true, dim);
        return sd.math.log(sd.sum(sd.math.exp(x.sub(max)), true, dim)).add(max);
    }

    private static SDVariable l2Normalise(SameDiff sd, SDVariable x, String name) {
        // The epsilon keeps the gradient finite for an all-zero feature row.
        SDVariable norm = sd.math.sqrt(sd.sum(x.mul(x), true, 1).add(1e-12));
        return x.div(name, norm);
    }

    /**
     * x·W + b as a matmul and an add. Not {@code sd.nn.linear}: with the oneDNN build of libnd4j
     * M2.1, its xw_plus_b op returns wrong values from the second inference call on (training is
     * unaffected), which silently broke every evaluation; see TwoTowerModelInferenceTest.
     */
    static SDVariable dense(SDVariable x, SDVariable w, SDVariable b) {
        return x.mmul(w).add(b);
    }
}
