package org.curationlab.train;

import org.curationlab.models.TwoTowerModel;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A two-tower model seen through the narrow interface evaluation needs. */
public final class ModelEncoders {
    private ModelEncoders() {
    }

    public static Encoders of(TwoTowerModel model) {
        return new Encoders() {
            @Override
            public INDArray embedImages(INDArray images) {
                return model.embedImages(images);
            }

            @Override
            public INDArray embedTexts(INDArray tokens) {
                return model.embedTexts(tokens);
            }
        };
    }
}
