package org.curationlab.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A word-level tokenizer with a fixed vocabulary: every word any caption, generic caption or
 * prompt can contain, plus {@code <pad>} = 0, {@code <unk>} = 1 and {@code <num>} = 2 for numbers.
 * The vocabulary is fixed so that checkpoints stay valid across pools and seeds.
 */
public final class WordTokenizer {
    public static final int PAD = 0;
    public static final int UNK = 1;
    public static final int NUM = 2;
    /** Long enough for the longest template (rich captions hold 9 words). */
    public static final int DEFAULT_MAX_TOKENS = 12;

    private static final WordTokenizer STANDARD = new WordTokenizer(standardWords(), DEFAULT_MAX_TOKENS);

    private final List<String> vocab;
    private final Map<String, Integer> ids = new HashMap<>();
    private final int maxTokens;

    private WordTokenizer(List<String> words, int maxTokens) {
        List<String> v = new ArrayList<>(List.of("<pad>", "<unk>", "<num>"));
        v.addAll(words);
        this.vocab = Collections.unmodifiableList(v);
        for (int i = 0; i < v.size(); i++) {
            ids.put(v.get(i), i);
        }
        this.maxTokens = maxTokens;
    }

    public static WordTokenizer standard() {
        return STANDARD;
    }

    public int vocabSize() {
        return vocab.size();
    }

    public int maxTokens() {
        return maxTokens;
    }

    public String word(int id) {
        return vocab.get(id);
    }

    /** Lower-cased words; commas and full stops are separators; all-digit words become {@code <num>}. */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[\\s,.;:!?]+")) {
            if (!w.isEmpty()) {
                out.add(w.chars().allMatch(Character::isDigit) ? "<num>" : w);
            }
        }
        return out;
    }

    /** Token ids padded with {@link #PAD} (or truncated) to {@link #maxTokens()}. */
    public int[] encode(String text) {
        int[] out = new int[maxTokens];
        List<String> ws = words(text);
        for (int i = 0; i < Math.min(ws.size(), maxTokens); i++) {
            out[i] = ids.getOrDefault(ws.get(i), UNK);
        }
        return out;
    }

    public String decode(int[] tokens) {
        StringBuilder sb = new StringBuilder();
        for (int t : tokens) {
            if (t == PAD) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(vocab.get(t));
        }
        return sb.toString();
    }

    private static List<String> standardWords() {
        TreeSet<String> words = new TreeSet<>();
        List<String> texts = new ArrayList<>();
        texts.addAll(CaptionSynthesizer.STANDARD_TEMPLATES);
        texts.addAll(CaptionSynthesizer.RICH_TEMPLATES);
        texts.addAll(CaptionSynthesizer.GENERIC);
        texts.addAll(CaptionSynthesizer.PROMPTS);
        for (FashionClass c : FashionClass.values()) {
            texts.addAll(c.synonyms());
        }
        for (Attribute a : Attribute.values()) {
            texts.addAll(List.of(a.words()));
        }
        for (String t : texts) {
            for (String w : words(t.replaceAll("\\{[a-z]+}", " "))) {
                if (!w.equals("<num>")) {
                    words.add(w);
                }
            }
        }
        return new ArrayList<>(words);
    }
}
