package org.curationlab.harness.tune;

import org.curationlab.data.CurationException;
import org.curationlab.harness.sweep.SweepCell;
import org.curationlab.harness.sweep.SweepSpec;
import org.junit.jupiter.api.Test;
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
        TunedSettings best = TunePlan.best(t, org.curationlab.train.results.ResultsTable.of("rows", rows).rows());
        assertEquals(c.get(1), best.groups().get(0).best());
        assertEquals(c.get(2), best.groups().get(1).best());
        assertEquals(0.8, best.groups().get(1).objective(), 1e-12);

        Path file = tmp.resolve("best.json");
        best.write(file);
        Path sweep = tmp.resolve("methods.yaml");
        Files.writeString(sweep, "name: methods\ntuned: best.json\nfixed:\n  model: S\naxes:\n  method: [uniform, learnability]\n");
        List<SweepCell> cells = SweepSpec.load(sweep).cells();
        assertEquals(c.get(1).get("lr"), cells.get(0).settings().get("lr"));
        assertEquals(c.get(2).get("lr"), cells.get(1).settings().get("lr"));

        Files.writeString(sweep, "name: methods\ntuned: best.json\naxes:\n  method: [easy-reference]\n");
        CurationException e = assertThrows(CurationException.class, () -> SweepSpec.load(sweep).cells());
        assertTrue(e.getMessage().contains("no group of the tune 'tune-lr' matches"), e.getMessage());
    }

    @Test
    void badSearchSectionsAreNamed(@TempDir Path tmp) {
        assertMessage(tmp, SPEC.replace("kind: random", "kind: bayes"), "search.kind: 'bayes' is not random or grid");
        assertMessage(tmp, SPEC.replace("candidates: 3", "candidates: 0"), "search.candidates");
        assertMessage(tmp, SPEC.replace("min: 0.0005", "min: 0.0"), "search.space.lr: needs min < max and min > 0 for log");
        assertMessage(tmp, SPEC.replace("  seed: 4", "  budget: 4"), "search.budget: unknown key");
        assertMessage(tmp, SPEC.replace("warmup: [20, 50]", "model: [S, M]"), "search.space.model: also fixed or an axis");
        assertMessage(tmp, SPEC.replace("search:", "searchx:"), "unknown key 'searchx'");
    }

    private static void assertMessage(Path tmp, String text, String expected) {
        org.curationlab.testing.CurationAssertions.assertMessage(() -> spec(tmp, text), expected);
    }

    @Test
    void aSweepSpecRefusesASearchSection(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, SPEC);
        CurationException e = assertThrows(CurationException.class, () -> SweepSpec.load(f));
        assertTrue(e.getMessage().contains("'search' belongs in a tune spec"), e.getMessage());
    }
}
