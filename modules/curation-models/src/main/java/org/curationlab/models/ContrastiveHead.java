package org.curationlab.models;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SoftPlus;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Everything of a {@link TwoTowerModel} after the image tower's features, written out with its
 * gradient for the kernels engine: L2 normalisation of the image features, the text tower
 * (masked mean of token embeddings as one matmul, a ReLU layer, a projection), the pair logits
 * and the sigmoid (SigLIP) or softmax (CLIP) loss. The same function as
 * {@link TwoTowerGraph}'s head, about sixty ND4J ops a step instead of a SameDiff session's
 * bookkeeping (which cost a small model more than its convolutions). Not thread-safe.
 */
final class ContrastiveHead {
    /** The normalisation's epsilon, as in the graph: keeps the gradient finite for a zero row. */
    private static final double NORM_EPSILON = 1e-12;

    private final ModelConfig config;
    private final Map<String, INDArray> params;
    /** Per batch size: the identity I (matched pairs) and the pair labels y = 2I − 1; never written. */
    private final Map<Integer, INDArray> eyes = new HashMap<>();
    private final Map<Integer, INDArray> signs = new HashMap<>();

    ContrastiveHead(ModelConfig config, Map<String, INDArray> params) {
        this.config = config;
        this.params = params;
    }

    /** x / sqrt(Σx² + ε) per row, with the norms kept for the backward pass. */
    private record Normalised(INDArray unit, INDArray norms) {
        static Normalised of(INDArray x) {
            INDArray norms = Transforms.sqrt(x.mul(x).sum(true, 1).addi(NORM_EPSILON), false);
            return new Normalised(x.divColumnVector(norms), norms);
        }

        /** d(loss)/dx from d(loss)/d(unit): (g − u·Σ(g⊙u)) / norm, row by row. */
        INDArray backward(INDArray gradUnit) {
            INDArray along = gradUnit.mul(unit).sum(true, 1);
            return gradUnit.sub(unit.mulColumnVector(along)).diviColumnVector(norms);
        }
    }

    /** The text tower's activations of one forward pass. */
    private record TextPass(INDArray bag, INDArray pooled, INDArray hidden, Normalised embedding) {
    }

    INDArray imageEmbeddings(INDArray features) {
        return Normalised.of(features).unit();
    }

    INDArray textEmbeddings(INDArray bag) {
        return text(bag).embedding().unit();
    }

    private TextPass text(INDArray bag) {
        INDArray pooled = mm(bag, false, params.get(TowerParameters.TEXT_EMBED), false);
        INDArray hidden = Transforms.relu(mm(pooled, false, params.get("txt_fc_w"), false).addiRowVector(params.get("txt_fc_b")), false);
        INDArray features = mm(hidden, false, params.get("txt_proj_w"), false).addiRowVector(params.get("txt_proj_b"));
        return new TextPass(bag, pooled, hidden, Normalised.of(features));
    }

    private double temperature() {
        return Math.exp(params.get(TowerParameters.LOGIT_SCALE).getDouble(0));
    }

    private double bias() {
        INDArray b = params.get(TowerParameters.LOGIT_BIAS);
        return b == null ? 0.0 : b.getDouble(0);
    }

    /** Pair logits, pair losses, per-example losses and the batch loss, without gradients. */
    PairScores scores(INDArray features, INDArray bag) {
        Forward f = forward(features, bag);
        INDArray pairLoss = f.pairLoss != null ? f.pairLoss : Nd4j.diag(f.exampleLoss);
        return new PairScores(f.logits, pairLoss, f.exampleLoss, f.loss);
    }

    /** The batch loss, the head's parameter gradients by name, and d(loss)/d(features). */
    Gradients lossAndGradients(INDArray features, INDArray bag) {
        Forward f = forward(features, bag);
        int n = Math.toIntExact(features.rows());
        double t = temperature();
        INDArray gradLogits;
        Map<String, INDArray> grads = new LinkedHashMap<>();
        if (config.loss() == ContrastiveLoss.SIGMOID) {
            // d softplus(−y·l)/dl = −y·σ(−y·l), y = +1 on the diagonal and −1 off it.
            INDArray sign = sign(n);
            gradLogits = Transforms.sigmoid(sign.mul(f.logits).negi(), false).muli(sign).negi().divi(n);
            grads.put(TowerParameters.LOGIT_BIAS, Nd4j.valueArrayOf(new long[] {1, 1}, gradLogits.sumNumber().floatValue()));
        } else {
            // Row and column cross-entropies, averaged: ½(softmax_rows + softmax_cols) − I.
            INDArray rows = softmax(f.logits, 1);
            INDArray cols = softmax(f.logits, 0);
            gradLogits = rows.addi(cols).muli(0.5).subi(eye(n)).divi(n);
        }
        // logits = t·cos (+ b) with t = exp(s): dt = Σ dl⊙cos, ds = t·dt.
        double gradScale = t * gradLogits.mul(f.cosine).sumNumber().doubleValue();
        grads.put(TowerParameters.LOGIT_SCALE, Nd4j.valueArrayOf(new long[] {1, 1}, (float) gradScale));
        INDArray gradCosine = gradLogits.muli(t);
        INDArray gradImage = f.image.backward(mm(gradCosine, false, f.text.embedding().unit(), false));
        INDArray gradTextFeatures = f.text.embedding().backward(mm(gradCosine, true, f.image.unit(), false));
        grads.put("txt_proj_w", mm(f.text.hidden(), true, gradTextFeatures, false));
        grads.put("txt_proj_b", gradTextFeatures.sum(0));
        INDArray gradHidden = mm(gradTextFeatures, false, params.get("txt_proj_w"), true)
                .muli(Transforms.sign(f.text.hidden(), true)); // ReLU: hidden > 0 ⇔ sign = 1
        grads.put("txt_fc_w", mm(f.text.pooled(), true, gradHidden, false));
        grads.put("txt_fc_b", gradHidden.sum(0));
        INDArray gradPooled = mm(gradHidden, false, params.get("txt_fc_w"), true);
        grads.put(TowerParameters.TEXT_EMBED, mm(f.text.bag(), true, gradPooled, false));
        for (Map.Entry<String, INDArray> e : grads.entrySet()) {
            INDArray p = params.get(e.getKey());
            if (p != null && p.rank() != e.getValue().rank()) {
                e.setValue(e.getValue().reshape(p.shape()));
            }
        }
        return new Gradients(f.loss, grads, gradImage);
    }

    record Gradients(double loss, Map<String, INDArray> parameters, INDArray features) {
    }

    private static final class Forward {
        Normalised image;
        TextPass text;
        INDArray cosine;
        INDArray logits;
        INDArray pairLoss;      // sigmoid only
        INDArray exampleLoss;   // [n]
        double loss;
    }

    /**
     * The pair logits of {@link #scores} alone, by the same operations: what JEST's learner scoring
     * reads, without the B×B pair losses (a softplus over B² entries) nobody reads there.
     */
    INDArray logits(INDArray features, INDArray bag) {
        return pairLogits(features, bag).logits;
    }

    /** Embeddings, cosines and logits: the part of a forward pass every caller needs. */
    private Forward pairLogits(INDArray features, INDArray bag) {
        Forward f = new Forward();
        f.image = Normalised.of(features);
        f.text = text(bag);
        f.cosine = mm(f.image.unit(), false, f.text.embedding().unit(), true);
        f.logits = f.cosine.mul(temperature());
        if (config.loss() == ContrastiveLoss.SIGMOID) {
            f.logits.addi(bias());
        }
        return f;
    }

    private Forward forward(INDArray features, INDArray bag) {
        Forward f = pairLogits(features, bag);
        int n = Math.toIntExact(features.rows());
        if (config.loss() == ContrastiveLoss.SIGMOID) {
            INDArray negSignedLogits = sign(n).mul(f.logits).negi();
            f.pairLoss = Nd4j.getExecutioner().exec(new SoftPlus(negSignedLogits, negSignedLogits.ulike()));
            f.exampleLoss = f.pairLoss.sum(1);
            f.loss = f.pairLoss.sumNumber().doubleValue() / n;
        } else {
            INDArray lseRows = logSumExp(f.logits, 1);
            INDArray lseCols = logSumExp(f.logits, 0);
            INDArray diagonal = Nd4j.diag(f.logits).reshape(n);
            f.exampleLoss = lseRows.addi(lseCols).muli(0.5).subi(diagonal);
            f.loss = f.exampleLoss.sumNumber().doubleValue() / n;
        }
        return f;
    }

    private INDArray eye(int n) {
        // Kept beyond the step that first asks: made outside its StepWorkspace.
        return eyes.computeIfAbsent(n, k -> StepWorkspace.outside(() -> Nd4j.eye(k).castTo(DataType.FLOAT)));
    }

    private INDArray sign(int n) {
        return signs.computeIfAbsent(n, k -> StepWorkspace.outside(() -> eye(k).mul(2.0).subi(1.0)));
    }

    /**
     * a·b (either transposed) into a new array through gemm: INDArray.mmul costs 1.5 ms on a
     * 256×64×256 product here against 0.25 ms for gemm into an array made for it.
     */
    private static INDArray mm(INDArray a, boolean transposeA, INDArray b, boolean transposeB) {
        long rows = transposeA ? a.columns() : a.rows();
        long cols = transposeB ? b.rows() : b.columns();
        return Nd4j.gemm(a, b, Nd4j.createUninitialized(DataType.FLOAT, rows, cols), transposeA, transposeB, 1.0, 0.0);
    }

    /** Stable log-sum-exp along {@code dim}, as a vector. */
    private static INDArray logSumExp(INDArray x, int dim) {
        INDArray max = x.max(true, dim);
        INDArray shifted = dim == 1 ? x.subColumnVector(max) : x.subRowVector(max);
        return Transforms.log(Transforms.exp(shifted, false).sum(true, dim), false).addi(max).reshape(x.size(1 - dim));
    }

    private static INDArray softmax(INDArray x, int dim) {
        INDArray max = x.max(true, dim);
        INDArray e = Transforms.exp(dim == 1 ? x.subColumnVector(max) : x.subRowVector(max), false);
        INDArray sum = e.sum(true, dim);
        return dim == 1 ? e.diviColumnVector(sum) : e.diviRowVector(sum);
    }
}
