package org.curationlab.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.curationlab.data.CurationException;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The CNN image tower: 3×3 SAME convolutions with ReLU (the first over the image's C channels), a
 * 2×2 max pool after every convolution but the last, global average pooling (so it takes both
 * resolutions: the Flexi-JEST analogue's half-side input), a linear projection. Pools floor odd
 * sides (14 → 7 → 3), and nothing is flattened, so only the side's lower bound matters: at least
 * {@link #MIN_SIDE}, so that XL's three pools leave a pixel at half resolution. Its parameters, its SameDiff graph, its FLOPs and its size
 * ladder are here; its kernels engine, the default way it runs, is {@link CnnKernels}.
 */
final class CnnTower implements ImageTower {
    static final String PROJECTION_W = "img_proj_w";
    static final String PROJECTION_B = "img_proj_b";
    /** The smallest side taken: its half, 8, pools to 4, 2, 1 in XL's three pools. */
    static final int MIN_SIDE = 16;

    /** Output channels of each 3×3 conv; a 2×2 max pool follows every conv but the last. */
    @Override
    public int[] widths(ModelSize size) {
        return channels(size);
    }

    static int[] channels(ModelSize size) {
        return switch (size) {
            case S -> new int[] {16, 32};
            case M -> new int[] {16, 32, 64};
            case L -> new int[] {32, 64, 96};
            case XL -> new int[] {32, 64, 128, 128};
        };
    }

    @Override
    public boolean accepts(ImageResolution resolution) {
        return true; // global average pooling: any side the pools divide
    }

    @Override
    public void requireShape(ImageShape shape) {
        if (shape.side() < MIN_SIDE) {
            throw new CurationException("image size " + shape.side() + " is too small for the cnn tower: it takes "
                    + "sides of at least " + MIN_SIDE + " (its pools need a pixel left at half resolution)");
        }
    }

    @Override
    public List<String> parameterNames(ModelConfig c) {
        return parameterNamesOf(widths(c.size()).length);
    }

    static List<String> parameterNamesOf(int layers) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            names.add(weight(i));
            names.add(bias(i));
        }
        names.add(PROJECTION_W);
        names.add(PROJECTION_B);
        return List.copyOf(names);
    }

    @Override
    public void initialise(ModelConfig c, Random rng, Map<String, INDArray> into) {
        int in = c.imageShape().channels();
        int[] channels = widths(c.size());
        for (int i = 0; i < channels.length; i++) {
            // He init for ReLU; weights in libnd4j's YXIO layout [kH, kW, in, out].
            into.put(weight(i), TowerParameters.gaussian(rng, Math.sqrt(2.0 / (9 * in)), 3, 3, in, channels[i]));
            into.put(bias(i), Nd4j.zeros(DataType.FLOAT, channels[i]));
            in = channels[i];
        }
        into.put(PROJECTION_W, TowerParameters.gaussian(rng, Math.sqrt(1.0 / in), in, c.embedDim()));
        into.put(PROJECTION_B, Nd4j.zeros(DataType.FLOAT, c.embedDim()));
    }

    /** 2·9·C_in·C_out per output pixel, padded borders included (im2col multiplies the zeros too). */
    @Override
    public long forwardFlops(ModelConfig c, ImageResolution resolution) {
        long flops = 0;
        long in = c.imageShape().channels();
        long hw = c.imageShape().side(resolution);
        int[] channels = widths(c.size());
        for (int i = 0; i < channels.length; i++) {
            flops += 2L * 9 * in * channels[i] * hw * hw;
            in = channels[i];
            if (i < channels.length - 1) {
                hw = hw / 2; // 2×2 max pool, stride 2, no padding
            }
        }
        return flops + 2 * in * c.embedDim();
    }

    /** NCHW [n, C, h, w]: one graph serves both resolutions. */
    @Override
    public SDVariable placeholder(SameDiff sd, ModelConfig c, String name) {
        return sd.placeHolder(name, DataType.FLOAT, -1, c.imageShape().channels(), -1, -1);
    }

    /** The channel-major rows [n, C·s·s] are NCHW [n, C, s, s] as they lie. */
    @Override
    public INDArray graphInput(INDArray x, ModelConfig c, ImageResolution res) {
        int channels = c.imageShape().channels();
        int side = c.imageShape().side(res);
        if (!x.isView() && x.ordering() == 'c') {
            return x.reshape('c', x.rows(), channels, side, side);
        }
        return x.dup('c').reshape('c', x.rows(), channels, side, side);
    }

    @Override
    public SDVariable graph(SameDiff sd, ModelConfig c, Map<String, SDVariable> v, SDVariable x) {
        Conv2DConfig conv = Conv2DConfig.builder().kH(3).kW(3).sH(1).sW(1)
                .paddingMode(PaddingMode.SAME).dataFormat("NCHW")
                .weightsFormat(WeightsFormat.YXIO).build();
        Pooling2DConfig pool = Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2)
                .paddingMode(PaddingMode.VALID).isNHWC(false).build();
        int layers = widths(c.size()).length;
        for (int i = 0; i < layers; i++) {
            x = sd.nn.relu(sd.cnn.conv2d(x, v.get(weight(i)), v.get(bias(i)), conv), 0);
            if (i < layers - 1) {
                x = sd.cnn.maxPooling2d(x, pool);
            }
        }
        // Global average pooling makes the tower resolution-agnostic (Flexi-JEST analogue).
        SDVariable pooled = sd.mean(x, 2, 3);
        return TwoTowerGraph.dense(pooled, v.get(PROJECTION_W), v.get(PROJECTION_B));
    }

    @Override
    public Kernels kernels(ModelConfig c, Map<String, INDArray> params) {
        return new CnnKernels(c, params);
    }

    @Override
    public boolean hasKernels() {
        return true;
    }

    static String weight(int i) {
        return "img_conv" + i + "_w";
    }

    static String bias(int i) {
        return "img_conv" + i + "_b";
    }
}
