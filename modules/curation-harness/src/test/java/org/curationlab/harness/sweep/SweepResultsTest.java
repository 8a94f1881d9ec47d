package org.curationlab.harness.sweep;

import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepResultsTest {
    @TempDir
    Path tmp;

    final SweepCell a = SweepCell.of(Map.of("noise", "web,misaligned=0.4"), Map.of("seed", "0"));
    final SweepCell b = SweepCell.of(Map.of("noise", "web,misaligned=0.4"), Map.of("seed", "1"));

    SweepResults store() {
        return new SweepResults(tmp, List.of("seed", "noise"), List.of("iteration", "zeroshot_top1"));
    }

    static List<Map<String, String>> rows(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> Map.of("iteration", "" + i * 10, "zeroshot_top1", "0.5")).toList();
    }

    @Test
    void rowsCarryCellAndSettingsAndQuoteCommas() {
        SweepResults s = store();
        s.appendCell(a, rows(3));
        s.appendCell(b, rows(2));
        List<Map<String, String>> read = s.read().maps();
        assertEquals(5, read.size());
        assertEquals("web,misaligned=0.4", read.get(0).get("noise"));
        assertEquals(a.id(), read.get(2).get("cell"));
        assertEquals("3", read.get(2).get("cell_row"));
        assertEquals(Set.of(a.id(), b.id()), s.doneCells());
    }

    /**
     * A cut before the last row's last cell drops the block, and the next append is clean; a cut
     * inside the last cell leaves a line with every cell, which the reader keeps (noted) and
     * {@link SweepResults#repair} ends with its newline.
     */
    @Test
    void aBlockCutShortIsDroppedWholeAndTheNextAppendIsClean() throws IOException {
        SweepResults s = store();
        s.appendCell(a, rows(3));
        long whole = Files.size(s.file());
        s.appendCell(b, rows(3));
        byte[] full = Files.readAllBytes(s.file());
        int lastComma = new String(full, StandardCharsets.UTF_8).lastIndexOf(',');
        for (long cut = whole; cut < full.length; cut++) {
            Files.write(s.file(), java.util.Arrays.copyOf(full, (int) cut));
            if (cut > lastComma) {
                assertEquals(Set.of(a.id(), b.id()), s.doneCells(), "cut at " + cut);
                s.repair();
                assertEquals(new String(full, 0, (int) cut, StandardCharsets.UTF_8) + "\n", Files.readString(s.file()), "cut at " + cut);
                continue;
            }
            assertEquals(Set.of(a.id()), s.doneCells(), "cut at " + cut);
            s.appendCell(b, rows(3));
            assertEquals(new String(full, StandardCharsets.UTF_8), Files.readString(s.file()), "cut at " + cut);
        }
    }

    @Test
    void anUnfinishedBlockAnywhereIsLeftOutAndNamed() throws IOException {
        SweepResults s = store();
        s.appendCell(a, rows(3));
        s.appendCell(b, rows(3));
        List<String> lines = Files.readAllLines(s.file());
        // a's block cut to 2 rows in the middle of the file (e.g. a copy made while it was written)
        Files.write(s.file(), List.of(lines.get(0), lines.get(1), lines.get(2), lines.get(4), lines.get(5), lines.get(6)));
        var t = s.read();
        assertEquals(Set.of(b.id()), s.doneCells());
        assertEquals(3, t.rows().size());
        assertEquals(List.of(s.file() + ": dropped cell " + a.id() + ": 2 of 3 rows (unfinished, line 2)"), t.notes());
    }

    /** One store appending many cells writes what a store per cell (a sweep resumed after each) writes. */
    @Test
    void appendsWithoutRereadingWriteTheSameBytesAsFreshStores() throws IOException {
        SweepResults one = store();
        List<SweepCell> cells = java.util.stream.IntStream.range(0, 6)
                .mapToObj(i -> SweepCell.of(Map.of("noise", "web,misaligned=0.4"), Map.of("seed", "" + i))).toList();
        for (SweepCell c : cells) {
            one.appendCell(c, rows(2 + Integer.parseInt(c.settings().get("seed")) % 3));
        }
        byte[] together = Files.readAllBytes(one.file());
        Files.delete(one.file());
        for (SweepCell c : cells) {
            store().appendCell(c, rows(2 + Integer.parseInt(c.settings().get("seed")) % 3));
        }
        assertEquals(new String(together, StandardCharsets.UTF_8), Files.readString(one.file()));
        assertEquals(6, one.doneCells().size());
    }

    /** A repair cuts an unfinished last block only: a finished block after an unfinished one is never lost. */
    @Test
    void aRepairKeepsEveryRowTheReaderKeeps() throws IOException {
        SweepResults s = store();
        s.appendCell(a, rows(3));
        s.appendCell(b, rows(3));
        List<String> lines = Files.readAllLines(s.file());
        Files.write(s.file(), List.of(lines.get(0), lines.get(1), lines.get(2), lines.get(4), lines.get(5), lines.get(6), lines.get(1)));
        assertEquals(Set.of(b.id()), s.doneCells());
        s.appendCell(a, rows(3));
        assertEquals(Set.of(b.id(), a.id()), s.doneCells());
        List<String> after = Files.readAllLines(s.file());
        assertEquals(List.of(lines.get(0), lines.get(1), lines.get(2), lines.get(4), lines.get(5), lines.get(6), lines.get(1), lines.get(2),
                lines.get(3)), after, "the torn last block (a's first row) is cut, b's block and the unfinished one above it stay");
    }

    /**
     * A sweep begun by an earlier version, before an evaluation column was added, resumes: the
     * file is widened (its finished cells keep their rows, with an empty cell in the new column)
     * and the next cell's block is appended under today's header.
     */
    @Test
    void aSweepBegunBeforeAnAddedColumnResumesWidened() throws IOException {
        new SweepResults(tmp, List.of("seed", "noise"), List.of("iteration")).appendCell(a, rows(2).stream()
                .map(r -> Map.of("iteration", r.get("iteration"))).toList());
        SweepResults today = store();
        today.appendCell(b, rows(2));
        List<Map<String, String>> read = today.read().maps();
        assertEquals(4, read.size());
        assertEquals(today.header(), today.read().columns());
        assertEquals("", read.get(1).get("zeroshot_top1"));
        assertEquals("0.5", read.get(3).get("zeroshot_top1"));
        assertEquals(Set.of(a.id(), b.id()), today.doneCells());
    }

    @Test
    void otherColumnsAreRefusedNamingTheFile() {
        new SweepResults(tmp, List.of("seed"), List.of("iteration")).appendCell(a, rows(1).stream()
                .map(r -> Map.of("iteration", r.get("iteration"))).toList());
        CurationException e = assertThrows(CurationException.class, () -> store().appendCell(b, rows(1)));
        assertTrue(e.getMessage().startsWith(tmp.resolve(SweepResults.FILE) + ": its columns"),
                e.getMessage());
    }
}
