package org.curationlab.models;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;

/**
 * The SameDiff graph of a {@link TwoTowerModel} run by {@link TowerEngine#SAMEDIFF}: placeholders,
 * towers and loss. The kernels engine ({@link CnnTower}, {@link ContrastiveHead}) computes the
 * same function and is tested against this graph. Built once per
 * model (twice for a CNN trained at mixed resolution, the two graphs sharing the same weight
 * arrays), never per step. Few large ops: the whole text pooling is one matmul and all B×B
 * logits are one matmul, because ND4J pays tens of microseconds per op.
 */
final class TwoTowerGraph {
    /** Image placeholder: [n, 1, h, w] NCHW for the CNN, [n, 784] for the MLP. */
    static final String IMAGES = "img";
    /** Second image placeholder of the multi-resolution graph (the 14×14 part). */
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

    private TwoTowerGraph() {
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
        boolean cnn = c.imageTower() == ImageTowerKind.CNN;
        SDVariable images = cnn
                ? sd.placeHolder(IMAGES, DataType.FLOAT, -1, 1, -1, -1)
                : sd.placeHolder(IMAGES, DataType.FLOAT, -1, ImageResolution.FULL.pixels());
        SDVariable imageFeatures = cnn ? cnnTower(sd, c, v, images) : mlpTower(sd, c, v, images);
        if (multiResolution) {
            SDVariable low = sd.placeHolder(IMAGES_LOW, DataType.FLOAT, -1, 1, -1, -1);
            imageFeatures = sd.concat(0, imageFeatures, cnnTower(sd, c, v, low));
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

    private static SDVariable cnnTower(SameDiff sd, ModelConfig c, Map<String, SDVariable> v,
            SDVariable x) {
        Conv2DConfig conv = Conv2DConfig.builder().kH(3).kW(3).sH(1).sW(1)
                .paddingMode(PaddingMode.SAME).dataFormat("NCHW")
                .weightsFormat(WeightsFormat.YXIO).build();
        Pooling2DConfig pool = Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2)
                .paddingMode(PaddingMode.VALID).isNHWC(false).build();
        int layers = c.size().cnnChannels().length;
        for (int i = 0; i < layers; i++) {
            x = sd.nn.relu(sd.cnn.conv2d(x, v.get(TowerParameters.convWeight(i)),
                    v.get(TowerParameters.convBias(i)), conv), 0);
            if (i < layers - 1) {
                x = sd.cnn.maxPooling2d(x, pool);
            }
        }
        // Global average pooling makes the tower resolution-agnostic (Flexi-JEST analogue).
        SDVariable pooled = sd.mean(x, 2, 3);
        return dense(pooled, v.get("img_proj_w"), v.get("img_proj_b"));
    }

    private static SDVariable mlpTower(SameDiff sd, ModelConfig c, Map<String, SDVariable> v,
            SDVariable x) {
        int layers = c.size().mlpHidden().length;
        for (int i = 0; i < layers; i++) {
            x = sd.nn.relu(dense(x, v.get(TowerParameters.denseWeight(i)),
                    v.get(TowerParameters.denseBias(i))), 0);
        }
        return dense(x, v.get("img_proj_w"), v.get("img_proj_b"));
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
    private static SDVariable dense(SDVariable x, SDVariable w, SDVariable b) {
        return x.mmul(w).add(b);
    }
}
