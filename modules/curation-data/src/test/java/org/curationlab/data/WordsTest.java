package org.curationlab.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The synthetic world's tokenizer now cuts words with {@link Words}, shared with the tokenizer of
 * your own pairs. Its token ids must not change by a bit: every caption the synthetic world can
 * write (every template with every attribute word and class synonym, every generic caption with
 * numbers, every prompt) is tokenized by the splitter it had before (kept here) and by the shared one.
 */
class WordsTest {
    /** The synthetic world's splitter before it was shared, verbatim. */
    private static List<String> previousWords(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[\\s,.;:!?]+")) {
            if (!w.isEmpty()) {
                out.add(w.chars().allMatch(Character::isDigit) ? "<num>" : w);
            }
        }
        return out;
    }

    /** Every text the synthetic world writes or prompts with. */
    static Set<String> everySyntheticText() {
        Set<String> texts = new LinkedHashSet<>();
        List<String> templates = new ArrayList<>(CaptionSynthesizer.STANDARD_TEMPLATES);
        templates.addAll(CaptionSynthesizer.RICH_TEMPLATES);
        for (FashionClass c : FashionClass.values()) {
            for (String name : c.synonyms()) {
                for (String t : templates) {
                    // All 3^4 attribute buckets.
                    for (int code = 0; code < 81; code++) {
                        int[] buckets = {code % 3, code / 3 % 3, code / 9 % 3, code / 27 % 3};
                        texts.add(CaptionSynthesizer.fill(t, name, buckets));
                    }
                }
            }
            texts.addAll(CaptionSynthesizer.classPrompts(c));
        }
        for (String g : CaptionSynthesizer.GENERIC) {
            for (int n : new int[]{1000, 4821, 9999}) {
                texts.add(g.replace("{n}", Integer.toString(n)));
            }
        }
        return texts;
    }

    @Test
    void syntheticCaptionsGiveTheSameWordsAndIdsAsBefore() {
        Set<String> texts = everySyntheticText();
        assertTrue(texts.size() > 7000, "texts: " + texts.size());
        WordTokenizer tok = WordTokenizer.standard();
        for (String t : texts) {
            List<String> before = previousWords(t);
            assertEquals(before, WordTokenizer.words(t), t);
            int[] ids = new int[tok.maxTokens()];
            for (int i = 0; i < Math.min(before.size(), ids.length); i++) {
                int id = -1;
                for (int v = 0; v < tok.vocabSize(); v++) {
                    if (tok.word(v).equals(before.get(i))) {
                        id = v;
                    }
                }
                ids[i] = id < 0 ? WordTokenizer.UNK : id;
            }
            assertArrayEquals(ids, tok.encode(t), t);
            assertTrue(tok.decode(tok.encode(t)).indexOf("<unk>") < 0, t);
        }
    }

    @Test
    void syntheticVocabularyIsTheOneBuiltByThePreviousSplitter() {
        TreeSet<String> words = new TreeSet<>();
        List<String> texts = new ArrayList<>(CaptionSynthesizer.STANDARD_TEMPLATES);
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
            previousWords(t.replaceAll("\\{[a-z]+}", " ")).stream().filter(w -> !w.equals("<num>")).forEach(words::add);
        }
        List<String> expected = new ArrayList<>(List.of("<pad>", "<unk>", "<num>"));
        expected.addAll(words);
        WordTokenizer tok = WordTokenizer.standard();
        List<String> actual = new ArrayList<>();
        for (int v = 0; v < tok.vocabSize(); v++) {
            actual.add(tok.word(v));
        }
        assertEquals(expected, actual);
    }

    @Test
    void bothTokenizersCutFreeTextAlike() {
        String text = "A T-shirt, the dog's 2nd ball (size 10)!";
        assertEquals(List.of("a", "t-shirt", "the", "dog's", "2nd", "ball", "size", "10"), Words.of(text));
        assertEquals(Words.of(text), org.curationlab.data.pairs.CaptionTokenizer.words(text));
        assertEquals(List.of("a", "t-shirt", "the", "dog's", "2nd", "ball", "size", "<num>"), WordTokenizer.words(text));
    }
}
