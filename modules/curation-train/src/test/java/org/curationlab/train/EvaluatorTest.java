package org.curationlab.train;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class EvaluatorTest {

    @Test
    void recallCountsTiesInTheQuerysFavour() {
        // Queries 0..3; targets: 0 and 1 identical (a repeated caption), 2 matches, 3 is wrong.
        INDArray q = Nd4j.createFromArray(new float[][]{{1, 0}, {1, 0}, {0, 1}, {0, 1}});
        INDArray t = Nd4j.createFromArray(new float[][]{{1, 0}, {1, 0}, {0, 1}, {1, 0}});
        double[] r = Evaluator.recall(q, t);
        // Query 3's own target scores 0 while three targets score higher (rank 4): miss at 1, hit at 5.
        assertArrayEquals(new double[]{0.75, 1.0}, r, 1e-12);
    }

    @Test
    void recallAtFiveNeedsFewerThanFiveStrictlyBetter() {
        int n = 8;
        float[][] q = new float[n][2];
        float[][] t = new float[n][2];
        for (int i = 0; i < n; i++) {
            q[i] = new float[]{1, 0};
            // Target i scores i/10 against every query: query i has (n-1-i) strictly better targets.
            t[i] = new float[]{i / 10f, 0};
        }
        double[] r = Evaluator.recall(Nd4j.createFromArray(q), Nd4j.createFromArray(t));
        assertEquals(1.0 / n, r[0], 1e-12);
        assertEquals(5.0 / n, r[1], 1e-12);
    }

    @Test
    void zeroShotPicksTheNearestClassEmbedding() {
        INDArray img = Nd4j.createFromArray(new float[][]{{1, 0}, {0, 1}, {0.6f, 0.8f}});
        INDArray cls = Nd4j.createFromArray(new float[][]{{1, 0}, {0, 1}});
        assertEquals(2.0 / 3, Evaluator.zeroShotTop1(img, cls, new int[]{0, 1, 0}), 1e-12);
    }

    @Test
    void linearProbeSeparatesSeparableClasses() {
        float[][] x = new float[60][3];
        int[] y = new int[60];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        for (int i = 0; i < 60; i++) {
            y[i] = i % 3;
            for (int k = 0; k < 3; k++) {
                x[i][k] = (k == y[i] ? 1f : 0f) + 0.2f * (float) (rng.nextDouble() - 0.5);
            }
        }
        LinearProbe probe = LinearProbe.fit(Nd4j.createFromArray(x), y, 3);
        assertEquals(1.0, probe.accuracy(Nd4j.createFromArray(x), y), 1e-12);
    }
}
