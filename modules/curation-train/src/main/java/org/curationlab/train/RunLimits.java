package org.curationlab.train;

import org.curationlab.data.CurationException;

import java.util.Locale;

/**
 * Settings that pass their own range checks yet would train something other than what the run
 * records: each refused up front, naming its flag.
 */
public final class RunLimits {
    /**
     * The largest peak learning rate accepted. Adam scales each update to about the learning rate
     * per weight, whatever the gradient's size, and the towers' weights start at 0.01 to 1: a rate
     * of 1 already replaces them every step, so 10 is far above any rate that trains (the default
     * is 0.002, the tuned ones below 0.01). Far beyond it the rate stops being a number in float
     * arithmetic: 1e300 leaves the weights unchanged for a whole run, exit 0, instead of diverging.
     */
    public static final double MAX_LEARNING_RATE = 10;

    private RunLimits() {
    }

    public static void learningRate(double lr) {
        if (lr > MAX_LEARNING_RATE && Double.isFinite(lr)) {
            throw new CurationException("--lr: " + lr + " is larger than " + (int) MAX_LEARNING_RATE
                    + ": Adam moves every weight by about the learning rate each step, so no rate above that trains");
        }
    }

    /**
     * Multi-resolution training sees round(f × b) pairs of each batch in its cheap view (14×14 for
     * the CNN on 28×28, the larger patch for the ViT): a fraction that rounds to none of them trains
     * exactly as without it while the run records the fraction, and one that rounds to all leaves
     * no pair in the full view.
     */
    public static void multiRes(double fraction, int batch) {
        multiRes(fraction, batch, "at 14x14", "resolutions");
    }

    /** As {@link #multiRes(double, int)} for the run's own cheap view: {@link #cheapView} of its config. */
    public static void multiRes(TrainConfig cfg) {
        boolean byPatch = cfg.patches().byPatch();
        multiRes(cfg.multiResFraction(), cfg.batch(), cheapView(cfg), byPatch ? "patch sizes" : "resolutions");
    }

    /** Where a run's multi-resolution part trains: "at patch 14" (a patch tower), "at 16x16" (a CNN on 32×32). */
    static String cheapView(TrainConfig cfg) {
        if (cfg.patches().byPatch()) {
            return "at patch " + cfg.patches().largePatch();
        }
        int half = cfg.model().imageShape().side() / 2;
        return "at " + half + "x" + half;
    }

    private static void multiRes(double fraction, int batch, String where, String both) {
        if (!(fraction > 0) || fraction >= 1 || batch < 2) {
            return;
        }
        long low = Math.round(fraction * batch);
        if (low == 0 || low == batch) {
            throw new CurationException(String.format(Locale.ROOT, "--multi-res: %s of --batch %d rounds to %d of its %d pairs "
                    + "%s: give a fraction from %.4g to below %.4g, so that both %s are trained", fraction, batch, low,
                    batch, where, 0.5 / batch, (batch - 0.5) / batch, both));
        }
    }
}
