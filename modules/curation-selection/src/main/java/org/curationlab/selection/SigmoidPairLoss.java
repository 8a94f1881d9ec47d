package org.curationlab.selection;

/**
 * The SigLIP pair loss (docs/models.md): L_ij = softplus(−y_ij·l_ij) with y = +1 for the matched pair
 * (diagonal) and −1 otherwise. Because the sigmoid batch loss is a plain sum of these terms, the
 * loss of any sub-batch S is the sum of L over S×S, which is what makes joint selection tractable.
 */
public final class SigmoidPairLoss {
    private SigmoidPairLoss() {
    }

    /**
     * softplus(x) = log(1 + e^x), written as max(x, 0) + log1p(e^−|x|) so that it neither overflows
     * for large x nor loses the tiny tail for very negative x.
     */
    public static double softplus(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** The pair loss of one entry: softplus(−l) on the diagonal, softplus(l) off it. */
    public static double pairLoss(double logit, boolean matched) {
        return softplus(matched ? -logit : logit);
    }

    /** The B×B pair-loss matrix L of a logit matrix. */
    public static PairMatrix lossMatrix(PairMatrix logits) {
        int n = logits.size();
        float[] l = logits.values();
        float[] out = new float[n * n];
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                out[row + j] = (float) softplus(i == j ? -l[row + j] : l[row + j]);
            }
        }
        return PairMatrix.of(logits.name() + " pair loss", out);
    }
}
