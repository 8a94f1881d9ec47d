package org.curationlab.harness.summary;

import org.curationlab.train.results.ResultRow;
import org.curationlab.train.results.ResultsTable;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryTest {
    @Test
    void meanAndSampleStandardDeviation() {
        MeanSd s = MeanSd.of(0.70, 0.74, 0.78);
        assertEquals(3, s.n());
        assertEquals(0.74, s.mean(), 1e-15);
        assertEquals(0.04, s.sd(), 1e-15); // n − 1 in the denominator
        assertEquals(0.0, MeanSd.of(0.5).sd());
        assertTrue(!MeanSd.of(0.5).hasSpread() && MeanSd.of(List.of(1.0, 2.0)).hasSpread());
        assertTrue(Double.isNaN(MeanSd.of().mean()));
    }

    @Test
    void theFinalRowOfEachCellIsItsHighestIteration() {
        List<ResultRow> rows = ResultsTable.of("t", List.of(
                Map.of("cell", "a", "iteration", "100", "v", "1"),
                Map.of("cell", "b", "iteration", "300", "v", "2"),
                Map.of("cell", "a", "iteration", "200", "v", "3"),
                Map.of("cell", "b", "iteration", "100", "v", "4"),
                Map.of("cell", "a", "iteration", "200", "v", "5"))).rows();
        Map<String, ResultRow> last = FinalRows.byKey(rows, r -> r.text("cell"));
        assertEquals(List.of("a", "b"), List.copyOf(last.keySet()));
        assertEquals("5", last.get("a").get("v"), "of equal iterations, the later written");
        assertEquals("2", last.get("b").get("v"));
        assertEquals("2", FinalRows.of(rows).get("v"));
        assertEquals(3, FinalRows.groups(rows, r -> r.text("cell")).get("a").size());
    }
}
