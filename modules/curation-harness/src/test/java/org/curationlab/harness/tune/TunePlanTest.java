package org.curationlab.harness.tune;

import org.curationlab.data.CurationException;
import org.curationlab.harness.sweep.SweepCell;
import org.curationlab.harness.sweep.SweepSpec;
import org.curationlab.harness.sweep.CellEngine;
import org.curationlab.harness.sweep.CellResult;
import org.curationlab.harness.sweep.SweepResults;
import org.curationlab.harness.sweep.CellRuns;
import org.curationlab.harness.sweep.SweepRunner;
import org.curationlab.train.results.ResultsTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TunePlanTest {
    static final String SPEC = """
            name: tune-lr
            fixed:
              model: S
            axes:
              method: [uniform, learnability]
              seed: [0, 1]
            search:
              kind: random
              candidates: 3
              seed: 4
              objective: zeroshot_top1
              space:
                lr: {min: 0.0005, max: 0.008, log: true}
                warmup: [20, 50]
            """;

    static TuneSpec spec(Path dir, String text) throws IOException {
        Path f = dir.resolve("tune.yaml");
        Files.writeString(f, text);
        return TuneSpec.load(f);
    }

    @Test
    void randomSearchIsSeededAndCoversGroupsCandidatesAndSeeds(@TempDir Path tmp) throws IOException {
        TuneSpec t = spec(tmp, SPEC);
        List<Map<String, String>> c = TunePlan.candidates(t);
        assertEquals(3, c.size());
        assertEquals(c, TunePlan.candidates(spec(tmp, SPEC)), "the same seed draws the same candidates");
        for (Map<String, String> m : c) {
            double lr = Double.parseDouble(m.get("lr"));
            assertTrue(lr >= 0.0005 && lr <= 0.008, m.toString());
            assertTrue(List.of("20", "50").contains(m.get("warmup")), m.toString());
        }
        List<SweepCell> cells = TunePlan.cells(t);
        assertEquals(2 * 3 * 2, cells.size());
        assertEquals(12, cells.stream().map(SweepCell::id).distinct().count());
        assertTrue(cells.stream().allMatch(x -> x.settings().get("model").equals("S")));
    }

    @Test
    void gridSearchWalksEveryPoint(@TempDir Path tmp) throws IOException {
        TuneSpec t = spec(tmp, SPEC.replace("kind: random", "kind: grid"));
        // 3 points of lr x 2 warmups.
        assertEquals(6, TunePlan.candidates(t).size());
    }

    @Test
    void theBestCandidatePerGroupWinsOnItsMeanFinalValueAndSweepsApplyIt(@TempDir Path tmp) throws IOException {
        TuneSpec t = spec(tmp, SPEC);
        List<Map<String, String>> c = TunePlan.candidates(t);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String method : List.of("uniform", "learnability")) {
            for (int k = 0; k < c.size(); k++) {
                for (String seed : List.of("0", "1")) {
                    // Candidate 1 is best for uniform, candidate 2 for learnability; iteration 0 rows never count.
                    double acc = (method.equals("uniform") ? k == 1 : k == 2) ? 0.8 : 0.6;
                    rows.add(Map.of("method", method, "seed", seed, "lr", c.get(k).get("lr"), "warmup", c.get(k).get("warmup"),
                            "iteration", "0", "zeroshot_top1", "0.99"));
                    rows.add(Map.of("method", method, "seed", seed, "lr", c.get(k).get("lr"), "warmup", c.get(k).get("warmup"),
                            "iteration", "100", "zeroshot_top1", Double.toString(acc)));
                }
            }
        }
        TunedSettings best = TunePlan.best(t, ResultsTable.of("rows", rows));
        assertEquals(c.get(1), best.groups().get(0).best());
        assertEquals(c.get(2), best.groups().get(1).best());
        assertEquals(0.8, best.groups().get(1).objective(), 1e-12);

        Path file = tmp.resolve("best.json");
        best.write(file);
        Path sweep = tmp.resolve("methods.yaml");
        Files.writeString(sweep, "name: methods\ntuned: best.json\nfixed:\n  model: S\naxes:\n  method: [uniform, learnability]\n");
        List<SweepCell> cells = TunedSettings.cells(SweepSpec.load(sweep));
        assertEquals(c.get(1).get("lr"), cells.get(0).settings().get("lr"));
        assertEquals(c.get(2).get("lr"), cells.get(1).settings().get("lr"));
        assertThrows(IllegalStateException.class, () -> SweepSpec.load(sweep).cells(), "the bare grid would run untuned");

        Files.writeString(sweep, "name: methods\ntuned: best.json\naxes:\n  method: [easy-reference]\n");
        CurationException e = assertThrows(CurationException.class, () -> TunedSettings.cells(SweepSpec.load(sweep)));
        assertTrue(e.getMessage().contains("no group of the tune 'tune-lr' matches"), e.getMessage());

        // tuned-as: a score the tune did not search takes learnability's settings; the rest keep their own group's.
        Files.writeString(sweep, "name: methods\ntuned: best.json\ntuned-as:\n  method: {easy-reference: learnability}\n"
                + "axes:\n  method: [uniform, easy-reference]\n");
        List<SweepCell> mapped = TunedSettings.cells(SweepSpec.load(sweep));
        assertEquals(c.get(1).get("lr"), mapped.get(0).settings().get("lr"));
        assertEquals(c.get(2).get("lr"), mapped.get(1).settings().get("lr"));
        assertEquals("easy-reference", mapped.get(1).settings().get("method"), "the cell still runs its own method");
        assertTrue(SweepSpec.load(sweep).asMap().containsKey("tuned-as"), "sweep.json records the mapping");
        Files.writeString(sweep, "name: methods\ntuned-as:\n  method: {easy-reference: learnability}\naxes:\n  method: [uniform]\n");
        e = assertThrows(CurationException.class, () -> SweepSpec.load(sweep));
        assertTrue(e.getMessage().endsWith(":2: tuned-as: needs tuned: FILE (the best.json whose groups it maps onto)"), e.getMessage());
        Files.writeString(sweep, "name: methods\ntuned: best.json\ntuned-as:\n  method: learnability\naxes:\n  method: [uniform]\n");
        e = assertThrows(CurationException.class, () -> SweepSpec.load(sweep));
        assertTrue(e.getMessage().contains(":4: tuned-as: must map a setting to {value: tuned value}"), e.getMessage());
    }

    /**
     * The tune's cells through the real sweep runner and results.csv, with an engine that scores a
     * cell by its settings: uniform does best at lr 0.002 and warmup 50, learnability at lr 0.001
     * and warmup 20. The searched settings must come back as columns for the winners to be found.
     */
    @Test
    void aTuneThroughTheSweepRunnerWritesItsSearchedSettingsAsColumnsAndFindsTheKnownWinners(@TempDir Path tmp) throws IOException {
        TuneSpec t = spec(tmp, SPEC.replace("kind: random", "kind: grid").replace("lr: {min: 0.0005, max: 0.008, log: true}", "lr: [0.001, 0.002]"));
        SweepSpec asRun = TunePlan.asRun(t);
        Path dir = tmp.resolve("out");
        SweepRunner runner = new SweepRunner(asRun, CellRuns.plan(asRun, TunePlan.cells(t)), dir, 2,
                (run, cellDir, resume) -> List.of("unused"), (jobs, threads) -> new ScoringEngine(), new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        assertTrue(runner.run(false).complete());

        ResultsTable table = ResultsTable.read(dir.resolve(SweepResults.FILE));
        assertEquals(List.of("cell", "cell_row", "cell_rows", "method", "seed", "lr", "warmup", "model"), table.columns().subList(0, 8));
        TunedSettings best = TunePlan.best(t, table);
        assertEquals(Map.of("method", "uniform"), best.groups().get(0).group());
        assertEquals(Map.of("lr", "0.002", "warmup", "50"), best.groups().get(0).best());
        assertEquals(Map.of("lr", "0.001", "warmup", "20"), best.groups().get(1).best());
        assertEquals(0.9, best.groups().get(1).objective(), 1e-12);
        assertEquals(4, best.groups().get(1).candidates().size());
        assertTrue(best.groups().get(1).candidates().stream().allMatch(x -> x.seeds() == 2));
    }

    /** Scores a cell from its settings, with a first row at iteration 0 that must not count. */
    private static final class ScoringEngine implements CellEngine {
        @Override
        public String describe() {
            return "scoring";
        }

        @Override
        public int concurrency() {
            return 1;
        }

        @Override
        public CellResult run(SweepCell cell, String runJson, Path cellDir, int threads) {
            Map<String, String> s = cell.settings();
            boolean uniform = s.get("method").equals("uniform");
            boolean winner = uniform ? s.get("lr").equals("0.002") && s.get("warmup").equals("50")
                    : s.get("lr").equals("0.001") && s.get("warmup").equals("20");
            double score = (winner ? 0.9 : 0.5) + 0.01 * Integer.parseInt(s.get("seed"));
            return new CellResult(0, List.of(
                    Map.of("iteration", "0", "zeroshot_top1", "0.99"),
                    Map.of("iteration", "100", "zeroshot_top1", Double.toString(winner ? 0.9 : score))), List.of());
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aSweepRefusesATunedFileWithoutBestSettings(@TempDir Path tmp) throws IOException {
        TuneSpec t = spec(tmp, SPEC);
        Path file = tmp.resolve("best.json");
        TunedSettings empty = TunePlan.best(t, ResultsTable.of("rows", List.of()));
        assertTrue(!empty.found());
        empty.write(file);
        Path sweep = tmp.resolve("methods.yaml");
        Files.writeString(sweep, "name: methods\ntuned: best.json\naxes:\n  method: [uniform, learnability]\n");
        CurationException e = org.curationlab.testing.CurationAssertions.assertMessage(() -> TunedSettings.cells(SweepSpec.load(sweep)),
                file.toString(), "holds no best settings");
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void aTableWithoutTheSearchedColumnsIsRefusedNotReadAsNothingMeasured(@TempDir Path tmp) throws IOException {
        TuneSpec t = spec(tmp, SPEC);
        ResultsTable old = ResultsTable.of("old/results.csv", List.of(Map.of("method", "uniform", "seed", "0", "iteration", "100",
                "zeroshot_top1", "0.5")));
        org.curationlab.testing.CurationAssertions.assertMessage(() -> TunePlan.best(t, old), "old/results.csv has no column 'lr'");
    }

    static java.util.stream.Stream<Arguments> badSearchSections() {
        return java.util.stream.Stream.of(
                Arguments.of("kind: random", "kind: bayes", 8, "search.kind: 'bayes' is not random or grid"),
                Arguments.of("candidates: 3", "candidates: 0", 9, "search.candidates"),
                Arguments.of("min: 0.0005", "min: 0.0", 13, "search.space.lr: needs min < max and min > 0 for log"),
                Arguments.of("  seed: 4", "  budget: 4", 10, "search.budget: unknown key"),
                Arguments.of("warmup: [20, 50]", "model: [S, M]", 14, "search.space.model: also fixed or an axis"),
                Arguments.of("objective: zeroshot_top1", "objective: accuracy", 11,
                        "search.objective: 'accuracy' is not a column of the results; known: zeroshot_top1, i2t_r1, i2t_r5, t2i_r1, t2i_r5, probe_10shot"),
                Arguments.of("  space:\n    lr: {min: 0.0005, max: 0.008, log: true}\n    warmup: [20, 50]\n",
                        "  space: {}\n", 12, "search.space: needs at least one setting"),
                Arguments.of("search:", "searchx:", 7, "unknown key 'searchx'"),
                Arguments.of("name: tune-lr", "name: ..", 1, "name: '..' must be one path word"),
                Arguments.of("name: tune-lr\n", "name: tune-lr\ntuned: best.json\n", 2, "tuned: belongs in a sweep spec"));
    }

    /** Each bad search key is named with the file and its own line, in one line. */
    @ParameterizedTest
    @MethodSource("badSearchSections")
    void badSearchSectionsNameTheFileAndLine(String from, String to, int line, String expected, @TempDir Path tmp) throws IOException {
        String text = SPEC.replace(from, to);
        assertTrue(!text.equals(SPEC), "the case changes the spec");
        Files.writeString(tmp.resolve("best.json"), "{}");
        Path f = tmp.resolve("tune.yaml");
        CurationException e = org.curationlab.testing.CurationAssertions.assertMessage(() -> spec(tmp, text), f + ":" + line + ": " + expected);
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void aSweepSpecRefusesASearchSection(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, SPEC);
        CurationException e = assertThrows(CurationException.class, () -> SweepSpec.load(f));
        assertTrue(e.getMessage().contains("'search' belongs in a tune spec"), e.getMessage());
    }
}
