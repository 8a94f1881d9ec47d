package org.curationlab.train;

import org.curationlab.data.Seeds;

import java.util.Arrays;

/**
 * Uniform training: epochs over the pool, each in a fresh seeded order; a batch that runs past an
 * epoch's end continues into the next epoch's order.
 */
public final class UniformBatches implements BatchSource {
    private final int poolSize;
    private final int batchSize;
    private final long seed;
    private long cachedEpoch = -1;
    private int[] cachedOrder;

    public UniformBatches(int poolSize, int batchSize, long seed) {
        this.poolSize = poolSize;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    @Override
    public int[] batch(long step) {
        int[] out = new int[batchSize];
        long position = step * batchSize;
        for (int k = 0; k < batchSize; k++, position++) {
            out[k] = order(position / poolSize)[(int) (position % poolSize)];
        }
        return out;
    }

    private int[] order(long epoch) {
        if (epoch != cachedEpoch) {
            int[] o = new int[poolSize];
            Arrays.setAll(o, i -> i);
            Seeds.shuffle(o, Seeds.stream(Seeds.mix(seed, "epoch"), Long.toString(epoch)));
            cachedOrder = o;
            cachedEpoch = epoch;
        }
        return cachedOrder;
    }
}
