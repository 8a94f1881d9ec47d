package org.curationlab.data.pairs;

import org.curationlab.data.CurationException;
import org.curationlab.data.PairFlag;
import org.curationlab.data.PoolComposition;
import org.curationlab.data.PoolTruth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A known share of captions moved: exactly that many, each to another pair, the same every time, flagged as ground truth. */
class MisalignedCaptionsTest {
    /** {@code n} 2×2 grey pairs with distinct captions "caption i", labelled i % 3 of three labels. */
    private static OwnPairs pairs(int n) {
        List<String> keys = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        int[] labels = new int[n];
        byte[] pixels = new byte[n * 4];
        for (int i = 0; i < n; i++) {
            keys.add("k" + i);
            captions.add("caption " + i);
            labels[i] = i % 3;
            pixels[i * 4] = (byte) i;
        }
        return new OwnPairs("/tmp/x", "folder", 2, 1, keys, captions, labels, List.of("a", "b", "c"), pixels, Map.of("2 x 2", n),
                List.of(), n, null, false);
    }

    @ParameterizedTest
    @CsvSource({"100, 0.3, 30", "65, 0.3, 20", "65, 0.5, 33", "10, 1.0, 10", "7, 0.0, 0"})
    void movesExactlyTheRoundedShareEachToAnotherPair(int n, double rate, int moved) {
        OwnPairs before = pairs(n);
        MisalignedCaptions m = MisalignedCaptions.shuffle(before, rate, 0);
        int flagged = 0;
        for (int i = 0; i < n; i++) {
            if (m.misaligned()[i]) {
                flagged++;
                assertNotEquals(before.caption(i), m.pairs().caption(i), "pair " + i + " was flagged but kept its caption");
            } else {
                assertEquals(before.caption(i), m.pairs().caption(i), "pair " + i + " was not flagged but its caption moved");
            }
            assertEquals(before.key(i), m.pairs().key(i));
            assertEquals(before.label(i), m.pairs().label(i));
        }
        assertEquals(moved, flagged);
        assertEquals(moved, MisalignedCaptions.count(n, rate));
        assertEquals(moved, m.movedKeys().size());
        assertEquals(0, m.identical(), "every caption is distinct");
        assertArrayEquals(before.pixels(), m.pairs().pixels(), "images stay where they are");
        List<String> a = new ArrayList<>(before.captions());
        List<String> b = new ArrayList<>(m.pairs().captions());
        Collections.sort(a);
        Collections.sort(b);
        assertEquals(a, b, "the captions are the same multiset, so the vocabulary is too");
    }

    @Test
    void theSameSeedMovesTheSamePairsAnotherSeedOthers() {
        OwnPairs p = pairs(200);
        MisalignedCaptions once = MisalignedCaptions.shuffle(p, 0.3, 0);
        MisalignedCaptions again = MisalignedCaptions.shuffle(p, 0.3, 0);
        assertArrayEquals(once.misaligned(), again.misaligned());
        assertEquals(once.pairs().captions(), again.pairs().captions());
        assertNotEquals(once.movedKeys(), MisalignedCaptions.shuffle(p, 0.3, 1).movedKeys());
    }

    @Test
    void identicalCaptionTextIsCountedButStillFlagged() {
        OwnPairs p = pairs(4);
        List<String> same = List.of("a frog.", "a frog.", "a frog.", "a frog.");
        OwnPairs alike = new OwnPairs(p.source(), p.kind(), p.side(), p.channels(), p.keys(), same, p.labels(), p.labelNames(), p.pixels(),
                p.sizesSeen(), p.skips(), p.candidates(), null, false);
        MisalignedCaptions m = MisalignedCaptions.shuffle(alike, 1.0, 0);
        assertEquals(4, m.identical());
        assertEquals(4, m.movedKeys().size());
    }

    @Test
    void thePoolKnowsWhichPairsAreMisalignedAndSubsetsKeepIt() {
        OwnPairs p = pairs(20);
        MisalignedCaptions m = MisalignedCaptions.shuffle(p, 0.5, 0);
        CaptionTokenizer tok = CaptionTokenizer.build(m.pairs().captions(), 1, 0, 4);
        OwnPairPool pool = new OwnPairPool("p", m.pairs(), tok, m.misaligned());
        PoolTruth truth = pool.truth().orElseThrow();
        PoolComposition all = truth.composition();
        assertEquals(20, all.total());
        assertEquals(10, all.byFlag()[PairFlag.MISALIGNED.ordinal()]);
        assertEquals(10, all.byFlag()[PairFlag.CLEAN.ordinal()]);
        assertEquals(3, all.byClass().length, "classes are the labels");
        assertEquals(20, java.util.Arrays.stream(all.byClass()).sum());
        int[] ids = {0, 1, 2, 3, 4, 5};
        OwnPairPool sub = pool.subset(ids, "s");
        for (int r = 0; r < ids.length; r++) {
            assertEquals(truth.flag(ids[r]), sub.truth().orElseThrow().flag(r));
        }
        assertTrue(pool.withTokenizer(tok).truth().isPresent());
        assertTrue(new OwnPairPool("plain", p, tok).truth().isEmpty(), "pairs as loaded have no ground truth");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1.5  | 10 | --shuffle-captions: 1.5 must be a fraction in [0, 1]",
            "-0.1 | 10 | --shuffle-captions: -0.1 must be a fraction in [0, 1]",
            "0.1  | 10 | --shuffle-captions: 0.1 of the 10 training pairs moves 1 caption; at least 2"})
    void refusedInOneLine(double rate, int n, String expected) {
        CurationException e = assertThrows(CurationException.class, () -> MisalignedCaptions.shuffle(pairs(n), rate, 0));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }
}
