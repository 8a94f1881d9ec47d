package org.curationlab.harness.summary;

import org.curationlab.data.CurationException;
import org.curationlab.train.results.ResultRow;
import org.curationlab.train.results.ResultsTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --where COL=VALUE and --final over a sweep's rows. */
class RowSelectionTest {
    private static final List<ResultRow> ROWS = ResultsTable.parse("t.csv", """
            cell,model,iterations,iteration,acc
            a,S,150,100,0.1
            a,S,150,150,0.2
            b,M,150,100,0.3
            b,M,150,150,0.4
            c,S,600,100,0.5
            c,S,600,600,0.6
            c,S,600,600,0.7
            """).rows();

    @Test
    void whereKeepsTheRowsHoldingEveryValueInFileOrder() {
        List<ResultRow> s = RowSelection.parse("--where", List.of("model=S", "iterations=150"), false).apply(ROWS);
        assertEquals(List.of("0.1", "0.2"), s.stream().map(r -> r.text("acc")).toList());
        assertTrue(RowSelection.parse("--where", List.of(), false).selectsAll());
    }

    @Test
    void finalKeepsEachCellsLastRowAtItsHighestIterationInTheOrderCellsAppear() {
        List<ResultRow> s = RowSelection.parse("--where", null, true).apply(ROWS);
        assertEquals(List.of("a", "b", "c"), s.stream().map(r -> r.text("cell")).toList());
        assertEquals(List.of("0.2", "0.4", "0.7"), s.stream().map(r -> r.text("acc")).toList(), "a tie in iteration: the later row");
        List<ResultRow> both = RowSelection.parse("--where", List.of("model=S"), true).apply(ROWS);
        assertEquals(List.of("0.2", "0.7"), both.stream().map(r -> r.text("acc")).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"model", "=S", "model=S;model=M"})
    void aMalformedOrRepeatedWhereNamesTheFlag(String spec) {
        CurationException e = assertThrows(CurationException.class,
                () -> RowSelection.parse("--where", List.of(spec.split(";")), false));
        assertTrue(e.getMessage().startsWith("--where: "), e.getMessage());
    }

    @Test
    void aMissingColumnNamesTheRow() {
        CurationException e = assertThrows(CurationException.class,
                () -> RowSelection.parse("--where", List.of("method=uniform"), false).apply(ROWS));
        assertTrue(e.getMessage().contains("t.csv line 2") && e.getMessage().contains("'method'"), e.getMessage());
    }
}
