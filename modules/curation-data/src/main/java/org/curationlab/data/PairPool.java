package org.curationlab.data;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * A set of image-text pairs with their ground-truth provenance: the uncurated web pool, a curated
 * reference set, or the evaluation set. Pair {@code i} has id {@code i}; its image is row
 * {@code i} of {@link #images()} (floats in [0, 1], 784 per image) and its caption's tokens row
 * {@code i} of {@link #tokens()}.
 */
public final class PairPool implements PoolTruth {
    private final String name;
    private final float[] images;
    private final String[] captions;
    private final int[] tokens;
    private final int maxTokens;
    private final int[] classes;
    private final PairFlag[] flags;
    private final int[] duplicateOf;
    private final int[] sourceIndex;

    /**
     * @param classes     the true class of each image (what the image shows, whatever its caption says)
     * @param duplicateOf for a {@link PairFlag#DUPLICATE}, the id of the pair it copies; else −1
     * @param sourceIndex the Fashion-MNIST index the image came from (within its split)
     */
    public PairPool(String name, float[] images, String[] captions, int[] tokens, int maxTokens,
                    int[] classes, PairFlag[] flags, int[] duplicateOf, int[] sourceIndex) {
        int n = captions.length;
        if (images.length != n * ImageSet.PIXELS || tokens.length != n * maxTokens || classes.length != n
                || flags.length != n || duplicateOf.length != n || sourceIndex.length != n) {
            throw new IllegalArgumentException("pool arrays disagree on the number of pairs (" + n + ")");
        }
        this.name = name;
        this.images = images;
        this.captions = captions;
        this.tokens = tokens;
        this.maxTokens = maxTokens;
        this.classes = classes;
        this.flags = flags;
        this.duplicateOf = duplicateOf;
        this.sourceIndex = sourceIndex;
    }

    public String name() {
        return name;
    }

    /**
     * SHA-256 over the pixels and tokens, hex. Caches of anything computed from the pool (e.g. a
     * reference model's embeddings) key on this, so a change in how pools are generated can never
     * serve stale results under an unchanged spec.
     */
    public String contentHash() {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4 * 4096);
            for (int start = 0; start < images.length; start += 4096) {
                buf.clear();
                buf.asFloatBuffer().put(images, start, Math.min(4096, images.length - start));
                md.update(buf.array(), 0, 4 * Math.min(4096, images.length - start));
            }
            for (int start = 0; start < tokens.length; start += 4096) {
                buf.clear();
                buf.asIntBuffer().put(tokens, start, Math.min(4096, tokens.length - start));
                md.update(buf.array(), 0, 4 * Math.min(4096, tokens.length - start));
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    public int size() {
        return captions.length;
    }

    public int maxTokens() {
        return maxTokens;
    }

    public String caption(int i) {
        return captions[i];
    }

    public int classOf(int i) {
        return classes[i];
    }

    @Override
    public PairFlag flag(int i) {
        return flags[i];
    }

    public int duplicateOf(int i) {
        return duplicateOf[i];
    }

    public int sourceIndex(int i) {
        return sourceIndex[i];
    }

    /** Image {@code i} as a copy of its 784 floats. */
    public float[] image(int i) {
        return Arrays.copyOfRange(images, i * ImageSet.PIXELS, (i + 1) * ImageSet.PIXELS);
    }

    public int[] tokens(int i) {
        return Arrays.copyOfRange(tokens, i * maxTokens, (i + 1) * maxTokens);
    }

    /** All images, [size, 784] FLOAT. */
    public INDArray images() {
        return NativeArrays.floats(images, size(), ImageSet.PIXELS);
    }

    /** All captions' token ids, [size, maxTokens] INT32, 0 = padding. */
    public INDArray tokens() {
        return NativeArrays.ints(tokens, size(), maxTokens);
    }

    /** The images of the given pairs, [ids.length, 784] FLOAT. */
    public INDArray images(int[] ids) {
        return NativeArrays.rows(images, ImageSet.PIXELS, ids);
    }

    /** The captions' tokens of the given pairs, [ids.length, maxTokens] INT32. */
    public INDArray tokens(int[] ids) {
        return NativeArrays.rows(tokens, maxTokens, ids);
    }

    /** The provenance of a set of pairs (counts by flag and class). */
    @Override
    public PoolComposition composition(int[] ids) {
        return PoolComposition.of(this, ids);
    }

    @Override
    public PoolComposition composition() {
        int[] all = new int[size()];
        Arrays.setAll(all, i -> i);
        return PoolComposition.of(this, all);
    }

    /** A new pool of the given pairs (renumbered from 0; duplicate links outside the subset become −1). */
    public PairPool subset(int[] ids, String subsetName) {
        int n = ids.length;
        int[] newId = new int[size()];
        Arrays.fill(newId, -1);
        for (int r = 0; r < n; r++) {
            newId[ids[r]] = r;
        }
        String[] caps = new String[n];
        int[] cls = new int[n], dup = new int[n], src = new int[n];
        PairFlag[] fl = new PairFlag[n];
        for (int r = 0; r < n; r++) {
            int i = ids[r];
            caps[r] = captions[i];
            cls[r] = classes[i];
            fl[r] = flags[i];
            dup[r] = duplicateOf[i] < 0 ? -1 : newId[duplicateOf[i]];
            src[r] = sourceIndex[i];
        }
        float[] img = new float[n * ImageSet.PIXELS];
        int[] tok = new int[n * maxTokens];
        for (int r = 0; r < n; r++) {
            System.arraycopy(images, ids[r] * ImageSet.PIXELS, img, r * ImageSet.PIXELS, ImageSet.PIXELS);
            System.arraycopy(tokens, ids[r] * maxTokens, tok, r * maxTokens, maxTokens);
        }
        return new PairPool(subsetName, img, caps, tok, maxTokens, cls, fl, dup, src);
    }
}
