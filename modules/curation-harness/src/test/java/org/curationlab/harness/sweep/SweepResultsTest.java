package org.curationlab.harness.sweep;

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

    @Test
    void aBlockCutShortAnywhereIsDroppedWholeAndTheNextAppendIsClean() throws IOException {
        SweepResults s = store();
        s.appendCell(a, rows(3));
        long whole = Files.size(s.file());
        s.appendCell(b, rows(3));
        byte[] full = Files.readAllBytes(s.file());
        for (long cut = whole; cut < full.length; cut++) {
            Files.write(s.file(), java.util.Arrays.copyOf(full, (int) cut));
            assertEquals(Set.of(a.id()), s.doneCells(), "cut at " + cut);
            s.appendCell(b, rows(3));
            assertEquals(new String(full, StandardCharsets.UTF_8), Files.readString(s.file()), "cut at " + cut);
        }
    }
}
