package org.curationlab.bench;

import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two towers side by side from a bench record: the record's figures, the models' parameters, dashes for missing rows. */
class TowerTableTest {
    @TempDir
    Path tmp;

    @Test
    void eachRungShowsBothTowersFromTheRecord() throws IOException {
        Path record = tmp.resolve("bench.jsonl");
        Files.writeString(record, String.join("\n",
                "{\"name\":\"environment\",\"nd4j_build\":\"x\"}",
                "{\"name\":\"train-M\",\"ms\":40.0,\"gflops\":75.0,\"ratio_to_sgemm\":0.25}",
                "{\"name\":\"train-vit-M\",\"ms\":100.0,\"gflops\":26.6,\"ratio_to_sgemm\":0.0887}",
                "{\"name\":\"train-vit-L\",\"ms\":160.0,\"gflops\":53.875,\"ratio_to_sgemm\":null}",
                "{\"name\":\"target-vit-ladder\",\"ms\":null,\"note\":\"n\"}", ""));
        String table = TowerTable.of(record);
        String[] lines = table.split("\n");
        assertEquals(4, lines.length, table);
        long cnnM = Bench.model(org.curationlab.models.ImageTowerKind.CNN, org.curationlab.models.ModelSize.M).parameterCount();
        long vitM = Bench.model(org.curationlab.models.ImageTowerKind.VIT, org.curationlab.models.ModelSize.M).parameterCount();
        assertEquals("| M | " + TowerTable.grouped(cnnM) + " | 3.00 | 40.0 | 0.250 | " + TowerTable.grouped(vitM)
                + " | 2.66 | 100.0 | 0.089 |", lines[2]);
        assertTrue(lines[3].startsWith("| L | — | — | — | — | "), lines[3]);
        assertTrue(lines[3].endsWith(" | 8.62 | 160.0 | — |"), lines[3]);
        assertEquals("128 962", TowerTable.grouped(128962));
    }

    @Test
    void aRecordWithoutTrainingRowsIsRefusedNamingIt() throws IOException {
        Path record = tmp.resolve("other.jsonl");
        Files.writeString(record, "{\"name\":\"sgemm-1024\",\"ms\":6.0}\n");
        CurationException e = assertThrows(CurationException.class, () -> TowerTable.of(record));
        assertTrue(e.getMessage().startsWith("--towers: " + record + " has no train-SIZE"), e.getMessage());
        Path broken = tmp.resolve("broken.jsonl");
        Files.writeString(broken, "{\"name\":\"train-M\"\n");
        assertTrue(assertThrows(CurationException.class, () -> TowerTable.of(broken)).getMessage()
                .startsWith("--towers: " + broken + " line 1 is not a JSON object"));
    }
}
