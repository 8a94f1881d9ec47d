package org.curationlab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Builds a pool of image-text pairs from a partition of the train split with exact noise counts:
 * {@code round(rate × size)} pairs of each noise kind, so the measured composition matches the
 * request to within one pair. Web pools and reference sets are both built here; they differ only
 * in their partition, size, noise and caption style.
 */
final class PoolBuilder {
    private final ImageSet split;
    private final int[][] buckets;
    private final WordTokenizer tokenizer;

    PoolBuilder(ImageSet split, int[][] buckets, WordTokenizer tokenizer) {
        this.split = split;
        this.buckets = buckets;
        this.tokenizer = tokenizer;
    }

    /**
     * @param partition    candidate split indices per class
     * @param size         pairs before rich twins: images drawn, noise kinds and near-duplicates
     * @param richFraction fraction of the clean pairs that also get a rich-caption twin (same image,
     *                     a second caption naming all four attributes), added beside the standard
     *                     pair and never instead of it
     */
    PairPool build(String name, int[][] partition, int size, NoiseSpec noise, double richFraction, long seed) {
        int nDup = (int) Math.round(noise.duplicate() * size);
        int nBase = size - nDup;
        int[] perClass = classCounts(nBase, noise.longtail(), Seeds.stream(seed, name + "/class-rank"));
        SplittableRandom pick = Seeds.stream(seed, name + "/images");
        int[] base = new int[nBase];
        int at = 0;
        for (int c = 0; c < FashionClass.COUNT; c++) {
            if (perClass[c] > partition[c].length) {
                throw new CurationException(String.format(Locale.ROOT,
                        "%s of %d pairs with longtail=%s needs %d images of class '%s' but its partition holds %d;"
                                + " lower the size (--pool-size / --reference-size) or the class skew (--noise longtail=...)",
                        name, size, noise.longtail(), perClass[c], FashionClass.of(c).displayName(), partition[c].length));
            }
            int[] cand = partition[c].clone();
            Seeds.shuffle(cand, pick);
            System.arraycopy(cand, 0, base, at, perClass[c]);
            at += perClass[c];
        }
        Seeds.shuffle(base, pick);

        // Noise kinds are assigned to exact counts over the shuffled base items.
        int nMis = Math.min((int) Math.round(noise.misaligned() * size), nBase);
        int nGen = Math.min((int) Math.round(noise.generic() * size), nBase - nMis);
        int nCor = Math.min((int) Math.round(noise.corrupted() * size), nBase - nMis - nGen);
        PairFlag[] flags = new PairFlag[size];
        for (int i = 0; i < nBase; i++) {
            flags[i] = i < nMis ? PairFlag.MISALIGNED : i < nMis + nGen ? PairFlag.GENERIC
                    : i < nMis + nGen + nCor ? PairFlag.CORRUPTED : PairFlag.CLEAN;
        }

        float[] images = new float[size * ImageSet.PIXELS];
        String[] captions = new String[size];
        int[] classes = new int[size];
        int[] duplicateOf = new int[size];
        int[] source = new int[size];
        Arrays.fill(duplicateOf, -1);
        SplittableRandom text = Seeds.stream(seed, name + "/captions");
        SplittableRandom noiseRng = Seeds.stream(seed, name + "/noise");
        ImageCorruption[] corruptions = ImageCorruption.values();
        for (int i = 0; i < nBase; i++) {
            int src = base[i];
            source[i] = src;
            classes[i] = split.label(src);
            float[] img = split.image(src);
            switch (flags[i]) {
                case MISALIGNED -> captions[i] = captionOf(otherClassImage(base, classes[i], noiseRng), CaptionStyle.STANDARD, text);
                case GENERIC -> captions[i] = CaptionSynthesizer.generic(text);
                case CORRUPTED -> {
                    captions[i] = captionOf(src, CaptionStyle.STANDARD, text);
                    corruptions[noiseRng.nextInt(corruptions.length)].apply(img, noiseRng);
                }
                default -> {
                    // The draw once chose this caption's style; it stays so that sets without rich
                    // twins (web pools, none … curated) keep their captions from earlier versions.
                    text.nextDouble();
                    captions[i] = captionOf(src, CaptionStyle.STANDARD, text);
                }
            }
            System.arraycopy(img, 0, images, i * ImageSet.PIXELS, ImageSet.PIXELS);
        }

        // Near-duplicates copy clean pairs (any pair if none is clean), jittered and paraphrased.
        List<Integer> originals = new ArrayList<>();
        for (int i = 0; i < nBase; i++) {
            if (flags[i] == PairFlag.CLEAN) {
                originals.add(i);
            }
        }
        if (originals.isEmpty()) {
            for (int i = 0; i < nBase; i++) {
                originals.add(i);
            }
        }
        for (int d = nBase; d < size; d++) {
            int orig = originals.get(noiseRng.nextInt(originals.size()));
            flags[d] = PairFlag.DUPLICATE;
            duplicateOf[d] = orig;
            classes[d] = classes[orig];
            source[d] = source[orig];
            float[] img = ImageCorruption.jitter(Arrays.copyOfRange(images, orig * ImageSet.PIXELS, (orig + 1) * ImageSet.PIXELS), noiseRng);
            System.arraycopy(img, 0, images, d * ImageSet.PIXELS, ImageSet.PIXELS);
            captions[d] = CaptionSynthesizer.paraphrase(captions[orig], FashionClass.of(classes[orig]), buckets[source[orig]], text);
        }
        return shuffled(name, withRichTwins(name, images, captions, classes, flags, duplicateOf, source, nBase, richFraction, seed),
                Seeds.stream(seed, name + "/order"));
    }

    /** The arrays of one pool before its final shuffle. */
    private record Pairs(float[] images, String[] captions, int[] classes, PairFlag[] flags, int[] duplicateOf, int[] source) {
    }

    /**
     * Appends a rich-caption twin for the first {@code round(richFraction × clean)} clean base pairs
     * (the base is already in random order). A curated-plus level thus holds every prompt-like pair
     * of a plain curated set of its size and richer captions beside them: a more curated reference
     * sees more, never less, of what the evaluation's prompts look like.
     */
    private Pairs withRichTwins(String name, float[] images, String[] captions, int[] classes, PairFlag[] flags,
                                int[] duplicateOf, int[] source, int nBase, double richFraction, long seed) {
        int clean = 0;
        for (int i = 0; i < nBase; i++) {
            clean += flags[i] == PairFlag.CLEAN ? 1 : 0;
        }
        int twins = (int) Math.round(richFraction * clean);
        if (twins == 0) {
            return new Pairs(images, captions, classes, flags, duplicateOf, source);
        }
        int n = captions.length;
        float[] img = Arrays.copyOf(images, (n + twins) * ImageSet.PIXELS);
        String[] cap = Arrays.copyOf(captions, n + twins);
        int[] cls = Arrays.copyOf(classes, n + twins);
        PairFlag[] fl = Arrays.copyOf(flags, n + twins);
        int[] dup = Arrays.copyOf(duplicateOf, n + twins);
        int[] src = Arrays.copyOf(source, n + twins);
        SplittableRandom rich = Seeds.stream(seed, name + "/rich-twins");
        int t = n;
        for (int i = 0; i < nBase && t < n + twins; i++) {
            if (flags[i] != PairFlag.CLEAN) {
                continue;
            }
            System.arraycopy(images, i * ImageSet.PIXELS, img, t * ImageSet.PIXELS, ImageSet.PIXELS);
            cap[t] = captionOf(source[i], CaptionStyle.RICH, rich);
            cls[t] = classes[i];
            fl[t] = PairFlag.CLEAN;
            dup[t] = -1;
            src[t] = source[i];
            t++;
        }
        return new Pairs(img, cap, cls, fl, dup, src);
    }

    private int otherClassImage(int[] base, int cls, SplittableRandom rng) {
        if (Arrays.stream(base).allMatch(b -> split.label(b) == cls)) {
            throw new CurationException("cannot misalign captions in a pool holding a single class");
        }
        while (true) {
            int j = base[rng.nextInt(base.length)];
            if (split.label(j) != cls) {
                return j;
            }
        }
    }

    private String captionOf(int src, CaptionStyle style, SplittableRandom rng) {
        return CaptionSynthesizer.caption(FashionClass.of(split.label(src)), buckets[src], style, rng);
    }

    /** Final random order, so that noise kinds and duplicates are not grouped; links are remapped. */
    private PairPool shuffled(String name, Pairs p, SplittableRandom rng) {
        float[] images = p.images();
        String[] captions = p.captions();
        int[] classes = p.classes();
        PairFlag[] flags = p.flags();
        int[] duplicateOf = p.duplicateOf();
        int[] source = p.source();
        int n = captions.length;
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        Seeds.shuffle(order, rng);
        int[] newId = new int[n];
        for (int r = 0; r < n; r++) {
            newId[order[r]] = r;
        }
        int maxTokens = tokenizer.maxTokens();
        float[] img = new float[images.length];
        String[] caps = new String[n];
        int[] tok = new int[n * maxTokens];
        int[] cls = new int[n], dup = new int[n], src = new int[n];
        PairFlag[] fl = new PairFlag[n];
        for (int r = 0; r < n; r++) {
            int i = order[r];
            System.arraycopy(images, i * ImageSet.PIXELS, img, r * ImageSet.PIXELS, ImageSet.PIXELS);
            caps[r] = captions[i];
            System.arraycopy(tokenizer.encode(captions[i]), 0, tok, r * maxTokens, maxTokens);
            cls[r] = classes[i];
            fl[r] = flags[i];
            dup[r] = duplicateOf[i] < 0 ? -1 : newId[duplicateOf[i]];
            src[r] = source[i];
        }
        return new PairPool(name, img, caps, tok, maxTokens, cls, fl, dup, src);
    }

    /**
     * Pairs per class for a Zipf mix with exponent {@code s} over a seeded ranking of the classes,
     * rounded by largest remainder so the counts sum to {@code n} exactly.
     */
    static int[] classCounts(int n, double s, SplittableRandom rng) {
        int[] rank = new int[FashionClass.COUNT];
        Arrays.setAll(rank, i -> i);
        Seeds.shuffle(rank, rng);
        double[] w = new double[FashionClass.COUNT];
        double sum = 0;
        for (int r = 0; r < rank.length; r++) {
            w[rank[r]] = Math.pow(r + 1, -s);
            sum += w[rank[r]];
        }
        int[] counts = new int[FashionClass.COUNT];
        double[] remainder = new double[FashionClass.COUNT];
        int assigned = 0;
        for (int c = 0; c < counts.length; c++) {
            double exact = n * w[c] / sum;
            counts[c] = (int) Math.floor(exact);
            remainder[c] = exact - counts[c];
            assigned += counts[c];
        }
        Integer[] byRemainder = new Integer[counts.length];
        Arrays.setAll(byRemainder, i -> i);
        // Ties (e.g. a balanced mix) go to the lower-ranked class first, deterministically.
        Arrays.sort(byRemainder, (a, b) -> remainder[a] != remainder[b]
                ? Double.compare(remainder[b], remainder[a]) : Integer.compare(indexOf(rank, a), indexOf(rank, b)));
        for (int k = 0; assigned < n; k++, assigned++) {
            counts[byRemainder[k % counts.length]]++;
        }
        return counts;
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }
}
