package org.curationlab.harness.multiplier;

import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunSourceTest {
    @TempDir
    Path dir;

    private Path table() throws Exception {
        Path f = dir.resolve("results.csv");
        Files.writeString(f, """
                cell,model,iterations,seed,iteration,zeroshot_top1
                a,S,150,0,100,0.5
                a,S,150,0,150,0.6
                b,S,150,1,100,0.4
                b,S,150,1,150,0.55
                c,S,600,0,100,0.5
                """);
        return f;
    }

    @Test
    void whereMatchesNumbersAsNumbersAndGroupsRowsBySeed() throws Exception {
        var bySeed = new RunSource("t", table(), List.of(), Map.of("model", "S", "iterations", "150.0"), null).bySeed();
        assertEquals(List.of("0", "1"), List.copyOf(bySeed.keySet()));
        assertEquals(2, bySeed.get("0").size());
        assertTrue(RunSource.same("0.0", "0"));
        assertFalse(RunSource.same("0.5", "0"));
    }

    @Test
    void aLooseWhereThatMixesTwoRunsOfOneSeedIsAnErrorNamingTheCells() throws Exception {
        String m = assertThrows(CurationException.class,
                () -> new RunSource("m.yaml: condition 'x': other", table(), List.of(), Map.of("model", "S"), null).bySeed()).getMessage();
        assertTrue(m.startsWith("m.yaml: condition 'x': other: seed 0") && m.contains("[a, c]"), m);
    }

    @Test
    void noMatchingRowSaysWhatTheColumnHolds() throws Exception {
        String m = assertThrows(CurationException.class,
                () -> new RunSource("t", table(), List.of(), Map.of("model", "XL"), null).bySeed()).getMessage();
        assertTrue(m.contains("no row of") && m.contains("model holds [S]"), m);
        String missing = assertThrows(CurationException.class,
                () -> new RunSource("t", table(), List.of(), Map.of("modle", "S"), null).bySeed()).getMessage();
        assertTrue(missing.contains("column 'modle' is not in"), missing);
    }

    @Test
    void aSeedThatStopsEarlyOrHasNoTrainedRowIsAnError() throws Exception {
        Records.run(dir, "u-s0", Records.curve(1, 0), 400, 1);
        Records.run(dir, "u-s1", Records.curve(1, 0), 300, 1);
        String early = assertThrows(CurationException.class,
                () -> new RunSource("t", null, List.of(dir + "/u-s*"), Map.of(), null).bySeed()).getMessage();
        assertTrue(early.contains("the seeds end at different steps {0=400.0, 1=300.0}"), early);
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("eval.csv"), Records.HEADER + "\n");
        String none = assertThrows(CurationException.class,
                () -> new RunSource("t", null, List.of(empty.toString()), Map.of(), null).bySeed()).getMessage();
        assertTrue(none.contains("seed 0 (no rows) has no evaluation after step 0"), none);
    }

    @Test
    void aFolderNamedTwiceIsAnErrorNotASecondSeed() throws Exception {
        Path run = Records.run(dir, "u-s0", Records.curve(1, 0), 200, 1);
        String m = assertThrows(CurationException.class,
                () -> new RunSource("t", null, List.of(run.toString(), dir + "/u-s*"), Map.of(), null).bySeed()).getMessage();
        assertTrue(m.contains("is named twice"), m);
    }

    @Test
    void runFoldersAreSeedsInNameOrderAndAGlobThatMatchesNothingIsAnError() throws Exception {
        Records.run(dir, "u-s1", Records.curve(1, 0), 200, 1);
        Records.run(dir, "u-s0", Records.curve(1, 0), 200, 1);
        var bySeed = new RunSource("t", null, List.of(dir + "/u-s*"), Map.of(), null).bySeed();
        assertEquals(2, bySeed.size());
        assertEquals("0", bySeed.get("0").get(0).get("seed"));
        String m = assertThrows(CurationException.class,
                () -> new RunSource("t", null, List.of(dir + "/v-s*"), Map.of(), null).bySeed()).getMessage();
        assertTrue(m.contains("no folder matches"), m);
    }
}
