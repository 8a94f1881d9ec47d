package org.curationlab.data;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tokenizer's word list and the one way both tokenizers turn words into ids and back: a word's
 * id is its place in the list, {@code <pad>} = 0 fills a caption up to {@code maxTokens} (longer
 * ones are cut), a word not in the list is {@code <unk>} = 1.
 */
public final class Vocabulary {
    public static final int PAD = 0;
    public static final int UNK = 1;

    private final List<String> words;
    private final Map<String, Integer> ids = new HashMap<>();

    /** @throws IllegalArgumentException when the list does not start with {@code <pad>, <unk>} or holds a word twice */
    public Vocabulary(List<String> words) {
        if (words.size() < 2 || !words.get(PAD).equals("<pad>") || !words.get(UNK).equals("<unk>")) {
            throw new IllegalArgumentException("the vocabulary must start with <pad>, <unk>");
        }
        this.words = List.copyOf(words);
        for (int i = 0; i < words.size(); i++) {
            if (ids.put(words.get(i), i) != null) {
                throw new IllegalArgumentException("the word '" + words.get(i) + "' is in the vocabulary twice");
            }
        }
    }

    public int size() {
        return words.size();
    }

    public String word(int id) {
        return words.get(id);
    }

    public List<String> words() {
        return Collections.unmodifiableList(words);
    }

    /** Ids of {@code ws}, cut or padded with {@link #PAD} to {@code maxTokens}. */
    public int[] encode(List<String> ws, int maxTokens) {
        int[] out = new int[maxTokens];
        for (int i = 0; i < Math.min(ws.size(), maxTokens); i++) {
            out[i] = ids.getOrDefault(ws.get(i), UNK);
        }
        return out;
    }

    /** The words of the ids separated by spaces, padding left out. */
    public String decode(int[] tokens) {
        StringBuilder sb = new StringBuilder();
        for (int t : tokens) {
            if (t == PAD) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(words.get(t));
        }
        return sb.toString();
    }
}
