package org.curationlab.harness.regress;

import org.curationlab.train.results.ResultRow;
import org.curationlab.train.results.ResultsTable;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bands from synthetic sweeps whose true curves are known: noise passes, a moved curve fails. */
class BaselineTest {
    /** accuracy = 1 − (e + a·x^−α) per method, plus per-seed noise of sd 0.005. */
    static List<ResultRow> sweep(long noiseSeed, double learnabilityShift) {
        Random rng = new Random(noiseSeed);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String method : List.of("uniform", "learnability")) {
            double e = method.equals("uniform") ? 0.30 : 0.22;
            for (int seed = 0; seed < 3; seed++) {
                double offset = 0.005 * rng.nextGaussian();
                for (int it = 0; it <= 300; it += 50) {
                    double err = it == 0 ? 0.9 : e + 2.0 * Math.pow(it, -0.6) + offset + 0.002 * rng.nextGaussian();
                    double acc = 1 - err + (method.equals("learnability") ? learnabilityShift : 0);
                    rows.add(Map.of("method", method, "seed", Integer.toString(seed), "iteration", Integer.toString(it),
                            "zeroshot_top1", Double.toString(acc)));
                }
            }
        }
        return ResultsTable.of("sweep", rows).rows();
    }

    @Test
    void theBaselineRunAndAReseededRunPass() {
        Baseline b = Baseline.derive("ci.yaml", sweep(1, 0), "method", "zeroshot_top1");
        assertEquals(3, b.seeds());
        assertTrue(b.halfWidth() >= Baseline.FLOOR);
        assertEquals(1, b.orderings().size());
        assertEquals("learnability", b.orderings().get(0).higher());
        List<Baseline.Check> same = b.check(sweep(1, 0));
        assertTrue(same.stream().allMatch(Baseline.Check::ok), Baseline.table(same));
        List<Baseline.Check> reseeded = b.check(sweep(2, 0));
        assertTrue(reseeded.stream().allMatch(Baseline.Check::ok), Baseline.table(reseeded));
    }

    @Test
    void aCurveThatMovesFailsItsFinalBandAndTheOrdering() {
        Baseline b = Baseline.derive("ci.yaml", sweep(1, 0), "method", "zeroshot_top1");
        List<Baseline.Check> moved = b.check(sweep(2, -0.12));
        assertFalse(moved.stream().filter(c -> c.kind().equals("final") && c.group().equals("learnability"))
                .allMatch(Baseline.Check::ok), Baseline.table(moved));
        assertFalse(moved.stream().filter(c -> c.kind().equals("order")).allMatch(Baseline.Check::ok), Baseline.table(moved));
        assertTrue(moved.stream().filter(c -> c.group().equals("uniform")).allMatch(Baseline.Check::ok), Baseline.table(moved));
    }

    @Test
    void aCandidateMethodIsJudgedAgainstTheBandsOfTheOneItReplaces() {
        Baseline b = Baseline.derive("ci.yaml", sweep(1, 0), "method", "zeroshot_top1");
        // A score that lost its reference term: the "learnability" group now ends 0.12 lower, run as its own method.
        List<ResultRow> worse = sweep(2, -0.12).stream()
                .map(r -> r.get("method").equals("learnability") ? with(r, "method", "hard-learner") : r).toList();
        List<Baseline.Check> judged = b.check(Baseline.relabel(worse, "method", Map.of("hard-learner", "learnability")));
        assertFalse(judged.stream().filter(c -> c.kind().equals("final") && c.group().equals("learnability"))
                .allMatch(Baseline.Check::ok), Baseline.table(judged));
        // An equivalent candidate passes under the same relabelling.
        List<ResultRow> same = sweep(2, 0).stream()
                .map(r -> r.get("method").equals("learnability") ? with(r, "method", "candidate") : r).toList();
        List<Baseline.Check> ok = b.check(Baseline.relabel(same, "method", Map.of("candidate", "learnability")));
        assertTrue(ok.stream().allMatch(Baseline.Check::ok), Baseline.table(ok));
        org.curationlab.data.CurationException missing = org.junit.jupiter.api.Assertions.assertThrows(
                org.curationlab.data.CurationException.class,
                () -> Baseline.relabel(same, "method", Map.of("rho-loss", "learnability")));
        assertTrue(missing.getMessage().contains("no group 'rho-loss'") && missing.getMessage().contains("candidate"),
                missing.getMessage());
        org.curationlab.data.CurationException clash = org.junit.jupiter.api.Assertions.assertThrows(
                org.curationlab.data.CurationException.class,
                () -> Baseline.relabel(sweep(2, 0), "method", Map.of("uniform", "learnability")));
        assertTrue(clash.getMessage().contains("its own group 'learnability'"), clash.getMessage());
    }

    static ResultRow with(ResultRow row, String key, String value) {
        return row.with(key, value);
    }

    @Test
    void aRunWithFewerSeedsIsJudgedWithWiderBands() {
        Baseline b = Baseline.derive("ci.yaml", sweep(1, 0), "method", "zeroshot_top1");
        assertEquals(b.halfWidth(), b.halfWidth(3));
        if (b.halfWidth() > Baseline.FLOOR) {
            // three standard errors of (3-seed mean − 1-seed mean) against those of two 3-seed means
            assertEquals(Math.sqrt(2.0), b.halfWidth(1) / b.halfWidth(3), 1e-9);
        }
        assertTrue(b.widening(1) > 1 && b.widening(3) == 1);
        List<ResultRow> seed0 = sweep(2, 0).stream().filter(r -> r.get("seed").equals("0")).toList();
        List<Baseline.Check> one = b.check(seed0);
        assertTrue(one.stream().filter(c -> !c.kind().equals("fit")).allMatch(Baseline.Check::ok), Baseline.table(one));
    }

    /** Seeds that move both methods together (shared initialisation): only the paired view sees the ordering. */
    static List<ResultRow> sharedSeedSweep(double learnabilityGap) {
        double[] seedEffect = {0.0, -0.09, 0.07};
        List<Map<String, String>> rows = new ArrayList<>();
        for (String method : List.of("uniform", "learnability")) {
            for (int seed = 0; seed < 3; seed++) {
                for (int it = 50; it <= 300; it += 50) {
                    double acc = 0.6 + seedEffect[seed] - 0.5 * Math.pow(it / 50.0, -1.0) + (method.equals("learnability") ? learnabilityGap : 0)
                            + 0.004 * (seed - 1) * (method.equals("learnability") ? 1 : -1);
                    rows.add(Map.of("method", method, "seed", Integer.toString(seed), "iteration", Integer.toString(it),
                            "zeroshot_top1", Double.toString(acc)));
                }
            }
        }
        return ResultsTable.of("sweep", rows).rows();
    }

    @Test
    void anOrderingIsJudgedSeedBySeedWhenTheGroupsShareSeeds() {
        Baseline b = Baseline.derive("ci.yaml", sharedSeedSweep(0.08), "method", "zeroshot_top1");
        // The means differ by 0.08 against a seed sd of ~0.08: unpaired, no ordering would be recorded.
        assertEquals(1, b.orderings().size(), b.rule());
        assertEquals(0.08, b.orderings().get(0).gap(), 1e-9);
        assertTrue(b.check(sharedSeedSweep(0.08)).stream().allMatch(Baseline.Check::ok));
        List<Baseline.Check> flipped = b.check(sharedSeedSweep(-0.02));
        assertFalse(flipped.stream().filter(c -> c.kind().equals("order")).allMatch(Baseline.Check::ok), Baseline.table(flipped));
    }

    @Test
    void aMissingGroupFails() {
        Baseline b = Baseline.derive("ci.yaml", sweep(1, 0), "method", "zeroshot_top1");
        List<ResultRow> onlyUniform = sweep(1, 0).stream().filter(r -> r.get("method").equals("uniform")).toList();
        assertFalse(b.check(onlyUniform).stream().allMatch(Baseline.Check::ok));
    }

    @Test
    void aMetricWithoutALawIsJudgedOnItsFinalValuesAndOrderingsOnly() {
        // A constant curve (uniform's share of clean pairs) has no saturating law to fit: no fit, no fit checks.
        List<Map<String, String>> rows = new ArrayList<>();
        Random rng = new Random(3);
        for (String method : List.of("uniform", "learnability")) {
            for (int seed = 0; seed < 3; seed++) {
                for (int it = 0; it <= 300; it += 50) {
                    double clean = method.equals("uniform") ? 0.5 : 0.5 + 0.2 * Math.min(1, it / 100.0) + 0.004 * rng.nextGaussian();
                    rows.add(Map.of("method", method, "seed", Integer.toString(seed), "iteration", Integer.toString(it),
                            "batch_clean", Double.toString(clean)));
                }
            }
        }
        List<ResultRow> table = ResultsTable.of("sweep", rows).rows();
        Baseline b = Baseline.derive("ci.yaml", table, "method", "batch_clean", false);
        assertTrue(b.groups().values().stream().allMatch(g -> g.fit().isEmpty()));
        assertTrue(b.rule().contains("no fitted parameters"), b.rule());
        List<Baseline.Check> same = b.check(table);
        assertTrue(same.stream().allMatch(Baseline.Check::ok), Baseline.table(same));
        assertTrue(same.stream().noneMatch(c -> c.kind().equals("fit")), Baseline.table(same));
        // A worse reference: JEST's batches 0.15 less clean. The final band and the ordering's margin both see it.
        List<Map<String, String>> worse = rows.stream().map(r -> r.get("method").equals("uniform") ? r
                : Map.of("method", "learnability", "seed", r.get("seed"), "iteration", r.get("iteration"),
                "batch_clean", Double.toString(Double.parseDouble(r.get("batch_clean")) - 0.15))).toList();
        List<Baseline.Check> moved = b.check(ResultsTable.of("worse", worse).rows());
        assertFalse(moved.stream().filter(c -> c.kind().equals("final") && c.group().equals("learnability"))
                .allMatch(Baseline.Check::ok), Baseline.table(moved));
    }
}
