package org.curationlab.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvalLogTest {
    @TempDir
    Path tmp;

    @Test
    void rowsRoundTripWithAHeaderOnce() {
        EvalLog log = new EvalLog(tmp.resolve("run/eval.csv"));
        log.append(Map.of("iteration", 10, "zeroshot_top1", 0.5));
        log.append(Map.of("iteration", 20, "zeroshot_top1", 0.625, "loss", 1.25));
        List<Map<String, String>> rows = log.read();
        assertEquals(2, rows.size());
        assertEquals("20", rows.get(1).get("iteration"));
        assertEquals(0.625, Double.parseDouble(rows.get(1).get("zeroshot_top1")), 1e-9);
        assertEquals("", rows.get(0).get("loss"));
        assertEquals(EvalLog.COLUMNS.size(), rows.get(0).size());
    }

    @Test
    void aTornLastLineIsDroppedAndOverwritten() throws IOException {
        EvalLog log = new EvalLog(tmp.resolve("eval.csv"));
        log.append(Map.of("iteration", 1));
        Files.writeString(log.file(), "2,99,", StandardOpenOption.APPEND);
        assertEquals(1, log.read().size());
        log.append(Map.of("iteration", 3));
        List<Map<String, String>> rows = log.read();
        assertEquals(2, rows.size());
        assertEquals("3", rows.get(1).get("iteration"));
        assertTrue(Files.readString(log.file()).endsWith("\n"));
    }

    /** A whole row whose newline never came is read, and kept by the next append (which ends it first). */
    @Test
    void aWholeLastLineWithoutItsNewlineIsKeptByReaderAndAppender() throws IOException {
        EvalLog log = new EvalLog(tmp.resolve("eval.csv"));
        log.append(Map.of("iteration", 1));
        String text = Files.readString(log.file());
        String row = text.substring(text.indexOf('\n') + 1).replace("1,", "2,").trim();
        Files.writeString(log.file(), row, StandardOpenOption.APPEND);
        assertEquals(2, log.read().size());
        log.append(Map.of("iteration", 3));
        List<Map<String, String>> rows = log.read();
        assertEquals(List.of("1", "2", "3"), rows.stream().map(r -> r.get("iteration")).toList());
    }

    @Test
    void unknownColumnsAreRejected() {
        EvalLog log = new EvalLog(tmp.resolve("eval.csv"));
        assertThrows(IllegalArgumentException.class, () -> log.append(Map.of("accuracy", 1)));
    }

    /**
     * A run begun before select_s existed: its eval.csv is widened on the next append, the old rows
     * get an empty select_s (unknown, not zero) and the reader reads every row.
     */
    @Test
    void anEarlierVersionsFileIsWidenedBeforeTheNextRow() throws IOException {
        Path f = tmp.resolve("eval.csv");
        List<String> earlier = EvalLog.COLUMNS.subList(0, EvalLog.COLUMNS.indexOf("select_s"));
        Files.writeString(f, String.join(",", earlier) + "\n" + "10" + ",".repeat(earlier.size() - 1) + "\n");
        EvalLog log = new EvalLog(f);
        log.append(Map.of("iteration", 20, "wall_s", 2.5, "select_s", 0.5));
        List<Map<String, String>> rows = log.read();
        assertEquals(List.of("10", "20"), rows.stream().map(r -> r.get("iteration")).toList());
        assertEquals("", rows.get(0).get("select_s"));
        assertEquals(0.5, Double.parseDouble(rows.get(1).get("select_s")), 1e-12);
        assertEquals(EvalLog.COLUMNS, log.table().columns());
    }
}
