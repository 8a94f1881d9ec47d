package org.curationlab.data;

/**
 * Everything that determines a web pool: its size, its noise and the seed. Two equal specs over
 * the same Fashion-MNIST files give identical pools, pair for pair.
 */
public record PoolSpec(int size, NoiseSpec noise, long seed) {
    public static final int DEFAULT_SIZE = 20_000;

    public PoolSpec {
        if (size <= 0) {
            throw new CurationException("--pool-size: " + size + " must be a positive number of pairs");
        }
        if (noise == null) {
            throw new CurationException("--noise: missing");
        }
    }

    public static PoolSpec web(long seed) {
        return new PoolSpec(DEFAULT_SIZE, NoiseSpec.WEB, seed);
    }

    /** A stable text key, e.g. for caches of embeddings computed over this pool. */
    public String key() {
        return "size=" + size + ";noise=" + noise + ";seed=" + seed;
    }
}
