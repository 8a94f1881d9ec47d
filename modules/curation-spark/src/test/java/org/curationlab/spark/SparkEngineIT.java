package org.curationlab.spark;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same spec on the local engine and on Spark's embedded {@code local[2]} (two cells at once,
 * one thread each on both): the same results.csv rows, up to row order and wall time.
 */
@Tag("integration")
class SparkEngineIT {
    @TempDir
    Path tmp;

    @Test
    void embeddedSparkGivesTheLocalRunnersRows() throws Exception {
        Path spec = TinySweep.spec(tmp);
        Path local = tmp.resolve("local");
        Path spark = tmp.resolve("spark");
        TinySweep.Run l = TinySweep.curate("sweep", spec.toString(), "--out", local.toString(), "--jobs", "2");
        assertEquals(0, l.exitCode(), l.out() + l.err());
        TinySweep.Run s = TinySweep.curate("sweep", spec.toString(), "--out", spark.toString(), "--jobs", "2",
                "--engine", "spark", "--master", "local[2]");
        assertEquals(0, s.exitCode(), s.out() + s.err());

        List<List<String>> localRows = TinySweep.rowsWithoutTiming(local.resolve("results.csv"));
        List<List<String>> sparkRows = TinySweep.rowsWithoutTiming(spark.resolve("results.csv"));
        assertEquals(1 + 4 * 3, localRows.size(), "4 cells of 3 rows (steps 0, 10, 20)");
        assertEquals(localRows, sparkRows);
        assertFalse(Files.exists(spark.resolve("failed.jsonl")));
        assertTrue(Files.readString(spark.resolve("sweep.json")).contains("\"engine\" : \"spark local[2]"),
                Files.readString(spark.resolve("sweep.json")));

        // Resuming a finished Spark sweep runs nothing and appends nothing.
        long size = Files.size(spark.resolve("results.csv"));
        TinySweep.Run again = TinySweep.curate("sweep", spec.toString(), "--out", spark.toString(), "--jobs", "2",
                "--engine", "spark", "--master", "local[2]", "--resume");
        assertEquals(0, again.exitCode(), again.out() + again.err());
        assertEquals(size, Files.size(spark.resolve("results.csv")));
    }
}
