package org.curationlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The graph's losses against a double-precision hand computation from the model's own
 * embeddings, temperature and bias (DESIGN §2 formulas).
 */
class ContrastiveLossTest {
    private static final double TOL = 1e-4;

    @Test
    void sigmoidPairLossesMatchHandComputation() {
        TwoTowerModel m = TwoTowerModel.create(tiny(ContrastiveLoss.SIGMOID));
        SyntheticPairs d = new SyntheticPairs(6, 3, 4, 5);
        double[][] cos = cosines(m, d);
        double t = m.temperature();
        double b = m.bias();
        assertEquals(10.0, t, 1e-5);
        assertEquals(-10.0, b, 1e-6);
        PairScores s = m.pairScores(d.images, d.tokens);
        int n = cos.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double row = 0;
            for (int j = 0; j < n; j++) {
                double l = t * cos[i][j] + b;
                double y = i == j ? 1 : -1;
                double pair = Math.log1p(Math.exp(-y * l));
                assertEquals(l, s.logits().getDouble(i, j), TOL);
                assertEquals(pair, s.pairLoss().getDouble(i, j), TOL * Math.max(1, pair));
                row += pair;
            }
            assertEquals(row, s.exampleLoss().getDouble(i), TOL * Math.max(1, row));
            total += row;
        }
        assertEquals(total / n, s.loss(), TOL * Math.max(1, total / n));
    }

    @Test
    void softmaxSymmetricCrossEntropyMatchesHandComputation() {
        TwoTowerModel m = TwoTowerModel.create(tiny(ContrastiveLoss.SOFTMAX));
        SyntheticPairs d = new SyntheticPairs(6, 3, 4, 5);
        double[][] cos = cosines(m, d);
        double t = m.temperature();
        assertEquals(1 / 0.07, t, 1e-4);
        assertEquals(0.0, m.bias(), 0.0);
        PairScores s = m.pairScores(d.images, d.tokens);
        int n = cos.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double rowSum = 0;
            double colSum = 0;
            for (int j = 0; j < n; j++) {
                rowSum += Math.exp(t * cos[i][j]);
                colSum += Math.exp(t * cos[j][i]);
                assertEquals(t * cos[i][j], s.logits().getDouble(i, j), TOL * t);
            }
            double li = t * cos[i][i];
            double example = 0.5 * ((Math.log(rowSum) - li) + (Math.log(colSum) - li));
            assertEquals(example, s.exampleLoss().getDouble(i), TOL * Math.max(1, example));
            assertEquals(example, s.pairLoss().getDouble(i, i), TOL * Math.max(1, example));
            total += example;
        }
        assertEquals(0.0, s.pairLoss().sumNumber().doubleValue() - s.exampleLoss().sumNumber().doubleValue(), 1e-4);
        assertEquals(total / n, s.loss(), TOL * Math.max(1, total / n));
    }

    @Test
    void embeddingsAreUnitLength() {
        TwoTowerModel m = TwoTowerModel.create(tiny(ContrastiveLoss.SIGMOID));
        SyntheticPairs d = new SyntheticPairs(5, 5, 4, 2);
        double[] ones = {1, 1, 1, 1, 1};
        assertArrayEquals(ones, m.embedImages(d.images).norm2(1).toDoubleVector(), 1e-5);
        assertArrayEquals(ones, m.embedTexts(d.tokens).norm2(1).toDoubleVector(), 1e-5);
    }

    static ModelConfig tiny(ContrastiveLoss loss) {
        return ModelConfig.defaults(ImageTowerKind.MLP, ModelSize.S).withShape(8, 20, 4).withLoss(loss);
    }

    private static double[][] cosines(TwoTowerModel m, SyntheticPairs d) {
        INDArray img = m.embedImages(d.images);
        INDArray txt = m.embedTexts(d.tokens);
        int n = (int) img.rows();
        double[][] cos = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int k = 0; k < img.columns(); k++) {
                    dot += img.getDouble(i, k) * txt.getDouble(j, k);
                }
                cos[i][j] = dot;
            }
        }
        return cos;
    }
}
