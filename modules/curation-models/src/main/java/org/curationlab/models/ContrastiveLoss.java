package org.curationlab.models;

import org.curationlab.data.CurationException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The two contrastive losses of docs/models.md, with their papers' initial temperature and bias.
 * Both report a batch loss equal to the sum of the B×B pair-loss matrix divided by B, so a
 * selector can score any sub-batch from entries of that matrix.
 */
public enum ContrastiveLoss {
    /**
     * SigLIP: {@code l_ij = t·<img_i, txt_j> + b}, pair loss {@code softplus(−y_ij·l_ij)} with
     * y = +1 on the diagonal and −1 off it; batch loss = Σ pair terms / B. The init t = 10,
     * b = −10 is SigLIP's: the large negative bias keeps the B²−B negatives from dominating the
     * first steps. The pair terms are independent, which is what makes JEST's joint selection
     * a sum over S×S.
     */
    SIGMOID(Math.log(10.0), -10.0, true),
    /**
     * CLIP/InfoNCE: symmetric cross-entropy over rows (image→text) and columns (text→image) of
     * {@code t·<img_i, txt_j>}, no bias, t initialised to 1/0.07. The loss of example i is
     * ½(−log softmax_row(l)_ii − log softmax_col(l)_ii); the pair-loss matrix carries these on
     * its diagonal and zeros elsewhere (the softmax loss does not decompose over pairs, so the
     * selector uses the logits instead). Unlike CLIP, t is not clamped at 100: at this scale
     * it stays far below, and the log-sum-exp is max-shifted so large t cannot overflow.
     */
    SOFTMAX(Math.log(1.0 / 0.07), 0.0, false);

    private final double initLogTemperature;
    private final double initBias;
    private final boolean learnedBias;

    ContrastiveLoss(double initLogTemperature, double initBias, boolean learnedBias) {
        this.initLogTemperature = initLogTemperature;
        this.initBias = initBias;
        this.learnedBias = learnedBias;
    }

    /**
     * The same scores as {@link TwoTowerModel#pairScores} but from embeddings already computed,
     * in plain ND4J: JEST's frozen reference model embeds the pool once ("pre-scored data"),
     * after which a reference pair matrix is one B×B product (docs/selection.md).
     *
     * @param imageEmb    [B, d] L2-normalised image embeddings
     * @param textEmb     [B, d] L2-normalised text embeddings, row i matched with image i
     * @param temperature t (not its log)
     * @param bias        b; ignored by the softmax loss
     */
    public PairScores score(INDArray imageEmb, INDArray textEmb, double temperature, double bias) {
        if (imageEmb.rank() != 2 || !java.util.Arrays.equals(imageEmb.shape(), textEmb.shape())
                || imageEmb.rows() < 2) {
            throw new CurationException("image and text embeddings must both be [B, d] with B ≥ 2, got "
                    + java.util.Arrays.toString(imageEmb.shape()) + " and "
                    + java.util.Arrays.toString(textEmb.shape()));
        }
        int n = Math.toIntExact(imageEmb.rows());
        INDArray logits = logits(imageEmb, textEmb, temperature, bias);
        INDArray eye = Nd4j.eye(n).castTo(logits.dataType());
        INDArray pairLoss;
        if (this == SIGMOID) {
            INDArray sign = eye.mul(2.0).subi(1.0);
            pairLoss = Transforms.softPlus(sign.muli(logits).negi(), false);
        } else {
            INDArray diagonal = logits.mul(eye).sum(1);
            INDArray perExample = logSumExp(logits, 1).addi(logSumExp(logits, 0)).muli(0.5)
                    .subi(diagonal);
            pairLoss = Nd4j.diag(perExample);
        }
        INDArray exampleLoss = pairLoss.sum(1);
        return new PairScores(logits, pairLoss, exampleLoss, exampleLoss.sumNumber().doubleValue() / n);
    }

    /**
     * The pair logits of {@link #score} alone, t·&lt;img_i, txt_j&gt; (+ b for the sigmoid loss), by
     * the same operations in the same order, so bit for bit the same matrix: what JEST reads of its
     * pre-scored reference on every step, without the B×B pair losses nobody reads there.
     */
    public INDArray logits(INDArray imageEmb, INDArray textEmb, double temperature, double bias) {
        INDArray logits = imageEmb.mmul(textEmb.transpose()).muli(temperature);
        return this == SIGMOID ? logits.addi(bias) : logits;
    }

    private static INDArray logSumExp(INDArray x, int dim) {
        INDArray max = x.max(true, dim);
        INDArray shifted = dim == 1 ? x.subColumnVector(max) : x.subRowVector(max);
        return Transforms.log(Transforms.exp(shifted, false).sum(dim), false)
                .addi(max.reshape(max.length()));
    }

    /** t' with t = exp(t'): learning the log keeps the temperature positive. */
    public double initLogTemperature() {
        return initLogTemperature;
    }

    public double initBias() {
        return initBias;
    }

    /** Whether the loss has a learned logit bias b (SigLIP does, CLIP does not). */
    public boolean learnedBias() {
        return learnedBias;
    }
}
