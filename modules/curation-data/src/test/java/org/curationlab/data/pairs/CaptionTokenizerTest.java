package org.curationlab.data.pairs;

import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaptionTokenizerTest {
    private static final List<String> POOL = List.of(
            "A red dog, running!", "a RED cat.", "The dog's ball (red)", "a cat; a dog", "zebra");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "A red dog, running!|a red dog running",
            "The dog's ball (red)|the dog's ball red",
            "Tux—the Linux mascot!|tux the linux mascot",
            "a well-known T‐Shirt - new|a well-known t-shirt new",
            "Café ＣＡＦÉ 42|café café 42",
            "...|''"})
    void wordsAreLowerCasedAndSplitAtPunctuation(String text, String words) {
        assertEquals(words.isEmpty() ? List.of() : List.of(words.split(" ")), CaptionTokenizer.words(text));
    }

    @Test
    void whiteSpaceOfAnyKindSeparatesWords() {
        assertEquals(List.of("two", "lines", "and", "tabs"), CaptionTokenizer.words("  two\nlines\tand tabs "));
    }

    @Test
    void vocabularyKeepsFrequentWordsByFallingFrequency() {
        CaptionTokenizer t = CaptionTokenizer.build(POOL, 2, 0, 6);
        // a: 4, red: 3, dog: 2, cat: 2 (ties alphabetical); "the", "zebra", ... once: cut.
        assertEquals(List.of("<pad>", "<unk>", "a", "red", "cat", "dog"),
                java.util.stream.IntStream.range(0, t.vocabSize()).mapToObj(t::word).toList());
        assertArrayEquals(new int[]{2, 3, 5, 1, 0, 0}, t.encode("A red dog, running"));
        assertEquals("a red dog <unk>", t.decode(t.encode("A red dog, running")));
    }

    @Test
    void maxVocabAndLengthCap() {
        CaptionTokenizer t = CaptionTokenizer.build(POOL, 1, 2, 3);
        assertEquals(4, t.vocabSize());
        assertArrayEquals(new int[]{2, 3, 1}, t.encode("a red dog a red dog"));
        assertArrayEquals(new int[]{0, 0, 0}, t.encode("!!!"));
    }

    @Test
    void jsonRoundTripGivesTheSameIds() {
        CaptionTokenizer t = CaptionTokenizer.build(POOL, 1, 0, 8);
        CaptionTokenizer back = CaptionTokenizer.fromJson(t.toJson());
        assertEquals(t, back);
        assertEquals(t, CaptionTokenizer.fromBytes(t.toBytes()));
        for (String c : POOL) {
            assertArrayEquals(t.encode(c), back.encode(c));
        }
        assertTrue(t.toJson().contains("\"format\" : \"" + CaptionTokenizer.FORMAT + "\""), t.toJson());
    }

    @Test
    void encodeAllAndMask() {
        CaptionTokenizer t = CaptionTokenizer.build(POOL, 1, 0, 4);
        INDArray tokens = t.encodeAll(List.of("a red dog", "zebra"));
        assertArrayEquals(new long[]{2, 4}, tokens.shape());
        INDArray mask = CaptionTokenizer.mask(tokens);
        assertArrayEquals(new float[]{1, 1, 1, 0, 1, 0, 0, 0}, mask.reshape(8).toFloatVector());
    }

    @Test
    void badSettingsAndBadJsonAreOneMessage() {
        assertThrows(CurationException.class, () -> CaptionTokenizer.build(POOL, 0, 0, 4));
        assertThrows(CurationException.class, () -> CaptionTokenizer.build(POOL, 1, 0, 0));
        CurationException e = assertThrows(CurationException.class, () -> CaptionTokenizer.fromJson("{\"format\":\"other\"}"));
        assertTrue(e.getMessage().contains("other"), e.getMessage());
        assertThrows(CurationException.class, () -> CaptionTokenizer.fromJson("not json"));
        assertThrows(CurationException.class, () -> CaptionTokenizer.fromJson(
                "{\"format\":\"" + CaptionTokenizer.FORMAT + "\",\"maxTokens\":4,\"vocab\":[\"<pad>\",\"<unk>\",\"a\",\"a\"]}"));
    }
}
