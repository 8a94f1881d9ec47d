package org.curationlab.models;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One forward pass over a batch of B matched pairs, everything JEST's selector needs
 * (docs/selection.md). For both losses {@code loss == sum(pairLoss) / B}.
 *
 * @param logits      [B, B] pair logits: t·&lt;img_i, txt_j&gt; (+ b for the sigmoid loss)
 * @param pairLoss    [B, B] sigmoid: softplus(−y_ij·l_ij); softmax: the per-example symmetric
 *                    cross-entropy on the diagonal and zeros off it
 * @param exampleLoss [B] row sums of {@code pairLoss}: each example's share of the batch loss
 * @param loss        the batch loss
 */
public record PairScores(INDArray logits, INDArray pairLoss, INDArray exampleLoss, double loss) {
}
