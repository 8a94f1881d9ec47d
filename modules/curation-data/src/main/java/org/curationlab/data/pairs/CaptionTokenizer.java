package org.curationlab.data.pairs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.curationlab.data.CurationException;
import org.curationlab.data.Vocabulary;
import org.curationlab.data.Words;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A word-level tokenizer for free-text captions whose vocabulary is built from a training pool.
 * Words are cut as {@link Words#of} cuts them for the synthetic world's tokenizer too (NFKC,
 * lower case, letters, digits and marks, apostrophes and hyphens inside a word kept: "don't",
 * "t-shirt"), and ids are given by the same {@link Vocabulary}. Words seen fewer than {@code minCount} times, or beyond the {@code maxVocab} most
 * frequent, become {@code <unk>}. Ids: {@code <pad>} = 0 and {@code <unk>} = 1 (as in
 * {@link org.curationlab.data.WordTokenizer}), then words by falling frequency, ties in
 * alphabetical order, so the same pool always gives the same ids. It round-trips through JSON
 * so that it can travel inside a checkpoint.
 */
public final class CaptionTokenizer {
    public static final int PAD = Vocabulary.PAD;
    public static final int UNK = Vocabulary.UNK;
    /** Version 2: hyphenated words are one word (version 1 split them); no checkpoint holds version 1. */
    public static final String FORMAT = "curationlab-word-tokenizer/2";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vocabulary vocab;
    private final int maxTokens;
    private final int minCount;

    private CaptionTokenizer(List<String> vocab, int maxTokens, int minCount) {
        try {
            this.vocab = new Vocabulary(vocab);
        } catch (IllegalArgumentException e) {
            throw new CurationException("tokenizer: " + e.getMessage());
        }
        this.maxTokens = maxTokens;
        this.minCount = minCount;
    }

    /**
     * @param minCount  a word must occur at least this often in the captions
     * @param maxVocab  at most this many words (besides {@code <pad>} and {@code <unk>}); 0: no limit
     * @param maxTokens token ids per caption: longer ones are cut, shorter ones padded
     */
    public static CaptionTokenizer build(List<String> captions, int minCount, int maxVocab, int maxTokens) {
        if (minCount < 1) {
            throw new CurationException("--min-word-count: " + minCount + " must be at least 1");
        }
        if (maxVocab < 0) {
            throw new CurationException("--max-vocab: " + maxVocab + " must be 0 (no limit) or positive");
        }
        if (maxTokens < 1) {
            throw new CurationException("--max-tokens: " + maxTokens + " must be at least 1");
        }
        Map<String, Integer> counts = new HashMap<>();
        for (String c : captions) {
            for (String w : words(c)) {
                counts.merge(w, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> kept = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() >= minCount) {
                kept.add(e);
            }
        }
        kept.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<String> vocab = new ArrayList<>(List.of("<pad>", "<unk>"));
        for (int i = 0; i < kept.size() && (maxVocab == 0 || i < maxVocab); i++) {
            vocab.add(kept.get(i).getKey());
        }
        return new CaptionTokenizer(vocab, maxTokens, minCount);
    }

    /** The caption's words ({@link Words#of}): normalised, lower-cased, punctuation dropped. */
    public static List<String> words(String text) {
        return Words.of(text);
    }

    public int vocabSize() {
        return vocab.size();
    }

    public int maxTokens() {
        return maxTokens;
    }

    public int minCount() {
        return minCount;
    }

    public String word(int id) {
        return vocab.word(id);
    }

    /** Token ids, cut or padded with {@link #PAD} to {@link #maxTokens()}. */
    public int[] encode(String text) {
        return vocab.encode(words(text), maxTokens);
    }

    /** The words of the ids, {@code <unk>} for unknown ones, padding left out. */
    public String decode(int[] tokens) {
        return vocab.decode(tokens);
    }

    /** Token ids of many captions, [n, maxTokens] INT32, 0 = padding. */
    public INDArray encodeAll(List<String> captions) {
        int[] out = new int[captions.size() * maxTokens];
        for (int r = 0; r < captions.size(); r++) {
            System.arraycopy(encode(captions.get(r)), 0, out, r * maxTokens, maxTokens);
        }
        return Nd4j.createFromArray(out).reshape(captions.size(), maxTokens);
    }

    /** 1 where a token is a word (known or not), 0 at padding; same shape, FLOAT. */
    public static INDArray mask(INDArray tokens) {
        return tokens.neq(PAD).castTo(DataType.FLOAT);
    }

    public String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", FORMAT);
        n.put("lowercase", true);
        n.put("maxTokens", maxTokens);
        n.put("minCount", minCount);
        n.set("vocab", JSON.valueToTree(vocab.words()));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n);
        } catch (IOException e) {
            throw new IllegalStateException("a tokenizer always serialises", e);
        }
    }

    public byte[] toBytes() {
        return toJson().getBytes(StandardCharsets.UTF_8);
    }

    public static CaptionTokenizer fromBytes(byte[] bytes) {
        return fromJson(new String(bytes, StandardCharsets.UTF_8));
    }

    public static CaptionTokenizer fromJson(String json) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (IOException e) {
            throw new CurationException("tokenizer: not JSON (" + String.valueOf(e.getMessage()).split("\n")[0] + ")", e);
        }
        if (n == null || !FORMAT.equals(n.path("format").asText())) {
            throw new CurationException("tokenizer: format is '" + (n == null ? "" : n.path("format").asText()) + "', expected '" + FORMAT + "'");
        }
        if (!n.path("vocab").isArray() || !n.path("maxTokens").canConvertToInt()) {
            throw new CurationException("tokenizer: 'vocab' (a list of words) and 'maxTokens' are required");
        }
        List<String> vocab = new ArrayList<>();
        n.get("vocab").forEach(w -> vocab.add(w.asText()));
        return new CaptionTokenizer(vocab, n.get("maxTokens").asInt(), n.path("minCount").asInt(1));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CaptionTokenizer t && t.vocab.words().equals(vocab.words()) && t.maxTokens == maxTokens && t.minCount == minCount;
    }

    @Override
    public int hashCode() {
        return vocab.words().hashCode() * 31 + maxTokens;
    }
}
