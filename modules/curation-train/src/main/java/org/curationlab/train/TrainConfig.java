package org.curationlab.train;

import org.curationlab.data.CurationException;
import org.curationlab.models.ModelConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings of one training run beside its model: how long, in what batches, how often to
 * evaluate, on how many test pairs, with how many threads.
 */
public record TrainConfig(ModelConfig model, int iterations, int batch, int evalEvery, int evalSize, long seed, int threads,
                          double multiResFraction) {
    public TrainConfig(ModelConfig model, int iterations, int batch, int evalEvery, int evalSize, long seed, int threads) {
        this(model, iterations, batch, evalEvery, evalSize, seed, threads, 0.0);
    }

    public TrainConfig {
        if (!(multiResFraction >= 0 && multiResFraction < 1)) {
            throw new CurationException("--multi-res: " + multiResFraction + " must be in [0, 1): the fraction of each batch trained at 14x14");
        }
        if (multiResFraction > 0 && !model.imageTower().accepts(org.curationlab.models.ImageResolution.HALF)) {
            throw new CurationException("--multi-res needs --tower cnn: only the CNN tower accepts 14x14 input");
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

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iterations", iterations);
        m.put("batch", batch);
        m.put("eval_every", evalEvery);
        m.put("eval_size", evalSize);
        m.put("seed", seed);
        m.put("threads", threads);
        m.put("multi_res_fraction", multiResFraction);
        model.toProperties().forEach((k, v) -> m.put(k.toString(), v));
        return m;
    }
}
