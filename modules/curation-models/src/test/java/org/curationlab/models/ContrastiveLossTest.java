package org.curationlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The graph's losses against a double-precision hand computation from the model's own
 * embeddings, temperature and bias (docs/models.md formulas).
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

    /** Two pairs with cosines [[1, 0], [0.6, 0.8]] worked out on paper. */
    @Test
    void fixedEmbeddingsSigmoid() {
        INDArray img = Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}});
        INDArray txt = Nd4j.createFromArray(new double[][] {{1, 0}, {0.6, 0.8}});
        PairScores s = ContrastiveLoss.SIGMOID.score(img, txt, 10, -10);
        // logits: [[10·1−10, 10·0.6−10], [10·0−10, 10·0.8−10]] = [[0, −4], [−10, −2]]
        double[][] logits = {{0, -4}, {-10, -2}};
        double[][] pair = {{Math.log(2), Math.log1p(Math.exp(-4))},
                           {Math.log1p(Math.exp(-10)), Math.log1p(Math.exp(2))}};
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(logits[i][j], s.logits().getDouble(i, j), 1e-12);
                assertEquals(pair[i][j], s.pairLoss().getDouble(i, j), 1e-12);
            }
        }
        // ln 2 + 0.0181499 + 0.0000454 + 2.1269280 = 2.8382705; / B = 1.4191353
        assertEquals(1.4191353, s.loss(), 1e-6);
    }

    @Test
    void fixedEmbeddingsSoftmax() {
        INDArray img = Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}});
        INDArray txt = Nd4j.createFromArray(new double[][] {{1, 0}, {0.6, 0.8}});
        PairScores s = ContrastiveLoss.SOFTMAX.score(img, txt, 2, 123);
        // logits [[2, 1.2], [0, 1.6]]; row i: lse(row) − l_ii, column i: lse(col) − l_ii
        double row0 = Math.log(Math.exp(2) + Math.exp(1.2)) - 2;
        double row1 = Math.log(Math.exp(0) + Math.exp(1.6)) - 1.6;
        double col0 = Math.log(Math.exp(2) + Math.exp(0)) - 2;
        double col1 = Math.log(Math.exp(1.2) + Math.exp(1.6)) - 1.6;
        assertEquals(0.5 * (row0 + col0), s.exampleLoss().getDouble(0), 1e-12);
        assertEquals(0.5 * (row1 + col1), s.exampleLoss().getDouble(1), 1e-12);
        assertEquals(0.0, s.pairLoss().getDouble(0, 1), 0.0);
        assertEquals((row0 + col0 + row1 + col1) / 4, s.loss(), 1e-12);
        assertEquals(0.2987362, s.loss(), 1e-6); // worked out by hand
    }

    /** The reference's logits without its pair losses: the very matrix score() gives, bit for bit, so JEST picks the same. */
    @ParameterizedTest
    @EnumSource(ContrastiveLoss.class)
    void logitsAloneAreScoresLogitsBitForBit(ContrastiveLoss loss) {
        Nd4j.getRandom().setSeed(3);
        INDArray img = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 40, 16).subi(0.5);
        INDArray txt = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 40, 16).subi(0.5);
        INDArray alone = loss.logits(img, txt, 9.7, -8.3);
        assertEquals(loss.score(img, txt, 9.7, -8.3).logits(), alone);
        assertTrue(java.util.Arrays.equals(loss.score(img, txt, 9.7, -8.3).logits().data().asFloat(), alone.data().asFloat()));
    }

    @ParameterizedTest
    @EnumSource(ContrastiveLoss.class)
    void graphMatchesPlainNd4jScoring(ContrastiveLoss loss) {
        TwoTowerModel m = TwoTowerModel.create(tiny(loss));
        SyntheticPairs d = new SyntheticPairs(6, 3, 4, 5);
        PairScores graph = m.pairScores(d.images, d.tokens);
        PairScores plain = loss.score(m.embedImages(d.images), m.embedTexts(d.tokens),
                m.temperature(), m.bias());
        assertEquals(plain.loss(), graph.loss(), 1e-4 * plain.loss());
        assertTrue(plain.pairLoss().equalsWithEps(graph.pairLoss(), 1e-3));
        assertTrue(plain.logits().equalsWithEps(graph.logits(), 1e-3));
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
