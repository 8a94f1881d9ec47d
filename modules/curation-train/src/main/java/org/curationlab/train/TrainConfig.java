package org.curationlab.train;

import org.curationlab.data.CurationException;
import org.curationlab.models.ModelConfig;

import org.curationlab.train.settings.RunSchema;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of one training run beside its model: how long, in what batches, how often to
 * evaluate, on how many test pairs, with how many threads.
 */
public record TrainConfig(ModelConfig model, int iterations, int batch, int evalEvery, int evalSize, long seed, int threads,
                          double multiResFraction, PatchPlan patches) {
    public TrainConfig(ModelConfig model, int iterations, int batch, int evalEvery, int evalSize, long seed, int threads) {
        this(model, iterations, batch, evalEvery, evalSize, seed, threads, 0.0);
    }

    /** A run at the tower's base patch (a patch tower), or by resolution (the others). */
    public TrainConfig(ModelConfig model, int iterations, int batch, int evalEvery, int evalSize, long seed, int threads,
                       double multiResFraction) {
        this(model, iterations, batch, evalEvery, evalSize, seed, threads, multiResFraction, PatchPlan.defaults(model.imageTower(), model.imageShape(), seed));
    }

    public TrainConfig {
        if (!(multiResFraction >= 0 && multiResFraction < 1)) {
            throw new CurationException("--multi-res: " + multiResFraction + " must be in [0, 1): the fraction of each batch trained "
                    + (patches.byPatch() ? "at the larger patch " + patches.largePatch()
                    : "at " + model.imageShape().side() / 2 + "x" + model.imageShape().side() / 2));
        }
        if (multiResFraction > 0 && !model.imageTower().accepts(org.curationlab.models.ImageResolution.HALF) && !patches.byPatch()) {
            throw new CurationException("--multi-res needs --tower cnn or vit: the CNN trains that part at 14x14 input, the ViT at a larger patch");
        }
        if (patches.byPatch() != !model.imageTower().patchSizes().isEmpty()) {
            throw new IllegalArgumentException("a patch plan for a tower " + (patches.byPatch() ? "without" : "with") + " patches");
        }
        if (iterations < 1) {
            throw new CurationException("--iterations: " + iterations + " must be at least 1");
        }
        if (batch < 2) {
            throw new CurationException("--batch: " + batch + " must be at least 2 (a contrastive batch needs negatives)");
        }
        if (evalEvery < 1) {
            throw new CurationException("--eval-every: " + evalEvery + " must be at least 1");
        }
        if (evalSize < 10) {
            throw new CurationException("--eval-size: " + evalSize + " must be at least 10 test pairs");
        }
        if (threads < 1) {
            throw new CurationException("--threads: " + threads + " must be at least 1");
        }
    }

    /** The settings of this run under their {@link RunSchema} keys (the model's as resolved: warm-up cut to the run). */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(RunSchema.MODEL_SIZE.key(), model.size().name());
        m.put(RunSchema.TOWER.key(), model.imageTower().name().toLowerCase(Locale.ROOT));
        m.put(RunSchema.LOSS.key(), model.loss().name().toLowerCase(Locale.ROOT));
        m.put(RunSchema.LR.key(), model.learningRate());
        m.put(RunSchema.WARMUP.key(), model.warmupSteps());
        m.put(RunSchema.EMBED_DIM.key(), model.embedDim());
        m.put(RunSchema.ITERATIONS.key(), iterations);
        m.put(RunSchema.BATCH.key(), batch);
        m.put(RunSchema.EVAL_EVERY.key(), evalEvery);
        m.put(RunSchema.EVAL_SIZE.key(), evalSize);
        m.put(RunSchema.SEED.key(), seed);
        m.put(RunSchema.THREADS.key(), threads);
        m.put(RunSchema.MULTI_RES.key(), multiResFraction);
        return m;
    }
}
