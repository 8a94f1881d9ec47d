package org.curationlab.harness.summary;

import org.curationlab.data.CurationException;
import org.curationlab.train.results.ResultRow;
import org.curationlab.train.results.ResultsTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowsAtTest {
    /** A run's eval rows: iteration 0, 100, 200, ... with the given flops_total and zeroshot_top1. */
    private static List<ResultRow> run(String file, double[] flops, double[] top1) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < flops.length; i++) {
            Map<String, String> r = new LinkedHashMap<>();
            r.put("iteration", Integer.toString(i * 100));
            r.put("flops_total", Double.toString(flops[i]));
            r.put("zeroshot_top1", Double.toString(top1[i]));
            r.put("batch_clean", i == 0 ? "NaN" : Double.toString(0.5 + 0.1 * i));
            r.put("model", "M");
            rows.add(r);
        }
        return ResultsTable.of(file, rows).rows();
    }

    private static final List<ResultRow> RUN = run("a/eval.csv", new double[] {0, 3e11, 6e11, 9e11}, new double[] {0.1, 0.4, 0.5, 0.8});

    @Test
    void aRowAtThePointIsTakenAsWritten() {
        ResultRow r = RowsAt.parse("flops_total=6e11").row("run 'a'", RUN);
        assertEquals("200", r.get("iteration"));
        assertEquals(0.5, r.number("zeroshot_top1"));
        assertEquals(RUN.get(2).values(), r.values());
    }

    @Test
    void betweenTwoRowsEveryColumnIsInterpolatedLinearly() {
        ResultRow mid = RowsAt.parse("flops_total=7.5e11").row("run 'a'", RUN); // halfway from 6e11 to 9e11
        assertEquals(250, mid.number("iteration"), 1e-9);
        assertEquals(0.65, mid.number("zeroshot_top1"), 1e-12);
        assertEquals(0.75, mid.number("batch_clean"), 1e-12);
        assertEquals(7.5e11, mid.number("flops_total"));
        assertEquals("M", mid.get("model"), "a setting that does not move stays as written");
        ResultRow quarter = RowsAt.parse("iteration=25").row("run 'a'", RUN);
        assertEquals(0.1 + 0.25 * 0.3, quarter.number("zeroshot_top1"), 1e-12);
        assertEquals(7.5e10, quarter.number("flops_total"), 1e-3);
    }

    @Test
    void aColumnThatIsNaNAtABracketingRowStaysNaN() {
        ResultRow r = RowsAt.parse("iteration=50").row("run 'a'", RUN);
        assertTrue(Double.isNaN(r.number("batch_clean")), r.toString());
        assertEquals(0.25, r.number("zeroshot_top1"), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"flops_total=9.5e11", "flops_total=-1", "iteration=301"})
    void aPointOutsideTheRunsRowsIsNotExtrapolated(String at) {
        CurationException e = assertThrows(CurationException.class, () -> RowsAt.parse(at).row("run 'cnn' (a/eval.csv)", RUN));
        String m = e.getMessage();
        assertTrue(m.startsWith("--at " + at + ": run 'cnn' (a/eval.csv) has ") && m.contains(" from 0 to ")
                && m.contains("not extrapolated") && !m.contains("\n"), m);
    }

    @Test
    void aColumnThatDecreasesIsAnErrorNamingTheRunAndTheRow() {
        List<ResultRow> rows = run("b/eval.csv", new double[] {0, 3e11, 2e11}, new double[] {0.1, 0.2, 0.3});
        CurationException e = assertThrows(CurationException.class, () -> RowsAt.parse("flops_total=1e11").row("cell x_1a", rows));
        assertTrue(e.getMessage().contains("cell x_1a: 'flops_total' decreases from 300000000000 to 200000000000 (b/eval.csv row 3)"),
                e.getMessage());
    }

    @Test
    void rowsAreTakenInIterationOrderAndARewrittenIterationReplacesTheEarlierRow() {
        List<ResultRow> rows = ResultsTable.of("c", List.of(
                Map.of("iteration", "0", "flops_total", "0", "v", "0"),
                Map.of("iteration", "200", "flops_total", "2", "v", "9"),
                Map.of("iteration", "100", "flops_total", "1", "v", "1"),
                Map.of("iteration", "200", "flops_total", "2", "v", "2"))).rows(); // resumed: 200 written again
        assertEquals(1.5, RowsAt.parse("flops_total=1.5").row("r", rows).number("v"), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"flops_total", "=3", "flops_total=", "flops_total=abc", "flops_total=NaN", "iteration=Infinity"})
    void aMalformedPointIsAOneLineError(String at) {
        CurationException e = assertThrows(CurationException.class, () -> RowsAt.parse(at));
        assertTrue(e.getMessage().startsWith("--at") && !e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aMissingColumnNamesTheColumns() {
        CurationException e = assertThrows(CurationException.class, () -> RowsAt.parse("iterations=300").row("run 'a'", RUN));
        assertTrue(e.getMessage().contains("run 'a' has no column 'iterations'") && e.getMessage().contains("iteration,"), e.getMessage());
    }

    @Test
    void theGroupTableAtAPointIsTheMeanAndSdOverSeedsThere() {
        // two seeds of cnn reach 0.5 and 0.7 at 4.5e11 (halfway between their rows at 3e11 and 6e11); vit is cheaper per step
        List<ResultRow> cnn0 = run("cnn0/eval.csv", new double[] {0, 3e11, 6e11}, new double[] {0.1, 0.4, 0.6});
        List<ResultRow> cnn1 = run("cnn1/eval.csv", new double[] {0, 3e11, 6e11}, new double[] {0.1, 0.6, 0.8});
        List<ResultRow> vit = run("vit/eval.csv", new double[] {0, 1.5e11, 3e11, 4.5e11}, new double[] {0.1, 0.2, 0.3, 0.9});
        Map<List<String>, List<List<ResultRow>>> groups = new LinkedHashMap<>();
        groups.put(List.of("cnn"), List.of(cnn0, cnn1));
        groups.put(List.of("vit"), List.of(vit));
        GroupTable t = new GroupTable(List.of("tower"), groups, List.of("zeroshot_top1", "flops_total"), RowsAt.parse("flops_total=4.5e11"));
        String md = t.markdown();
        assertTrue(md.startsWith("At flops_total = 4.5e11 "), md);
        // cnn: mean 0.6, sd of {0.5, 0.7} = 0.1414; iteration 150 in both
        assertTrue(md.contains("| cnn | 2 | 150 | 0.600 ± 0.141 | 4.50e+11 |"), md);
        assertTrue(md.contains("| vit | 1 | 300 | 0.900 | 4.50e+11 |"), md);
        List<String> csv = t.csv().lines().toList();
        assertEquals("tower,at,at_value,runs,iteration,zeroshot_top1,zeroshot_top1_sd,flops_total,flops_total_sd", csv.get(0));
        assertEquals("cnn,flops_total,4.5e11,2,150,0.600000,0.141421,450000000000,0", csv.get(1));
    }

    @Test
    void aRunThatStopsShortOfThePointIsNamedByItsLabelAndFile() {
        List<ResultRow> shortRun = run("short/eval.csv", new double[] {0, 1e11}, new double[] {0.1, 0.2});
        Map<List<String>, List<List<ResultRow>>> groups = Map.of(List.of("vit"), List.of(shortRun));
        CurationException e = assertThrows(CurationException.class,
                () -> new GroupTable(List.of("group"), groups, List.of("zeroshot_top1"), RowsAt.parse("flops_total=2e11")));
        assertTrue(e.getMessage().contains("run 'vit' (short/eval.csv) has flops_total from 0 to 100000000000 only"), e.getMessage());
    }
}
