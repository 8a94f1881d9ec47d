package org.curationlab.models;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A tiny aligned image-text set for tests: example i has class i mod k, its caption is the
 * token {@code class + 1} (then padding) and its image a bright 7×7 block at a class-specific
 * place on a faint noise background. Deterministic from the seed.
 */
final class SyntheticPairs {
    final INDArray images;
    final INDArray tokens;
    final int[] classes;

    SyntheticPairs(int n, int classCount, int maxTokens, long seed) {
        Random rng = new Random(seed);
        float[] px = new float[n * 784];
        int[] tok = new int[n * maxTokens];
        classes = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % classCount;
            classes[i] = c;
            int top = 7 * ((c / 4) % 4);
            int left = 7 * (c % 4);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    boolean on = y >= top && y < top + 7 && x >= left && x < left + 7;
                    px[i * 784 + y * 28 + x] = on ? 0.9f : 0.1f * rng.nextFloat();
                }
            }
            tok[i * maxTokens] = c + 1;
        }
        images = Nd4j.create(px, new long[] {n, 784}, 'c');
        tokens = Nd4j.createFromArray(tok).reshape('c', n, maxTokens).castTo(DataType.INT32);
    }
}
