package org.curationlab.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes captions from a class and its bucketed pixel attributes, with class synonyms and
 * several templates, so that text carries more than the label (docs/data.md).
 */
public final class CaptionSynthesizer {
    static final List<String> STANDARD_TEMPLATES = List.of(
            "a {tone} {size} {class}",
            "photo of a {texture} {class}",
            "a {shape} {class}",
            "a {size} {tone} {class}",
            "a {texture} {tone} {class}",
            "picture of a {shape} {texture} {class}",
            "a photo of a {size} {class}");
    static final List<String> RICH_TEMPLATES = List.of(
            "a {tone} {size} {shape} {texture} {class}",
            "photo of a {size} {shape} {tone} {texture} {class}",
            "a {texture} {tone} {class}, {size} and {shape}");
    /** Web-style captions that say nothing about the image ("generic" noise). */
    static final List<String> GENERIC = List.of(
            "image", "photo", "product {n}", "item {n}", "img {n}", "click here", "buy now",
            "new arrival", "free shipping", "best price", "sale {n}", "untitled");
    /** Prompt templates for zero-shot classification, ensembled over these and the synonyms. */
    public static final List<String> PROMPTS = List.of(
            "a {class}", "a photo of a {class}", "photo of a {class}", "picture of a {class}");

    private CaptionSynthesizer() {
    }

    /** A caption for an image of {@code cls} whose attribute buckets are {@code buckets}. */
    public static String caption(FashionClass cls, int[] buckets, CaptionStyle style, SplittableRandom rng) {
        List<String> templates = style == CaptionStyle.RICH ? RICH_TEMPLATES : STANDARD_TEMPLATES;
        String t = templates.get(rng.nextInt(templates.size()));
        String name = cls.synonyms().get(rng.nextInt(cls.synonyms().size()));
        return fill(t, name, buckets);
    }

    /**
     * A paraphrase: the same class and attributes in different words (another template or
     * synonym), as near-duplicates on the web carry. Falls back to the same text after a few tries
     * only for classes with one synonym whose template happens to repeat.
     */
    public static String paraphrase(String original, FashionClass cls, int[] buckets, SplittableRandom rng) {
        String c = original;
        for (int attempt = 0; attempt < 8 && c.equals(original); attempt++) {
            c = caption(cls, buckets, CaptionStyle.STANDARD, rng);
        }
        return c;
    }

    public static String generic(SplittableRandom rng) {
        String g = GENERIC.get(rng.nextInt(GENERIC.size()));
        return g.replace("{n}", Integer.toString(1000 + rng.nextInt(9000)));
    }

    /** Every prompt for every synonym of {@code cls}: the zero-shot ensemble. */
    public static List<String> classPrompts(FashionClass cls) {
        return cls.synonyms().stream()
                .flatMap(s -> PROMPTS.stream().map(p -> p.replace("{class}", s)))
                .toList();
    }

    static String fill(String template, String className, int[] buckets) {
        String s = template.replace("{class}", className);
        for (Attribute a : Attribute.values()) {
            s = s.replace("{" + a.name().toLowerCase() + "}", a.word(buckets[a.ordinal()]));
        }
        return s;
    }
}
