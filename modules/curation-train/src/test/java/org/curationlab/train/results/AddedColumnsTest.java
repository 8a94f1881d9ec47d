package org.curationlab.train.results;

import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddedColumnsTest {
    @TempDir
    Path tmp;

    static final List<String> TODAY = List.of("iteration", "note", "wall_s", "select_s");

    /** An earlier version's file gains the new column, its rows an empty cell each; a quoted comma stays one cell. */
    @Test
    void anEarlierHeaderIsWidenedAndItsRowsKeepTheirCells() throws IOException {
        Path f = tmp.resolve("eval.csv");
        Files.writeString(f, "iteration,note,wall_s\n10,\"a,b\",1.5\n20,,3.0\n");
        assertEquals(1, AddedColumns.widen(f, TODAY));
        assertEquals("iteration,note,wall_s,select_s\n10,\"a,b\",1.5,\n20,,3.0,\n", Files.readString(f));
        ResultsTable t = ResultsTable.read(f);
        assertEquals(TODAY, t.columns());
        assertEquals("a,b", t.maps().get(0).get("note"));
        assertEquals("", t.maps().get(1).get("select_s"));
        assertEquals(List.of(), Files.list(tmp).filter(p -> p.toString().endsWith(".tmp")).toList());
    }

    /** A file saved by a spreadsheet (byte-order mark, CRLF) is widened as the reader reads it, and written back plain. */
    @Test
    void aSpreadsheetsFileIsWidenedAsTheReaderReadsIt() throws IOException {
        Path f = tmp.resolve("eval.csv");
        Files.writeString(f, "\uFEFFiteration,note,wall_s\r\n10,\"a,b\",1.5\r\n");
        assertEquals(1, AddedColumns.widen(f, TODAY));
        assertEquals("iteration,note,wall_s,select_s\n10,\"a,b\",1.5,\n", Files.readString(f));
        Files.writeString(f, "\uFEFFiteration,note,wall_s,select_s\r\n10,,1.5,0.25\r\n");
        assertEquals(0, AddedColumns.widen(f, TODAY));
        assertEquals(TODAY, ResultsTable.read(f).columns());
    }

    @Test
    void todaysHeaderIsLeftAsItIs() throws IOException {
        Path f = tmp.resolve("eval.csv");
        String text = "iteration,note,wall_s,select_s\n10,,1.5,0.25\n";
        Files.writeString(f, text);
        assertEquals(0, AddedColumns.widen(f, TODAY));
        assertEquals(text, Files.readString(f));
    }

    @Test
    void aHeaderOnlyFileIsWidened() throws IOException {
        Path f = tmp.resolve("eval.csv");
        Files.writeString(f, "iteration,note\n");
        assertEquals(2, AddedColumns.widen(f, TODAY));
        assertEquals("iteration,note,wall_s,select_s\n", Files.readString(f));
    }

    /** Columns that are not an earlier version's (reordered, renamed, or more than today's) are refused, naming the file. */
    @Test
    void anyOtherHeaderIsRefusedAndTheFileKept() throws IOException {
        for (String header : List.of("note,iteration", "iteration,notes,wall_s", "iteration,note,wall_s,select_s,extra")) {
            Path f = tmp.resolve("results.csv");
            String text = header + "\n1,2\n";
            Files.writeString(f, text);
            CurationException e = assertThrows(CurationException.class, () -> AddedColumns.widen(f, TODAY), header);
            assertTrue(e.getMessage().startsWith(f + ": its columns"), e.getMessage());
            assertEquals(text, Files.readString(f));
        }
    }
}
