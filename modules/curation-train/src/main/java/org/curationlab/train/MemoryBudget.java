package org.curationlab.train;

import org.curationlab.data.CurationException;
import org.curationlab.models.FlopCount;
import org.curationlab.models.ImageTowerKind;
import org.curationlab.models.ModelConfig;

import java.util.Locale;

/**
 * Whether a run's arrays can exist before any is allocated: a model of embedding width 10⁶ would
 * otherwise run out of memory after a minute with a raw OutOfMemoryError, and one of 10⁸ overflow
 * a Java array's int index. The estimate counts what grows with the settings the user chooses:
 * the two projection matrices into the embedding space (their widths read off the towers' FLOP
 * counts, exact for a dense projection), times the weights, gradients and Adam's two moments
 * (and the update in flight); a batch's embeddings through forward and backward pass and the
 * evaluation set's embeddings; the B×B
 * logits of the training batch and of a selection super-batch. The ladder's own widths are a few
 * MB at most and are left out. The bounds are the JVM's ({@link Runtime#maxMemory()}, which holds
 * the weights as Java arrays when they are drawn) and JavaCPP's off-heap limits, where ND4J keeps
 * its arrays ({@code org.bytedeco.javacpp.maxbytes} and {@code maxphysicalbytes}).
 *
 * <p>A patch tower's activations are counted too, as they grow with the tokens: at patch 4 a 64×64
 * image is 256 tokens and a block's T×T attention alone is 256² floats per head and image. Its
 * kernels keep one pass per batch shape and patch they run (the activations the backward pass
 * reads), so the count is the sum over the passes a run makes — each training patch (and the
 * multi-resolution part at the larger patch), the learner's scoring of the super-batch at its
 * scoring patch, one evaluation block at the base patch — plus one backward step's scratch.
 */
public final class MemoryBudget {
    /** The most elements a Java array holds (the JDK reserves a few header words). */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** Weights, gradients, Adam's first and second moments, and the update being applied. */
    static final int COPIES_PER_PARAMETER = 5;
    /** A batch's embeddings of each tower: features, normalised, and the gradient of each. */
    static final int COPIES_PER_EMBEDDING = 6;
    /** A B×B logit matrix: logits, probabilities or sigmoids, and their gradient. */
    static final int COPIES_PER_LOGIT = 3;

    private MemoryBudget() {
    }

    /** Rows of the evaluation's embedding blocks (Evaluator's), each a pass of a patch tower. */
    static final int EVAL_BLOCK = 1024;

    /**
     * What a run needs, in bytes, and which flag to lower; {@code towerBytes} is a patch tower's
     * activations (0 for the others) and {@code patchFlag} the setting that sized them (such as
     * {@code --patch 4}).
     */
    record Estimate(long largestArray, double modelBytes, double batchBytes, double logitBytes, double towerBytes,
                    String patchFlag) {
        Estimate(long largestArray, double modelBytes, double batchBytes, double logitBytes) {
            this(largestArray, modelBytes, batchBytes, logitBytes, 0, null);
        }

        double total() {
            return modelBytes + batchBytes + logitBytes + towerBytes;
        }

        String flag() {
            if (towerBytes > modelBytes && towerBytes > batchBytes && towerBytes > logitBytes) {
                return "--patch";
            }
            if (logitBytes > modelBytes && logitBytes > batchBytes) {
                return "--batch";
            }
            return "--embed-dim";
        }
    }

    /** Refuses, in one line naming the flag, a run whose arrays cannot fit this JVM's limits. */
    public static void check(TrainConfig cfg, int superBatch) {
        check(cfg, superBatch, null);
    }

    /**
     * As {@link #check(TrainConfig, int)}, for a learner that scores the super-batch at
     * {@code scorePatch} (a patch tower's Flexi scoring; null: its base patch).
     */
    public static void check(TrainConfig cfg, int superBatch, Integer scorePatch) {
        check(estimate(cfg.model(), cfg.batch(), superBatch, cfg.evalSize(), cfg.patches(), cfg.multiResFraction(), scorePatch),
                cfg.model().embedDim(), cfg.batch(), Runtime.getRuntime().maxMemory(), org.bytedeco.javacpp.Pointer.maxBytes(),
                org.bytedeco.javacpp.Pointer.maxPhysicalBytes());
    }

    /** The estimate of a run at the tower's base patch (if it has patches), scoring at it. */
    static Estimate estimate(ModelConfig model, int batch, int superBatch, int evalSize) {
        return estimate(model, batch, superBatch, evalSize, PatchPlan.defaults(model.imageTower(), model.imageShape(), 0), 0, null);
    }

    static Estimate estimate(ModelConfig model, int batch, int superBatch, int evalSize, PatchPlan plan, double multiRes,
                             Integer scorePatch) {
        Estimate e = estimateWithoutTower(model, batch, superBatch, evalSize);
        if (!plan.byPatch()) {
            return e;
        }
        return new Estimate(e.largestArray(), e.modelBytes(), e.batchBytes(), e.logitBytes(),
                4.0 * towerFloats(model, plan, batch, superBatch, evalSize, multiRes, scorePatch), patchFlag(model, plan, batch));
    }

    /** One pass a patch tower keeps arrays for: its rows at one patch size (the tower's cache key). */
    private record Pass(long rows, int patch) {
    }

    /** A patch tower's kept passes (each distinct rows × patch once) and the largest backward scratch among the training ones. */
    static double towerFloats(ModelConfig model, PatchPlan plan, int batch, int superBatch, int evalSize, double multiRes,
                              Integer scorePatch) {
        ImageTowerKind tower = model.imageTower();
        int base = tower.patchSizes(model.imageShape()).get(0);
        long large = multiRes > 0 ? Math.round(multiRes * batch) : 0;
        java.util.Set<Pass> training = new java.util.LinkedHashSet<>();
        for (int p : plan.patches()) {
            if (large > 0 && large < batch && p != plan.largePatch()) {
                training.add(new Pass(batch - large, p));
                training.add(new Pass(large, plan.largePatch()));
            } else {
                training.add(new Pass(batch, p));
            }
        }
        java.util.Set<Pass> passes = new java.util.LinkedHashSet<>(training);
        int scoring = scorePatch != null ? scorePatch : base;
        if (superBatch != batch || scoring != base) {
            passes.add(new Pass(superBatch, scoring));
        }
        passes.add(new Pass(Math.min(evalSize, EVAL_BLOCK), base));
        double kept = 0;
        for (Pass pass : passes) {
            kept += tower.keptActivationFloats(model, pass.patch(), pass.rows());
        }
        double scratch = 0;
        for (Pass pass : training) {
            scratch = Math.max(scratch, tower.backwardScratchFloats(model, pass.patch(), pass.rows()));
        }
        return kept + scratch;
    }

    /** The setting that sized a patch tower's activations: --flexi's list, a --patch below the base one, else --batch. */
    private static String patchFlag(ModelConfig model, PatchPlan plan, int batch) {
        if (plan.flexi()) {
            return "--flexi " + String.join(",", plan.patches().stream().map(String::valueOf).toList());
        }
        int base = model.imageTower().patchSizes(model.imageShape()).get(0);
        return plan.patches().get(0) != base ? "--patch " + plan.patches().get(0) : "--batch " + batch;
    }

    private static Estimate estimateWithoutTower(ModelConfig model, int batch, int superBatch, int evalSize) {
        long d = model.embedDim();
        // The FLOPs of a tower grow by 2 × (its projection's input width) per unit of embedding width.
        ModelConfig one = model.withShape(1, model.vocabSize(), model.maxTokens());
        ModelConfig two = model.withShape(2, model.vocabSize(), model.maxTokens());
        long imageIn = (FlopCount.imageForward(two, org.curationlab.models.ImageResolution.FULL)
                - FlopCount.imageForward(one, org.curationlab.models.ImageResolution.FULL)) / 2;
        long textIn = (FlopCount.textForward(two) - FlopCount.textForward(one)) / 2;
        double largest = (double) Math.max(imageIn, textIn) * d;
        double parameters = (double) (imageIn + textIn + 2) * d;
        // Training rows go forward and backward; the evaluation set's embeddings (both towers) are held whole.
        double embeddings = COPIES_PER_EMBEDDING * 2.0 * Math.max(batch, superBatch) * d + 2.0 * evalSize * d;
        double logits = Math.max((double) batch * batch, (double) superBatch * superBatch);
        return new Estimate(largest > Long.MAX_VALUE / 2 ? Long.MAX_VALUE / 2 : (long) largest,
                4.0 * COPIES_PER_PARAMETER * parameters, 4.0 * embeddings, 4.0 * COPIES_PER_LOGIT * logits);
    }

    static void check(Estimate e, int embedDim, int batch, long heap, long offHeap, long physical) {
        String value = e.flag().equals("--patch") ? e.patchFlag()
                : e.flag().equals("--batch") ? "--batch " + batch : "--embed-dim " + embedDim;
        // A projection matrix grows with the embedding width alone: those two limits name it whatever else dominates.
        String width = "--embed-dim " + embedDim;
        if (e.largestArray() > MAX_ARRAY) {
            throw new CurationException(width + ": a projection matrix of the model would hold " + e.largestArray()
                    + " numbers, more than a Java array's " + MAX_ARRAY + "; lower --embed-dim");
        }
        if (4.0 * e.largestArray() > heap / 2.0) {
            throw new CurationException(String.format(Locale.ROOT, "%s: a projection matrix of the model needs %s, more than half "
                    + "the Java heap (%s, -Xmx) it is drawn in; lower --embed-dim, or raise -Xmx (CURATE_JAVA_OPTS)", width,
                    size(4.0 * e.largestArray()), size(heap)));
        }
        long limit = offHeap > 0 ? offHeap : Long.MAX_VALUE;
        String which = "org.bytedeco.javacpp.maxbytes";
        if (physical > 0 && physical < limit) {
            limit = physical;
            which = "org.bytedeco.javacpp.maxphysicalbytes";
        }
        if (e.total() > limit && e.flag().equals("--patch")) {
            throw new CurationException(String.format(Locale.ROOT, "%s: the image tower's activations at its patch sizes for --batch %d "
                    + "and the passes it keeps (%s) and the rest of the run (%s) need about %s, more than the %s ND4J may allocate (%s); "
                    + "lower --batch, train at a larger patch, or raise the limit (CURATE_JAVA_OPTS)", value, batch,
                    size(e.towerBytes()), size(e.total() - e.towerBytes()), size(e.total()), which, size(limit)));
        }
        if (e.total() > limit) {
            throw new CurationException(String.format(Locale.ROOT, "%s: the model's arrays (%s) and the activations of a batch and "
                    + "the evaluation set (%s) need about %s, more than the %s ND4J may allocate (%s); lower %s, or raise the limit (CURATE_JAVA_OPTS)", value,
                    size(e.modelBytes()), size(e.batchBytes() + e.logitBytes()), size(e.total()), size(limit), which, e.flag()));
        }
    }

    static String size(double bytes) {
        if (bytes >= 1 << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (1 << 30));
        }
        return String.format(Locale.ROOT, "%.0f MB", bytes / (1 << 20));
    }
}
