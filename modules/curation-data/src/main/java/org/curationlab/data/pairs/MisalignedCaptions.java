package org.curationlab.data.pairs;

import org.curationlab.data.CurationException;
import org.curationlab.data.Seeds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Your own pairs with a known share of their captions moved to other images: misaligned pairs at
 * an exact rate, flagged, so that what a selector or a pruner kept can be audited against ground
 * truth as in the synthetic world (docs/data.md). A seeded {@code rate} share of the pairs is
 * drawn; their captions are rotated one place along a seeded order of them, so every drawn pair
 * gets the caption of another drawn pair (never its own). The multiset of captions is unchanged,
 * so a tokenizer built from them is the same.
 *
 * @param pairs      the pairs with the drawn ones' captions rotated
 * @param misaligned per pair, true when its caption was moved
 * @param identical  drawn pairs whose new caption happens to read exactly as their old one (two
 *                   stamps described alike): flagged misaligned all the same
 */
public record MisalignedCaptions(OwnPairs pairs, boolean[] misaligned, int identical) {
    /** The stream the draw and the rotation are seeded from. */
    static final String STREAM = "shuffle-captions";

    /** How many of {@code n} pairs a rate moves: rounded to the nearest whole pair. */
    public static int count(int n, double rate) {
        return (int) Math.round(n * rate);
    }

    /**
     * Moves the captions of {@code round(rate · size)} pairs of {@code pairs}, drawn with {@code seed}.
     * The rate must lie in [0, 1] and, when above 0, move at least 2 captions (one cannot be moved).
     */
    public static MisalignedCaptions shuffle(OwnPairs pairs, double rate, long seed) {
        int n = pairs.size();
        if (!(rate >= 0 && rate <= 1)) {
            throw new CurationException("--shuffle-captions: " + rate + " must be a fraction in [0, 1]");
        }
        int k = count(n, rate);
        boolean[] moved = new boolean[n];
        if (rate == 0) {
            return new MisalignedCaptions(pairs, moved, 0);
        }
        if (k < 2) {
            throw new CurationException("--shuffle-captions: " + rate + " of the " + n + " training pairs moves " + k
                    + " caption; at least 2 are needed to swap captions between pairs");
        }
        int[] drawn = Arrays.copyOf(Seeds.permutation(n, Seeds.stream(seed, STREAM)), k);
        List<String> captions = new ArrayList<>(pairs.captions());
        int identical = 0;
        for (int j = 0; j < k; j++) {
            int to = drawn[j];
            String caption = pairs.caption(drawn[(j + 1) % k]);
            captions.set(to, caption);
            moved[to] = true;
            if (caption.equals(pairs.caption(to))) {
                identical++;
            }
        }
        OwnPairs shuffled = new OwnPairs(pairs.source(), pairs.kind(), pairs.side(), pairs.channels(), pairs.keys(), List.copyOf(captions),
                pairs.labels(), pairs.labelNames(), pairs.pixels(), pairs.sizesSeen(), pairs.skips(), pairs.candidates(), pairs.cacheFile(),
                pairs.fromCache());
        return new MisalignedCaptions(shuffled, moved, identical);
    }

    /** The keys of the pairs whose captions were moved, in pool order. */
    public List<String> movedKeys() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < misaligned.length; i++) {
            if (misaligned[i]) {
                keys.add(pairs.key(i));
            }
        }
        return keys;
    }
}
