package org.curationlab.train;

/**
 * What the trainer asks of an evaluation: the metrics of a model's encoders on a held-out set. The
 * synthetic world's is {@link Evaluator} (the Fashion-MNIST test split); your own pairs' is
 * {@link HeldOutEvaluator} (pairs never trained on), which reports only the metrics its data allows.
 */
public interface Evaluation {
    Metrics evaluate(Encoders model);

    /** Pairs evaluated on. */
    int size();

    /** Whether the row holds {@code metric} (a name of {@link Metrics#NAMES}); a metric not reported stays an empty cell. */
    default boolean reports(String metric) {
        return true;
    }
}
