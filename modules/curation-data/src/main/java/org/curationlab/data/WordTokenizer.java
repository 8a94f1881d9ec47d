package org.curationlab.data;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A word-level tokenizer with a fixed vocabulary: every word any caption, generic caption or
 * prompt can contain, plus {@code <pad>} = 0, {@code <unk>} = 1 and {@code <num>} = 2 for numbers.
 * The vocabulary is fixed so that checkpoints stay valid across pools and seeds.
 */
public final class WordTokenizer {
    public static final int PAD = Vocabulary.PAD;
    public static final int UNK = Vocabulary.UNK;
    public static final int NUM = 2;
    /** Long enough for the longest template (rich captions hold 9 words). */
    public static final int DEFAULT_MAX_TOKENS = 12;

    private static final WordTokenizer STANDARD = new WordTokenizer(standardWords(), DEFAULT_MAX_TOKENS);

    private final Vocabulary vocab;
    private final int maxTokens;

    private WordTokenizer(List<String> words, int maxTokens) {
        List<String> v = new ArrayList<>(List.of("<pad>", "<unk>", "<num>"));
        v.addAll(words);
        this.vocab = new Vocabulary(v);
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
        return vocab.word(id);
    }

    /** {@link Words#of}'s words, each all-digit one written {@code <num>}. */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : Words.of(text)) {
            out.add(Words.isNumber(w) ? "<num>" : w);
        }
        return out;
    }

    /** Token ids padded with {@link #PAD} (or truncated) to {@link #maxTokens()}. */
    public int[] encode(String text) {
        return vocab.encode(words(text), maxTokens);
    }

    public String decode(int[] tokens) {
        return vocab.decode(tokens);
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
