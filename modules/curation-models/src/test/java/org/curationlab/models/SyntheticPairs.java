package org.curationlab.models;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A tiny aligned image-text set for tests: example i has class i mod k, its caption is the
 * token {@code class + 1} (then padding) and its image a bright (side/4)² block at a class-specific
 * place on a faint noise background, in every channel (channel-major, a little dimmer in each
 * further channel). 1×28×28 unless a shape is given. Deterministic from the seed.
 */
final class SyntheticPairs {
    final INDArray images;
    final INDArray tokens;
    final int[] classes;

    SyntheticPairs(int n, int classCount, int maxTokens, long seed) {
        this(n, classCount, maxTokens, seed, ImageShape.DEFAULT);
    }

    SyntheticPairs(int n, int classCount, int maxTokens, long seed, ImageShape shape) {
        Random rng = new Random(seed);
        int side = shape.side();
        int block = side / 4;
        int pixels = shape.pixels();
        float[] px = new float[n * pixels];
        int[] tok = new int[n * maxTokens];
        classes = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % classCount;
            classes[i] = c;
            int top = block * ((c / 4) % 4);
            int left = block * (c % 4);
            for (int ch = 0; ch < shape.channels(); ch++) {
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        boolean on = y >= top && y < top + block && x >= left && x < left + block;
                        px[i * pixels + (ch * side + y) * side + x] = on ? 0.9f - 0.2f * ch : 0.1f * rng.nextFloat();
                    }
                }
            }
            tok[i * maxTokens] = c + 1;
        }
        images = Nd4j.create(px, new long[] {n, pixels}, 'c');
        tokens = Nd4j.createFromArray(tok).reshape('c', n, maxTokens).castTo(DataType.INT32);
    }
}
