package org.curationlab.data.pairs;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.curationlab.data.PoolTruth;

/**
 * What a training or evaluation pool offers a two-tower model, whatever world it comes from:
 * the synthetic Fashion-MNIST pools ({@link SyntheticPairs} over a {@link org.curationlab.data.PairPool})
 * or your own pairs ({@link OwnPairPool}). Pair {@code i}'s image is row {@code i} of
 * {@link #images}, its caption row {@code i} of {@link #tokens}. Facts only the synthetic world
 * knows (provenance flags, composition) are behind {@link #truth()}, so nothing that reads this
 * interface depends on them being there.
 */
public interface ImageTextPairs {
    String name();

    int size();

    /** 1 (grey) or 3 (RGB). */
    int channels();

    /** Images are {@code side × side}. */
    int side();

    default int pixelsPerImage() {
        return channels() * side() * side();
    }

    /**
     * The images of the given pairs, [ids.length, channels·side·side] FLOAT in [0, 1], channel-major:
     * a new array on every call, which the caller owns (a training loop releases it after its step).
     */
    INDArray images(int[] ids);

    /** The same images shaped [ids.length, channels, side, side]. */
    default INDArray imagesNchw(int[] ids) {
        return images(ids).reshape('c', ids.length, channels(), side(), side());
    }

    int maxTokens();

    /** The captions' token ids, [ids.length, maxTokens] INT32, 0 = padding: a new array the caller owns, as {@link #images(int[])}. */
    INDArray tokens(int[] ids);

    /** 1 at a word, 0 at padding: the same shape as {@link #tokens}, FLOAT. */
    default INDArray tokenMask(int[] ids) {
        return tokens(ids).neq(0).castTo(DataType.FLOAT);
    }

    /** Every image, [size, channels·side·side]. */
    default INDArray images() {
        return images(all());
    }

    /** Every caption's tokens, [size, maxTokens]. */
    default INDArray tokens() {
        return tokens(all());
    }

    private int[] all() {
        int[] ids = new int[size()];
        Arrays.setAll(ids, i -> i);
        return ids;
    }

    /**
     * SHA-256 over the pixels and tokens, hex: caches of anything computed from the pool (a
     * reference's embeddings) key on it, so another pool can never be served stale results.
     */
    String contentHash();

    /** A pool of the given pairs, renumbered from 0, named {@code name}. */
    ImageTextPairs subset(int[] ids, String name);

    /** The ground truth of the synthetic world (flags, composition); empty for your own pairs. */
    default Optional<PoolTruth> truth() {
        return Optional.empty();
    }

    String caption(int i);

    /** Where pair {@code i} came from, unique in the pool (a file's key, a source index). */
    String key(int i);

    /** Index into {@link #labelNames()}, or −1 when the pool has no labels. */
    int label(int i);

    /** The label names; empty when the pool has no labels. */
    List<String> labelNames();
}
