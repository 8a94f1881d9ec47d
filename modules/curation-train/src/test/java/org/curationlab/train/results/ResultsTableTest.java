package org.curationlab.train.results;

import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.curationlab.testing.CurationAssertions.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsTableTest {
    @TempDir
    Path tmp;

    /** The dialect the committed results.csv files are in: quoted only for a comma or a quote, newlines as spaces. */
    @Test
    void linesAreQuotedOnlyWhereTheyMustBeAndReadBack() {
        List<String> cells = Arrays.asList("", " lead", "trail ", "web,misaligned=0.4", "say \"hi\"", "x\ny", "#c", "NaN", "1.00000e-05", null);
        String line = ResultsCsv.line(cells);
        assertEquals(", lead,trail ,\"web,misaligned=0.4\",\"say \"\"hi\"\"\",x y,#c,NaN,1.00000e-05,\n", line);
        assertEquals(List.of("", " lead", "trail ", "web,misaligned=0.4", "say \"hi\"", "x y", "#c", "NaN", "1.00000e-05", ""),
                ResultsCsv.parseLine(line.substring(0, line.length() - 1)));
        assertEquals("0.500000", ResultsCsv.number(0.5));
        assertEquals("NaN", ResultsCsv.number(Double.NaN));
        assertEquals("12", ResultsCsv.number(12L));
    }

    @Test
    void aSpreadsheetCopyReadsTheSameAndATornLastLineIsNoRow() throws IOException {
        Path csv = tmp.resolve("results.csv");
        Files.write(csv, "\uFEFFcell,iteration,zeroshot_top1\r\n\"a,1\",100,0.5\r\nb,200,0.7\r\nb,3".getBytes(StandardCharsets.UTF_8));
        ResultsTable t = ResultsTable.read(csv);
        assertEquals(List.of("cell", "iteration", "zeroshot_top1"), t.columns());
        assertEquals(2, t.rows().size());
        assertEquals("a,1", t.rows().get(0).text("cell"));
        assertEquals(200, t.rows().get(1).whole("iteration"));
        assertEquals(0.7, t.rows().get(1).number("zeroshot_top1"), 0);
        assertEquals(csv + " line 3", t.rows().get(1).where());
    }

    @Test
    void badValuesNameTheFileTheLineTheColumnAndTheValue() throws IOException {
        Path csv = tmp.resolve("eval.csv");
        Files.writeString(csv, "iteration,zeroshot_top1\n10,n/a\n20,\n");
        ResultRow r = ResultsTable.read(csv).rows().get(0);
        assertMessage(() -> r.number("zeroshot_top1"), csv + " line 2: column 'zeroshot_top1' holds 'n/a'; expected a number");
        assertMessage(() -> r.text("loss"), csv + " line 2: no column 'loss'", "iteration");
        assertTrue(Double.isNaN(ResultsTable.read(csv).rows().get(1).numberOrNaN("zeroshot_top1")));
        Files.writeString(csv, "iteration,loss,iteration\n1,2,3\n");
        assertMessage(() -> ResultsTable.read(csv), csv + ": column 'iteration' appears twice", "columns 1 and 3");
        Files.writeString(csv, "iteration,loss\n1,2,3\n");
        assertMessage(() -> ResultsTable.read(csv), csv + ": line 2 has 3 cells, the header 2");
        assertMessage(() -> ResultsTable.read(tmp.resolve("none.csv")), "none.csv: does not exist");
    }

    /** The one rule for a last line without its newline: kept with every column, dropped torn; either way named. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "x,y\\n1,2\\n3,4|2|line 3 has no newline; kept (a whole row of 2 cells)",
        "x,y\\n1,2\\n3|1|dropped line 3: torn (no newline, 1 of 2 cells)",
        "x,y\\n1,2\\n3,\"a|1|dropped line 3: torn (no newline, an open quote)",
        "x,y\\n1,2\\n|1|",
        "x,y|0|"})
    void aLastLineWithoutItsNewline(String text, int rows, String note) throws IOException {
        Path csv = tmp.resolve("t.csv");
        Files.writeString(csv, text.replace("\\n", "\n"));
        ResultsTable t = ResultsTable.read(csv);
        assertEquals(rows, t.rows().size());
        assertEquals(note == null ? List.of() : List.of(csv + ": " + note), t.notes());
    }

    @Test
    void aSweepTableLeavesOutUnfinishedCellsAndSaysSo() throws IOException {
        Path csv = tmp.resolve("results.csv");
        Files.writeString(csv, "cell,cell_row,cell_rows,seed,iteration,zeroshot_top1\n"
                + "A,1,3,0,10,0.1\nA,2,3,0,20,0.2\nA,3,3,0,30,0.3\n"
                + "B,1,3,1,10,0.1\n"); // seed 1 stopped after its first evaluation: not a final row at step 10
        List<String> said = new java.util.ArrayList<>();
        var previous = ResultsNotes.to(said::add);
        try {
            ResultsTable t = ResultsTable.read(csv);
            assertEquals(3, t.rows().size());
            assertEquals(List.of(csv + ": dropped cell B: 1 of 3 rows (unfinished, line 5)"), said);
            ResultsTable.read(csv);
            assertEquals(1, said.size(), "a note is said once");
        } finally {
            ResultsNotes.to(previous);
        }
        // the final rows of a sweep (one per cell, its last) are all finished cells
        Files.writeString(csv, "cell,cell_row,cell_rows,seed\nA,3,3,0\nB,7,7,1\n");
        assertEquals(2, ResultsTable.read(csv).rows().size());
    }

    @Test
    void rowsMadeInMemorySayWhatTheyAre() {
        ResultsTable t = ResultsTable.of("cell X", List.of(Map.of("iteration", "5")));
        assertEquals("cell X row 1", t.rows().get(0).where());
        assertEquals("7", t.rows().get(0).with("iteration", "7").get("iteration"));
        assertEquals("5", t.rows().get(0).get("iteration"), "with() copies");
    }
}
