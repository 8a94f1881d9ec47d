package org.curationlab.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.curationlab.data.CurationException;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The MLP image tower: ReLU dense layers over the flattened C×H×W image (input width C·H·W, any
 * shape {@link ImageShape} allows), then a linear projection to the embedding. It has no pooling,
 * so it takes only full-resolution input, and no kernels engine: it runs inside the whole
 * SameDiff graph.
 */
final class MlpTower implements ImageTower {
    private static final String PROJECTION_W = "img_proj_w";
    private static final String PROJECTION_B = "img_proj_b";

    @Override
    public int[] widths(ModelSize size) {
        return switch (size) {
            case S -> new int[] {64};
            case M -> new int[] {128, 128};
            case L -> new int[] {256, 256};
            case XL -> new int[] {512, 512};
        };
    }

    @Override
    public boolean accepts(ImageResolution resolution) {
        return resolution == ImageResolution.FULL;
    }

    @Override
    public List<String> parameterNames(ModelConfig c) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < widths(c.size()).length; i++) {
            names.add(weight(i));
            names.add(bias(i));
        }
        names.add(PROJECTION_W);
        names.add(PROJECTION_B);
        return names;
    }

    @Override
    public void initialise(ModelConfig c, Random rng, Map<String, INDArray> into) {
        int in = c.imageShape().pixels();
        int[] hidden = widths(c.size());
        for (int i = 0; i < hidden.length; i++) {
            into.put(weight(i), TowerParameters.gaussian(rng, Math.sqrt(2.0 / in), in, hidden[i])); // He, ReLU
            into.put(bias(i), Nd4j.zeros(DataType.FLOAT, hidden[i]));
            in = hidden[i];
        }
        into.put(PROJECTION_W, TowerParameters.gaussian(rng, Math.sqrt(1.0 / in), in, c.embedDim()));
        into.put(PROJECTION_B, Nd4j.zeros(DataType.FLOAT, c.embedDim()));
    }

    @Override
    public long forwardFlops(ModelConfig c, ImageResolution resolution) {
        if (!accepts(resolution)) {
            throw new CurationException("the MLP image tower takes only full-resolution input (" + c.imageShape()
                    + "); use a CNN tower for " + c.imageShape().at(ImageResolution.HALF));
        }
        long flops = 0;
        long in = c.imageShape().pixels();
        for (int h : widths(c.size())) {
            flops += 2 * in * h;
            in = h;
        }
        return flops + 2 * in * c.embedDim();
    }

    @Override
    public SDVariable placeholder(SameDiff sd, ModelConfig c, String name) {
        return sd.placeHolder(name, DataType.FLOAT, -1, c.imageShape().pixels());
    }

    @Override
    public INDArray graphInput(INDArray images, ModelConfig c, ImageResolution resolution) {
        return images;
    }

    @Override
    public SDVariable graph(SameDiff sd, ModelConfig c, Map<String, SDVariable> v, SDVariable x) {
        int layers = widths(c.size()).length;
        for (int i = 0; i < layers; i++) {
            x = sd.nn.relu(TwoTowerGraph.dense(x, v.get(weight(i)), v.get(bias(i))), 0);
        }
        return TwoTowerGraph.dense(x, v.get(PROJECTION_W), v.get(PROJECTION_B));
    }

    private static String weight(int i) {
        return "img_fc" + i + "_w";
    }

    private static String bias(int i) {
        return "img_fc" + i + "_b";
    }
}
