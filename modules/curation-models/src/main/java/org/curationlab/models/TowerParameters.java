package org.curationlab.models;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Initial weights of the model: the image tower's ({@link ImageTower#initialise}), then the
 * text tower's, temperature and bias, all drawn from a {@link Random} seeded with the config's seed in
 * a fixed order. java.util.Random's algorithm is specified by the JDK, so the same seed gives
 * bit-identical weights on any machine, independent of ND4J's native RNG and its thread count.
 */
final class TowerParameters {
    static final String LOGIT_SCALE = "logit_scale";
    static final String LOGIT_BIAS = "logit_bias";
    static final String TEXT_EMBED = "txt_embed";

    private TowerParameters() {
    }

    /** Parameter name to array, in the fixed order the graph and checkpoints use. */
    static Map<String, INDArray> initialise(ModelConfig c) {
        Random rng = new Random(c.seed());
        Map<String, INDArray> p = new LinkedHashMap<>();
        ModelSize s = c.size();
        int d = c.embedDim();
        c.imageTower().tower().initialise(c, rng, p); // first: its draws come first in the stream
        // Unit-variance token embeddings: the masked mean of a caption's ~5 tokens then has
        // a scale the He-initialised layer after it expects.
        p.put(TEXT_EMBED, gaussian(rng, 1.0, c.vocabSize(), s.textEmbedDim()));
        p.put("txt_fc_w", gaussian(rng, Math.sqrt(2.0 / s.textEmbedDim()), s.textEmbedDim(),
                s.textHidden()));
        p.put("txt_fc_b", Nd4j.zeros(DataType.FLOAT, s.textHidden()));
        p.put("txt_proj_w", gaussian(rng, Math.sqrt(1.0 / s.textHidden()), s.textHidden(), d));
        p.put("txt_proj_b", Nd4j.zeros(DataType.FLOAT, d));
        p.put(LOGIT_SCALE, Nd4j.valueArrayOf(new long[] {1, 1}, (float) c.loss().initLogTemperature()));
        if (c.loss().learnedBias()) {
            p.put(LOGIT_BIAS, Nd4j.valueArrayOf(new long[] {1, 1}, (float) c.loss().initBias()));
        }
        return p;
    }

    /** Weight matrices and kernels get weight decay; biases, temperature and logit bias do not. */
    static boolean decays(String name) {
        return name.endsWith("_w") || name.equals(TEXT_EMBED);
    }

    /** Weights with i.i.d. N(0, std²) entries, drawn in row-major order. */
    static INDArray gaussian(Random rng, double std, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rng.nextGaussian() * std);
        }
        return Nd4j.create(v, shape, 'c');
    }
}
