package org.curationlab.harness.sweep;

import org.curationlab.data.CurationException;
import org.curationlab.train.RunSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A cell's settings made into its run by the schema, without the command line. */
class CellRunsTest {
    @TempDir
    Path tmp;

    Path write(String text) throws IOException {
        Path p = tmp.resolve("spec.yaml");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void aCellCarriesItsSettingsAsARun() {
        SweepCell cell = SweepCell.of(Map.of("model", "S", "greedy", "true"), Map.of("method", "learnability", "seed", "2"));
        assertEquals(RunSpec.defaults().with("model", "S").with("greedy", true).with("method", "learnability").with("seed", 2),
                CellRuns.of(cell));
    }

    @Test
    void aCellCarriesAPipelineAndTheEmbeddingChoice() {
        SweepCell cell = SweepCell.of(Map.of("reference", "curated"),
                Map.of("pool-pruning", "semdedup+score:0.5+dbp:0.3", "prune-embedding", "joint"));
        RunSpec run = CellRuns.of(cell);
        assertEquals("semdedup+score:0.5+dbp:0.3", run.pruning().poolPruning());
        assertEquals("joint", run.pruning().pruneEmbedding());
        CellRuns.InvalidSetting bad = assertThrows(CellRuns.InvalidSetting.class,
                () -> CellRuns.of(SweepCell.of(Map.of(), Map.of("pool-pruning", "semdedup+score:0.3+dbp:0.5"))));
        assertEquals("pool-pruning", bad.key());
        assertTrue(bad.getMessage().contains("asks for 0.5 of the original pool"), bad.getMessage());
    }

    /** Both budgets of a reference trained in the run, whatever their values (80 is the passes' default), are one error naming both. */
    @Test
    void aReferenceBudgetGivenTwiceIsRefused() {
        CellRuns.InvalidSetting e = assertThrows(CellRuns.InvalidSetting.class,
                () -> CellRuns.of(SweepCell.of(Map.of("reference-iterations", "400"), Map.of("reference-passes", "80"))));
        assertEquals("reference-iterations", e.key());
        assertTrue(e.getMessage().contains("give either --reference-iterations or --reference-passes, not both"), e.getMessage());
        assertEquals(400, CellRuns.of(SweepCell.of(Map.of("reference", "curated", "reference-iterations", "400"), Map.of()))
                .reference().referenceIterations(), "experiments/quick.yaml's pinned steps");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "seed: [0, 1, two]           | 7 | seed: 'two' is not a whole number",
            "method: [uniform, learnabilty] | 6 | method: --method:",
            "filter-ratio: [0.5, 1.5]    | 6 | filter-ratio: --filter-ratio: 1.5",
            "greedy: [maybe]             | 6 | greedy: 'maybe' is not true or false",
            "modle: [S]                  | 6 | modle: unknown setting; a sweep sets `curate train` options",
            "threads: [2]                | 6 | threads: is set by the sweep for every cell",
    })
    void errorsNameTheSpecLineAndKey(String axis, int line, String fragment) throws IOException {
        Path p = write("name: demo\nfixed:\n  model: S\n  noise: web,misaligned=0.4\naxes:\n  " + axis.trim()
                + (axis.startsWith("seed") ? "" : "\n  seed: [0]") + "\n");
        if (axis.startsWith("seed")) {
            p = write("name: demo\nfixed:\n  model: S\n  noise: web,misaligned=0.4\naxes:\n  method: [uniform]\n  " + axis.trim() + "\n");
        }
        Path spec = p;
        CurationException e = assertThrows(CurationException.class, () -> CellRuns.plan(SweepSpec.load(spec)));
        assertTrue(e.getMessage().startsWith(spec + ":" + line + ": " + fragment.trim()), e.getMessage());
        assertTrue(e.getMessage().contains("(cell "), e.getMessage());
    }

    @Test
    void everyCellIsPlannedInGridOrder() throws IOException {
        Path p = write("name: demo\nfixed:\n  model: S\naxes:\n  method: [uniform, learnability]\n  seed: [0, 1]\n");
        List<CellRun> runs = CellRuns.plan(SweepSpec.load(p));
        assertEquals(4, runs.size());
        runs.forEach(r -> assertEquals(r.cell().settings().get("method"), r.run().selection().method()));
        runs.forEach(r -> assertEquals(Long.parseLong(r.cell().settings().get("seed")), r.run().data().seed()));
    }
}
