package org.curationlab.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Streams a {@link PairPool} as DL4J MultiDataSets, one epoch per pass, reshuffled each epoch
 * from the seed. Features are {@code [images [n,784] FLOAT, tokens [n,L] INT32]}; the single
 * label array holds the pair ids {@code [n,1] INT64}, which is how a selector's choice is traced
 * back to the pairs' provenance flags.
 */
public final class PairPoolIterator implements MultiDataSetIterator {
    private final PairPool pool;
    private final int batchSize;
    private final long seed;
    private final boolean shuffle;
    private int[] order;
    private int cursor;
    private int epoch;
    private MultiDataSetPreProcessor preProcessor;

    public PairPoolIterator(PairPool pool, int batchSize, boolean shuffle, long seed) {
        if (batchSize <= 0) {
            throw new CurationException("--batch: " + batchSize + " must be positive");
        }
        this.pool = pool;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        newEpoch();
    }

    private void newEpoch() {
        order = new int[pool.size()];
        Arrays.setAll(order, i -> i);
        if (shuffle) {
            SplittableRandom rng = Seeds.stream(Seeds.mix(seed, "epoch-" + epoch), pool.name() + "/iterator");
            Seeds.shuffle(order, rng);
        }
        cursor = 0;
    }

    public int epoch() {
        return epoch;
    }

    @Override
    public MultiDataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " of " + pool.name() + " is exhausted; call reset()");
        }
        int n = Math.min(num, order.length - cursor);
        int[] ids = Arrays.copyOfRange(order, cursor, cursor + n);
        cursor += n;
        long[] idLabels = Arrays.stream(ids).asLongStream().toArray();
        INDArray[] features = {pool.images(ids), pool.tokens(ids)};
        INDArray[] labels = {Nd4j.createFromArray(idLabels).reshape(n, 1)};
        MultiDataSet mds = new org.nd4j.linalg.dataset.MultiDataSet(features, labels);
        if (preProcessor != null) {
            preProcessor.preProcess(mds);
        }
        return mds;
    }

    @Override
    public MultiDataSet next() {
        return next(batchSize);
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    /** Starts the next epoch, in a new order when shuffling. */
    @Override
    public void reset() {
        epoch++;
        newEpoch();
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }
}
