package org.curationlab.data.pairs;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Optional;
import org.curationlab.data.NativeArrays;
import org.curationlab.data.PoolTruth;

/** Your own pairs with their captions tokenized: what a training pool of them offers a model. */
public final class OwnPairPool implements ImageTextPairs {
    private final String name;
    private final OwnPairs pairs;
    private final CaptionTokenizer tokenizer;
    private final int[] tokens;
    /** Per pair, true when its caption was moved on purpose (--shuffle-captions); null when nothing is known. */
    private final boolean[] misaligned;

    public OwnPairPool(String name, OwnPairs pairs, CaptionTokenizer tokenizer) {
        this(name, pairs, tokenizer, null);
    }

    /**
     * Pairs whose misaligned ones are known ({@link MisalignedCaptions}): the pool then has ground
     * truth, so the batches and prunings drawn from it are audited as the synthetic world's are.
     */
    public OwnPairPool(String name, OwnPairs pairs, CaptionTokenizer tokenizer, boolean[] misaligned) {
        if (misaligned != null && misaligned.length != pairs.size()) {
            throw new IllegalArgumentException(misaligned.length + " flags for " + pairs.size() + " pairs");
        }
        this.name = name;
        this.pairs = pairs;
        this.tokenizer = tokenizer;
        this.misaligned = misaligned;
        int len = tokenizer.maxTokens();
        this.tokens = new int[pairs.size() * len];
        for (int i = 0; i < pairs.size(); i++) {
            System.arraycopy(tokenizer.encode(pairs.caption(i)), 0, tokens, i * len, len);
        }
    }

    public OwnPairs pairs() {
        return pairs;
    }

    public CaptionTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return pairs.size();
    }

    @Override
    public int channels() {
        return pairs.channels();
    }

    @Override
    public int side() {
        return pairs.side();
    }

    @Override
    public INDArray images(int[] ids) {
        return pairs.images(ids);
    }

    @Override
    public int maxTokens() {
        return tokenizer.maxTokens();
    }

    @Override
    public INDArray tokens(int[] ids) {
        return NativeArrays.rows(tokens, tokenizer.maxTokens(), ids);
    }

    /** SHA-256 over the decoded pairs and this pool's tokens: a pool under another tokenizer is another pool. */
    @Override
    public String contentHash() {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            md.update(pairs.contentHash().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4 * tokens.length);
            buf.asIntBuffer().put(tokens);
            md.update(buf.array());
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    @Override
    public OwnPairPool subset(int[] ids, String subsetName) {
        boolean[] flags = null;
        if (misaligned != null) {
            flags = new boolean[ids.length];
            for (int r = 0; r < ids.length; r++) {
                flags[r] = misaligned[ids[r]];
            }
        }
        return new OwnPairPool(subsetName, pairs.subset(ids), tokenizer, flags);
    }

    /** Which pairs are misaligned, where that is known (a known share of captions moved); else empty. */
    @Override
    public Optional<PoolTruth> truth() {
        return misaligned == null ? Optional.empty() : Optional.of(new OwnPairsTruth(misaligned, pairs));
    }

    /** The same pairs with their captions tokenized by {@code other} (a reference's own vocabulary). */
    public OwnPairPool withTokenizer(CaptionTokenizer other) {
        return new OwnPairPool(name, pairs, other, misaligned);
    }

    @Override
    public String caption(int i) {
        return pairs.caption(i);
    }

    @Override
    public String key(int i) {
        return pairs.key(i);
    }

    @Override
    public int label(int i) {
        return pairs.label(i);
    }

    @Override
    public List<String> labelNames() {
        return pairs.labelNames();
    }
}
