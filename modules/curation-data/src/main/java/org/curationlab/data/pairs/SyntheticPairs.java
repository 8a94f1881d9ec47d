package org.curationlab.data.pairs;

import org.curationlab.data.FashionClass;
import org.curationlab.data.ImageSet;
import org.curationlab.data.PairPool;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.curationlab.data.PoolTruth;

/** A synthetic Fashion-MNIST pool seen through {@link ImageTextPairs}; the pool itself is unchanged. */
public final class SyntheticPairs implements ImageTextPairs {
    private static final List<String> CLASS_NAMES =
            Arrays.stream(FashionClass.values()).map(FashionClass::displayName).toList();

    private final PairPool pool;

    public SyntheticPairs(PairPool pool) {
        this.pool = pool;
    }

    public PairPool pool() {
        return pool;
    }

    @Override
    public String name() {
        return pool.name();
    }

    @Override
    public int size() {
        return pool.size();
    }

    @Override
    public int channels() {
        return 1;
    }

    @Override
    public int side() {
        return ImageSet.SIDE;
    }

    @Override
    public INDArray images(int[] ids) {
        return pool.images(ids);
    }

    @Override
    public INDArray images() {
        return pool.images();
    }

    @Override
    public INDArray tokens() {
        return pool.tokens();
    }

    @Override
    public String contentHash() {
        return pool.contentHash();
    }

    @Override
    public SyntheticPairs subset(int[] ids, String name) {
        return new SyntheticPairs(pool.subset(ids, name));
    }

    /** The pool's provenance flags and composition. */
    @Override
    public Optional<PoolTruth> truth() {
        return Optional.of(pool);
    }

    @Override
    public int maxTokens() {
        return pool.maxTokens();
    }

    @Override
    public INDArray tokens(int[] ids) {
        return pool.tokens(ids);
    }

    @Override
    public String caption(int i) {
        return pool.caption(i);
    }

    /** {@code <pool>#<id>/<split index>}: the pair and the Fashion-MNIST image it was made from. */
    @Override
    public String key(int i) {
        return pool.name() + "#" + i + "/" + pool.sourceIndex(i);
    }

    @Override
    public int label(int i) {
        return pool.classOf(i);
    }

    @Override
    public List<String> labelNames() {
        return CLASS_NAMES;
    }
}
