package org.curationlab.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What evaluation needs of a model: L2-normalised embeddings of images ([n,784] FLOAT) and of
 * token rows ([n,L] INT32). Kept this narrow so that evaluation can score any two-tower model,
 * including ones a test builds by hand.
 */
public interface Encoders {
    INDArray embedImages(INDArray images);

    INDArray embedTexts(INDArray tokens);
}
