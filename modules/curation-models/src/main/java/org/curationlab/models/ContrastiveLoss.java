package org.curationlab.models;

/**
 * The two contrastive losses of DESIGN §2, with their papers' initial temperature and bias.
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
     * selector uses the logits instead).
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
