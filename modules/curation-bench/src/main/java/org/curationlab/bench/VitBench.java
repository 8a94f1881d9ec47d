package org.curationlab.bench;

import org.curationlab.models.FlopCount;
import org.curationlab.models.ImageTowerKind;
import org.curationlab.models.ModelSize;
import org.curationlab.models.TwoTowerModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Locale;

/**
 * The vision transformer's rows of {@code curate bench} (the vit tower, docs/models.md): a
 * training step per rung of its ladder ({@code train-vit-SIZE}: kernels engine, fused Adam, base
 * patch, 1×28×28, timed alone, as the CNN's {@code train-SIZE}), and the learner's pair scores of
 * a JEST super-batch at the base patch and at the largest one ({@code score-vit-pP-BN}): Flexi-JEST's
 * cheap scoring by the same weights, whose FLOPs and time the notes give as fractions of a
 * {@code train-vit-M} step. Whether they meet their targets is {@link BenchTargets}'s to say.
 */
final class VitBench {
    static final String TRAIN = "train-vit-";

    private VitBench() {
    }

    /** Untimed steps of the smallest ViT, so the JIT's compilation of its op plumbing lands on no timed row. */
    static void warmUp(int batch, int steps) {
        TwoTowerModel m = Bench.model(ImageTowerKind.VIT, ModelSize.S);
        INDArray images = Nd4j.rand(DataType.FLOAT, batch, m.config().imageShape().pixels());
        INDArray tokens = Bench.tokens(batch);
        for (int i = 0; i < steps; i++) {
            m.trainStep(images, tokens);
        }
    }

    /** One training step of the ViT of a size at its base patch, timed alone over {@code reps} repeats after warm-up. */
    static BenchResult trainStep(ModelSize size, int batch, int reps) {
        TwoTowerModel m = Bench.model(ImageTowerKind.VIT, size);
        INDArray images = Nd4j.rand(DataType.FLOAT, batch, m.config().imageShape().pixels());
        INDArray tokens = Bench.tokens(batch);
        Timing t = Bench.repeat(reps, () -> m.trainStep(images, tokens));
        int patch = m.patchSizes().get(0);
        double flops = FlopCount.trainStepAtPatches(m.config(), batch, patch, 0, patch);
        int[] w = ImageTowerKind.VIT.widths(size);
        int side = m.config().imageShape().side();
        return Bench.flopResult(TRAIN + size, t, flops, String.format(Locale.ROOT,
                "%d parameters, ViT (width %d, depth %d, %d heads, MLP %d), patch %d of %dx%d (%d tokens), batch %d, "
                        + "%.2f GFLOP per step, kernels engine, fused Adam (1 op), timed alone",
                m.parameterCount(), w[0], w[1], w[2], w[3], patch, side, side, (side / patch) * (side / patch), batch,
                flops / 1e9));
    }

    /**
     * The learner (ViT of {@code size}) scoring a super-batch at its base patch, then at its
     * largest patch: two rows whose notes give their FLOPs and time against the training step
     * {@code trainStep} of the same size and, for the larger patch, against the base patch's row.
     */
    static List<BenchResult> scoring(ModelSize size, int superBatch, BenchResult trainStep, int reps) {
        TwoTowerModel m = Bench.model(ImageTowerKind.VIT, size);
        INDArray images = Nd4j.rand(DataType.FLOAT, superBatch, m.config().imageShape().pixels());
        INDArray tokens = Bench.tokens(superBatch);
        int base = m.patchSizes().get(0);
        int large = m.patchSizes().stream().mapToInt(Integer::intValue).max().orElseThrow();
        // As JEST calls them: the base patch through the patch-less call, a larger one by patch.
        Timing atBase = Bench.repeat(reps, () -> m.pairLogits(images, tokens));
        Timing atLarge = Bench.repeat(reps, () -> m.pairLogits(images, tokens, large));
        double baseFlops = FlopCount.scoringAtPatch(m.config(), superBatch, base);
        double largeFlops = FlopCount.scoringAtPatch(m.config(), superBatch, large);
        BenchResult baseRow = Bench.flopResult(name(base, superBatch), atBase, baseFlops,
                note(size, base, superBatch, baseFlops, atBase, trainStep));
        BenchResult largeRow = Bench.flopResult(name(large, superBatch), atLarge, largeFlops,
                note(size, large, superBatch, largeFlops, atLarge, trainStep) + String.format(Locale.ROOT,
                        "; %.1f%% of the patch-%d FLOPs, %.1f%% of its time", 100 * largeFlops / baseFlops, base,
                        100 * atLarge.medianMs() / atBase.medianMs()));
        return List.of(baseRow, largeRow);
    }

    static String name(int patch, int superBatch) {
        return "score-vit-p" + patch + "-B" + superBatch;
    }

    private static String note(ModelSize size, int patch, int superBatch, double flops, Timing t, BenchResult trainStep) {
        String against = trainStep == null ? "" : String.format(Locale.ROOT, "; %.2fx the FLOPs and %.2fx the time of a %s step",
                flops / trainStep.flops(), t.medianMs() / trainStep.ms(), trainStep.name());
        return String.format(Locale.ROOT, "learner vit-%s pair scores of a super-batch (b = %d at f = 0.8) at patch %d, "
                + "%.3f MFLOP per example%s", size, superBatch / 5, patch, flops / superBatch / 1e6, against);
    }
}
