package org.curationlab.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A multinomial logistic regression on frozen embeddings: the few-shot linear probe. With 100
 * training rows and a few dozen dimensions, full-batch gradient descent from zero weights in plain
 * Java is exact enough, deterministic, and cheaper than any graph.
 */
public final class LinearProbe {
    static final int STEPS = 300;
    static final double LEARNING_RATE = 2.0;
    static final double L2 = 1e-3;

    private final double[][] w;
    private final double[] b;

    private LinearProbe(double[][] w, double[] b) {
        this.w = w;
        this.b = b;
    }

    public static LinearProbe fit(INDArray features, int[] labels, int classes) {
        double[][] x = toRows(features);
        int n = x.length, d = x[0].length;
        double[][] w = new double[classes][d];
        double[] b = new double[classes];
        double[][] gw = new double[classes][d];
        double[] gb = new double[classes];
        double[] p = new double[classes];
        for (int step = 0; step < STEPS; step++) {
            for (double[] row : gw) {
                java.util.Arrays.fill(row, 0);
            }
            java.util.Arrays.fill(gb, 0);
            for (int i = 0; i < n; i++) {
                softmax(w, b, x[i], p);
                p[labels[i]] -= 1;
                for (int c = 0; c < classes; c++) {
                    gb[c] += p[c];
                    for (int k = 0; k < d; k++) {
                        gw[c][k] += p[c] * x[i][k];
                    }
                }
            }
            for (int c = 0; c < classes; c++) {
                b[c] -= LEARNING_RATE * gb[c] / n;
                for (int k = 0; k < d; k++) {
                    w[c][k] -= LEARNING_RATE * (gw[c][k] / n + L2 * w[c][k]);
                }
            }
        }
        return new LinearProbe(w, b);
    }

    public int predict(double[] x) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < w.length; c++) {
            double s = b[c];
            for (int k = 0; k < x.length; k++) {
                s += w[c][k] * x[k];
            }
            if (s > bestScore) {
                bestScore = s;
                best = c;
            }
        }
        return best;
    }

    public double accuracy(INDArray features, int[] labels) {
        double[][] x = toRows(features);
        int correct = 0;
        for (int i = 0; i < x.length; i++) {
            if (predict(x[i]) == labels[i]) {
                correct++;
            }
        }
        return correct / (double) x.length;
    }

    private static void softmax(double[][] w, double[] b, double[] x, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < w.length; c++) {
            double s = b[c];
            for (int k = 0; k < x.length; k++) {
                s += w[c][k] * x[k];
            }
            out[c] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < out.length; c++) {
            out[c] = Math.exp(out[c] - max);
            sum += out[c];
        }
        for (int c = 0; c < out.length; c++) {
            out[c] /= sum;
        }
    }

    private static double[][] toRows(INDArray m) {
        int n = (int) m.rows(), d = (int) m.columns();
        float[] flat = m.dup('c').data().asFloat();
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                x[i][k] = flat[i * d + k];
            }
        }
        return x;
    }
}
