package org.curationlab.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --eval-size on your held-out pairs: all of them, or a seeded subset that is said and recorded, never silently the first N. */
class HeldOutEvaluatorTest {
    @ParameterizedTest
    @CsvSource({"79, 10000", "79, 79", "7, 10"})
    void evaluatesAllHeldOutPairsWhenTheyAreNoMoreThanEvalSize(int held, int evalSize) {
        assertArrayEquals(IntStream.range(0, held).toArray(), HeldOutEvaluator.evaluated(held, evalSize));
        assertEquals(Map.of("pairs", held, "of", held), HeldOutEvaluator.record(held, evalSize));
        assertTrue(HeldOutEvaluator.note("held-out pairs", held, evalSize).isEmpty());
    }

    @Test
    void cutsToASeededSubsetInSourceOrderTheSameForEveryRun() {
        int[] ids = HeldOutEvaluator.evaluated(200, 50);
        assertEquals(50, ids.length);
        assertEquals(50, Arrays.stream(ids).distinct().count());
        assertTrue(Arrays.stream(ids).allMatch(i -> i >= 0 && i < 200));
        int[] sorted = ids.clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, ids, "kept in source order");
        assertNotEquals(49, ids[49], "not the first 50 (they would be the list's head)");
        assertTrue(ids[49] > 100, "drawn across the held-out pairs: " + Arrays.toString(ids));
        assertArrayEquals(ids, HeldOutEvaluator.evaluated(200, 50), "seeded, not by the run's seed: the same every time");
    }

    @Test
    void aCutIsRecordedWithItsSeedAndSaidInOneLine() {
        assertEquals(Map.of("pairs", 50, "of", 200, "seed", OwnPairsData.SPLIT_SEED), HeldOutEvaluator.record(200, 50));
        String note = HeldOutEvaluator.note("held-out pairs", 200, 50).orElseThrow();
        assertTrue(note.startsWith("curate: --eval-size 50 evaluates a seeded subset of 50 of the 200 held-out pairs"), note);
        assertTrue(note.contains("among 50 candidates"), note);
        assertEquals(1, note.lines().count());
    }
}
