package org.curationlab.data;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a caption is cut into words, for both tokenizers ({@link WordTokenizer} of the synthetic
 * world and {@link org.curationlab.data.pairs.CaptionTokenizer} of your own pairs): the text is
 * NFKC-normalised and lower-cased; a word is a run of letters, digits and marks, with an
 * apostrophe or hyphen inside it kept ({@code dog's}, {@code t-shirt}); everything else
 * (white space, punctuation, symbols) separates words and is dropped. On the synthetic captions
 * (plain lower-case ASCII, commas, {@code t-shirt}) this gives the words the synthetic world's
 * splitter always gave, so its token ids are unchanged (WordsTest checks every template).
 */
public final class Words {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}\\p{M}]+(?:['’\\-‐][\\p{L}\\p{N}\\p{M}]+)*");

    private Words() {
    }

    /** The words of {@code text}, in order; a typographic apostrophe or hyphen is written as the ASCII one. */
    public static List<String> of(String text) {
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(t);
        while (m.find()) {
            out.add(m.group().replace('’', '\'').replace('‐', '-'));
        }
        return out;
    }

    /** True for a word of digits only (the synthetic world writes it as {@code <num>}). */
    public static boolean isNumber(String word) {
        return !word.isEmpty() && word.chars().allMatch(Character::isDigit);
    }
}
