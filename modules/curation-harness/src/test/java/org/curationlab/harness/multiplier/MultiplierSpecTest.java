package org.curationlab.harness.multiplier;

import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultiplierSpecTest {
    @TempDir
    Path dir;

    private MultiplierSpec load(String yaml) throws Exception {
        Path f = dir.resolve("m.yaml");
        Files.writeString(f, yaml);
        return MultiplierSpec.load(f);
    }

    private String error(String yaml) {
        return assertThrows(CurationException.class, () -> load(yaml)).getMessage();
    }

    @Test
    void eachRepeatsAConditionAndSharedKeysReachBothSidesUnlessASideSaysOtherwise() throws Exception {
        MultiplierSpec s = load("""
                conditions:
                  - section: size
                    name: "{model}, {iterations} steps"
                    runs: r.csv
                    each: {model: [S, L], iterations: [150, 600]}
                    baseline: {where: {method: uniform}}
                    other: {where: {method: learnability}, flops: flops_train}
                """);
        assertEquals(4, s.conditions().size());
        assertEquals(MultiplierSpec.DEFAULT_RESAMPLES, s.resamples());
        Condition first = s.conditions().get(0);
        assertEquals("S, 150 steps", first.name());
        assertEquals(Map.of("model", "S", "iterations", "150", "method", "uniform"), first.baseline().where());
        assertEquals(Map.of("model", "S", "iterations", "150", "method", "learnability"), first.other().where());
        assertEquals("flops_total", first.baseline().flops());
        assertEquals("flops_train", first.other().flops());
        assertEquals("L, 600 steps", s.conditions().get(3).name());
    }

    @Test
    void aSideReadFromRunFoldersIsTakenWholeByEach() throws Exception {
        MultiplierSpec s = load("""
                conditions:
                  - section: f
                    name: f = {filter-ratio}
                    each: {filter-ratio: [0.5, 0.8]}
                    baseline: {dirs: [u-s0, u-s1]}
                    other: {runs: r.csv}
                """);
        assertTrue(s.conditions().get(1).baseline().where().isEmpty());
        assertEquals(Map.of("filter-ratio", "0.8"), s.conditions().get(1).other().where());
    }

    @Test
    void badSpecsNameTheFileTheConditionAndTheKey() {
        assertTrue(error("conditions: []").contains("conditions: expected a non-empty list"));
        String unknown = error("""
                conditions:
                  - {section: a, name: b, baseline: {runs: r.csv}, other: {runs: r.csv}, wher: {x: 1}}
                """);
        assertTrue(unknown.contains("m.yaml: condition 1") && unknown.contains("unknown key 'wher'"), unknown);
        String both = error("""
                conditions:
                  - {section: a, name: b, baseline: {runs: r.csv, dirs: [d]}, other: {runs: r.csv}}
                """);
        assertTrue(both.contains("condition 'b': baseline: give either runs: CSV or dirs"), both);
        assertTrue(error("""
                conditions:
                  - {section: a, name: b, baseline: {runs: r.csv}}
                """).contains("other: expected a mapping"));
        assertTrue(error("bootstrap: {resamples: 0}\nconditions: [{}]").contains("resamples is 0"));
        String shadowed = error("""
                conditions:
                  - {section: a, name: "{model}", runs: r.csv, each: {model: [S, M]}, where: {model: S},
                     baseline: {}, other: {}}
                """);
        assertTrue(shadowed.contains("'model' is both in each and in the shared where"), shadowed);
        String placeholder = error("""
                conditions:
                  - {section: a, name: "{modle}", runs: r.csv, each: {model: [S]}, baseline: {}, other: {}}
                """);
        assertTrue(placeholder.contains("'{modle}' names no column of each [model]"), placeholder);
        String twice = error("""
                conditions:
                  - {section: a, name: b, runs: r.csv, baseline: {}, other: {}}
                  - {section: a, name: b, runs: r.csv, baseline: {}, other: {}}
                """);
        assertTrue(twice.contains("condition 2: 'b' appears twice in section 'a'"), twice);
        assertTrue(assertThrows(CurationException.class, () -> MultiplierSpec.load(dir.resolve("none.yaml")))
                .getMessage().contains("no such multiplier spec"));
    }

    @Test
    void timedAloneOnTheConditionReachesBothSidesUnlessASideSaysOtherwise() throws Exception {
        MultiplierSpec s = load("""
                conditions:
                  - section: t
                    name: n
                    timed-alone: true
                    baseline: {dirs: [u-s0]}
                    other: {dirs: [m-s0], timed-alone: false}
                  - section: t
                    name: unsaid
                    baseline: {dirs: [u-s0]}
                    other: {dirs: [m-s0]}
                """);
        assertEquals(Boolean.TRUE, s.conditions().get(0).baseline().timedAlone());
        assertEquals(Boolean.FALSE, s.conditions().get(0).other().timedAlone());
        assertEquals(null, s.conditions().get(1).baseline().timedAlone());
        assertEquals(Timing.Status.UNKNOWN, s.conditions().get(1).baseline().timing().status());
    }

    @Test
    void timedAloneThatIsNotTrueOrFalseIsAnErrorNamingTheSide() {
        String m = error("""
                conditions:
                  - section: t
                    name: n
                    baseline: {dirs: [u-s0], timed-alone: maybe}
                    other: {dirs: [m-s0]}
                """);
        assertTrue(m.contains("condition 'n': baseline: timed-alone: 'maybe' is not true or false"), m);
    }
}
