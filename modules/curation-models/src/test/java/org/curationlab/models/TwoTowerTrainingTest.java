package org.curationlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.curationlab.data.CurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class TwoTowerTrainingTest {
    private static final int CLASSES = 8;

    @ParameterizedTest
    @EnumSource(ContrastiveLoss.class)
    void lossFallsAndRetrievalBeatsChance(ContrastiveLoss loss) {
        ModelConfig c = ModelConfig.defaults(ImageTowerKind.MLP, ModelSize.S)
                .withShape(16, 20, 4).withLoss(loss).withSchedule(3e-3, 5, 200);
        TwoTowerModel m = TwoTowerModel.create(c);
        SyntheticPairs d = new SyntheticPairs(32, CLASSES, 4, 11);
        double first = m.trainStep(d.images, d.tokens);
        double last = first;
        for (int i = 1; i < 50; i++) {
            last = m.trainStep(d.images, d.tokens);
        }
        double accuracy = classRetrievalAccuracy(m.pairScores(d.images, d.tokens).logits(), d.classes);
        System.out.printf("%s: loss %.4f -> %.4f, image->text class accuracy %.3f (chance %.3f)%n",
                loss, first, last, accuracy, 1.0 / CLASSES);
        assertTrue(last < 0.8 * first, "loss " + first + " -> " + last);
        assertTrue(accuracy >= 0.5, "retrieval accuracy " + accuracy);
        assertEquals(50, m.step());
    }

    @Test
    void cnnTrainsAtHalfResolution() {
        ModelConfig c = ModelConfig.defaults(ImageTowerKind.CNN, ModelSize.S)
                .withShape(16, 20, 4).withSchedule(1e-2, 2, 100);
        TwoTowerModel m = TwoTowerModel.create(c);
        SyntheticPairs d = new SyntheticPairs(32, CLASSES, 4, 3);
        INDArray low = ImageResolution.downsample(d.images);
        double first = m.trainStep(low, d.tokens);
        double last = first;
        for (int i = 1; i < 12; i++) {
            last = m.trainStep(low, d.tokens);
        }
        assertTrue(last < first, "loss " + first + " -> " + last);
    }

    @Test
    void cnnAcceptsBothResolutionsAndMixedBatches() {
        ModelConfig c = ModelConfig.defaults(ImageTowerKind.CNN, ModelSize.S).withShape(16, 20, 4);
        TwoTowerModel m = TwoTowerModel.create(c);
        SyntheticPairs d = new SyntheticPairs(8, 4, 4, 3);
        INDArray low = ImageResolution.downsample(d.images);
        assertArrayEquals(new long[] {8, 16}, m.embedImages(d.images).shape());
        assertArrayEquals(new long[] {8, 16}, m.embedImages(low).shape());
        // Global average pooling: a uniform image gives the same embedding at both resolutions.
        INDArray grey = d.images.dup().assign(0.5);
        assertTrue(m.embedImages(grey).sub(m.embedImages(ImageResolution.downsample(grey)))
                .norm2Number().doubleValue() > 0, "borders differ, so embeddings do too");
        PairScores s = m.pairScores(low, d.tokens);
        assertArrayEquals(new long[] {8, 8}, s.logits().shape());
        INDArray high = d.images.get(NDArrayIndex.interval(0, 5));
        INDArray lowPart = low.get(NDArrayIndex.interval(5, 8));
        // The mixed step's loss is that of the concatenated embeddings against all captions.
        INDArray imageEmb = Nd4j.concat(0, m.embedImages(high), m.embedImages(lowPart));
        double expected = c.loss().score(imageEmb, m.embedTexts(d.tokens), m.temperature(),
                m.bias()).loss();
        INDArray before = m.embedImages(d.images);
        double mixed = m.trainStep(high, lowPart, d.tokens);
        assertEquals(expected, mixed, 1e-4 * expected);
        // Both graphs hold the same weight arrays: the single-resolution graph sees the update.
        assertTrue(m.embedImages(d.images).sub(before).norm2Number().doubleValue() > 1e-6);
        double plain = m.trainStep(d.images, d.tokens);
        assertTrue(Double.isFinite(plain));
        assertEquals(2, m.step());
    }

    @Test
    void mlpRejectsHalfResolution() {
        TwoTowerModel m = TwoTowerModel.create(ContrastiveLossTest.tiny(ContrastiveLoss.SIGMOID));
        SyntheticPairs d = new SyntheticPairs(4, 4, 4, 3);
        INDArray low = ImageResolution.downsample(d.images);
        CurationException e = assertThrows(CurationException.class, () -> m.embedImages(low));
        assertTrue(e.getMessage().contains("MLP"), e.getMessage());
        assertThrows(CurationException.class, () -> m.trainStep(d.images, low, d.tokens));
    }

    @Test
    void badTokensAreRejected() {
        TwoTowerModel m = TwoTowerModel.create(ContrastiveLossTest.tiny(ContrastiveLoss.SIGMOID));
        SyntheticPairs d = new SyntheticPairs(4, 4, 4, 3);
        INDArray outOfVocab = d.tokens.dup();
        outOfVocab.putScalar(2, 1, 20);
        CurationException e = assertThrows(CurationException.class, () -> m.embedTexts(outOfVocab));
        assertTrue(e.getMessage().contains("vocabSize"), e.getMessage());
        assertThrows(CurationException.class,
                () -> m.trainStep(d.images, d.tokens.get(NDArrayIndex.interval(0, 3))));
    }

    @Test
    void sameSeedSameLossesBitForBit() {
        ModelConfig c = ContrastiveLossTest.tiny(ContrastiveLoss.SIGMOID).withSchedule(3e-3, 2, 50);
        SyntheticPairs d = new SyntheticPairs(32, CLASSES, 4, 9);
        double[] a = losses(TwoTowerModel.create(c), d, 5);
        double[] b = losses(TwoTowerModel.create(c), d, 5);
        assertArrayEquals(a, b, 0.0);
        double[] other = losses(TwoTowerModel.create(c.withSeed(c.seed() + 1)), d, 5);
        assertNotEquals(a[0], other[0]);
    }

    static double[] losses(TwoTowerModel m, SyntheticPairs d, int steps) {
        double[] out = new double[steps];
        for (int i = 0; i < steps; i++) {
            out[i] = m.trainStep(d.images, d.tokens);
        }
        return out;
    }

    /** Fraction of images whose top-scoring caption has the image's class. */
    static double classRetrievalAccuracy(INDArray logits, int[] classes) {
        long[] best = logits.argMax(1).toLongVector();
        int hits = 0;
        for (int i = 0; i < best.length; i++) {
            hits += classes[(int) best[i]] == classes[i] ? 1 : 0;
        }
        return (double) hits / best.length;
    }
}
