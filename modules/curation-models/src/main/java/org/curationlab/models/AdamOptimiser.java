package org.curationlab.models;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Adam with warm-up and cosine decay and decoupled (AdamW) weight decay, applied to a model's
 * weight arrays in place. Applied here rather than by {@code SameDiff.fit}: one gradient call
 * gives the gradients and the batch loss of the same forward pass (History's loss curve can
 * report zeros in M2.1), both engines share it, and the checkpoint holds exactly its state.
 */
final class AdamOptimiser {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final Map<String, INDArray> params;
    private final List<String> names;
    private final long parameterCount;
    private final double weightDecay;
    private final WarmupCosineSchedule schedule;
    private final AdamLayout layout;
    /** Adam's [1, 2N] state (m then v) over all N weights, flattened in parameter order. */
    private final INDArray state;
    private final AdamUpdater updater;
    /** Only for {@link AdamLayout#PER_PARAMETER}: one updater, with its own state, per array. */
    private final Map<String, AdamUpdater> perParameterUpdaters;
    private long lastNanos;

    /** Over the model's arrays, in their (checkpoint) order; the arrays are updated in place. */
    AdamOptimiser(ModelConfig config, Map<String, INDArray> params, AdamLayout layout) {
        this.params = params;
        this.names = List.copyOf(params.keySet());
        this.parameterCount = params.values().stream().mapToLong(INDArray::length).sum();
        this.weightDecay = config.weightDecay();
        this.layout = layout;
        this.schedule = new WarmupCosineSchedule(config.learningRate(), config.warmupSteps(), config.totalSteps());
        // One Adam state over the flattened gradient: one fused native op per step instead of
        // one per parameter (ND4J pays tens of microseconds per op).
        this.state = Nd4j.zeros(DataType.FLOAT, 1, 2 * parameterCount);
        this.updater = new AdamUpdater(adam(schedule));
        updater.setStateViewArray(state, new long[] {1, parameterCount}, 'c', true);
        if (layout == AdamLayout.PER_PARAMETER) {
            // The unfused baseline: the same hyperparameters and schedule, a state per array.
            Map<String, AdamUpdater> perParameter = new HashMap<>();
            for (String name : names) {
                INDArray p = params.get(name);
                AdamUpdater u = new AdamUpdater(adam(schedule));
                u.setStateViewArray(Nd4j.zeros(DataType.FLOAT, 1, 2 * p.length()), p.shape(), 'c', true);
                perParameter.put(name, u);
            }
            this.perParameterUpdaters = perParameter;
        } else {
            this.perParameterUpdaters = null;
        }
    }

    /** {@code new Adam(a, b, c, d)} is (lr, beta1, beta2, epsilon), easy to misorder: set by name. */
    private static Adam adam(WarmupCosineSchedule schedule) {
        Adam adam = new Adam(schedule);
        adam.setBeta1(BETA1);
        adam.setBeta2(BETA2);
        adam.setEpsilon(EPSILON);
        return adam;
    }

    AdamLayout layout() {
        return layout;
    }

    long parameterCount() {
        return parameterCount;
    }

    /** The learning rate of the step with this index. */
    double learningRate(long step) {
        return schedule.valueAt((int) step, 0);
    }

    /** The flattened state, the array checkpoints store and restore in place. */
    INDArray state() {
        return state;
    }

    /** Wall time of the last {@link #apply}, in nanoseconds. */
    long lastNanos() {
        return lastNanos;
    }

    /** Step {@code step}'s update of every weight array from its gradient (consumed in place). */
    void apply(Map<String, INDArray> gradients, long step) {
        int iteration = Math.toIntExact(step);
        double decay = weightDecay * schedule.valueAt(iteration, 0);
        long t0 = System.nanoTime();
        if (layout == AdamLayout.FLATTENED) {
            applyFlattened(gradients, iteration, decay);
        } else {
            applyPerParameter(gradients, iteration, decay);
        }
        lastNanos = System.nanoTime() - t0;
    }

    private void applyFlattened(Map<String, INDArray> gradients, int iteration, double decay) {
        List<INDArray> ordered = new ArrayList<>(names.size());
        for (String name : names) {
            ordered.add(gradients.get(name));
        }
        INDArray update = Nd4j.toFlattened('c', ordered).reshape(1, parameterCount);
        updater.applyUpdater(update, iteration, 0); // the gradient becomes Adam's update
        long offset = 0;
        for (String name : names) {
            INDArray p = params.get(name);
            if (decay > 0 && TowerParameters.decays(name)) {
                p.muli(1.0 - decay); // decoupled (AdamW) decay; not biases or temperature
            }
            p.subi(update.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + p.length()))
                    .reshape('c', p.shape()));
            offset += p.length();
        }
    }

    /** The unfused baseline: per array, one updater op, then the same decay and update. */
    private void applyPerParameter(Map<String, INDArray> gradients, int iteration, double decay) {
        for (String name : names) {
            INDArray p = params.get(name);
            INDArray update = gradients.get(name);
            perParameterUpdaters.get(name).applyUpdater(update, iteration, 0); // in place
            if (decay > 0 && TowerParameters.decays(name)) {
                p.muli(1.0 - decay);
            }
            p.subi(update);
        }
    }
}
