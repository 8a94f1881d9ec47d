package org.curationlab.harness.fit;

import org.curationlab.data.CurationException;
import org.curationlab.train.results.ResultRow;
import org.curationlab.train.results.ResultsTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-condition accuracies and multipliers, on a sweep whose learnability curve is uniform's at twice the steps. */
class FitTableTest {
    private static final FitTable.Settings SETTINGS = new FitTable.Settings(
            List.of(FitTable.Label.parse("--within", "model:size"), FitTable.Label.parse("--within", "iterations:steps")),
            "method", "uniform", "learnability",
            List.of(FitTable.Label.parse("--x", "iteration:iterations"), FitTable.Label.parse("--x", "flops_total")),
            Form.SATURATING, ComputeMultiplier.Target.FINAL, 0);

    /** Uniform's error at step t; learnability reaches at t what uniform reaches at 2t. */
    private static double error(String method, int t) {
        double x = method.equals("learnability") ? 2.0 * t : t;
        return 0.2 + 2 / Math.sqrt(x);
    }

    /**
     * M before S and the long budget first, as a sweep with two jobs may finish them: the table still
     * reads smallest size and budget first. A 200-step cell has two evaluations (100, 200).
     */
    private static List<ResultRow> sweep() {
        List<Map<String, String>> rows = new ArrayList<>();
        for (String model : List.of("M", "S")) {
            for (int budget : new int[]{400, 200}) {
                for (String method : List.of("uniform", "learnability")) {
                    for (int seed = 0; seed < 2; seed++) {
                        String cell = String.format(Locale.ROOT, "model=%s,iterations=%d,method=%s,seed=%d", model, budget, method, seed);
                        for (int t = 0; t <= budget; t += 100) {
                            Map<String, String> r = new LinkedHashMap<>();
                            r.put("cell", cell);
                            r.put("model", model);
                            r.put("iterations", Integer.toString(budget));
                            r.put("method", method);
                            r.put("seed", Integer.toString(seed));
                            r.put("iteration", Integer.toString(t));
                            r.put("flops_total", String.format(Locale.ROOT, "%g", 1e9 * t));
                            // the untrained model's row (iteration 0, no FLOPs) is no point of a curve
                            double top1 = t == 0 ? 0.1 : 1 - error(method, t) + (model.equals("M") ? 0.01 * seed : 0);
                            r.put("zeroshot_top1", String.format(Locale.ROOT, "%.6f", top1));
                            rows.add(r);
                        }
                    }
                }
            }
        }
        return ResultsTable.of("sweep", rows).rows();
    }

    /** Measured once: each condition's fits bootstrap 200 resamples. */
    private static FitTable table;

    @BeforeAll
    static void measure() {
        table = FitTable.measure(sweep(), SETTINGS);
    }

    @Test
    void eachConditionHasBothAccuraciesAndTheMultipliersOfItsOwnRows() {
        String md = table.markdown("Title.");
        String[] lines = md.split("\n");
        assertEquals("Title.", lines[0]);
        assertEquals("", lines[1]);
        assertEquals("| size | parameters | steps | uniform | learnability | iterations (empirical) | iterations (fitted) "
                + "| flops_total (empirical) | flops_total (fitted) |", lines[2]);
        assertEquals("| --- | --- | --- | --- | --- | --- | --- | --- | --- |", lines[3]);
        String n = String.format(Locale.ROOT, "%,d", Math.round(ModelParameters.of(Map.of("model", "S"))));
        assertEquals("| S | " + n + " | 200 | 0.659 ± 0.000 (2) | 0.700 ± 0.000 (2) | too few evaluations | - | too few evaluations | - |",
                lines[4], "two evaluations per cell: no law of three parameters");
        // learnability is where uniform ends (step 400) at step 200: 2x on the observed curves and on the exact laws
        assertEquals("| S | " + n + " | 400 | 0.700 ± 0.000 (2) | 0.729 ± 0.000 (2) | 2.00x | 2.00x [2.00, 2.00] | 2.00x "
                + "| 2.00x [2.00, 2.00] |", lines[5]);
        assertTrue(lines[6].startsWith("| M | ") && lines[6].contains(" | 200 | 0.664 ± 0.007 (2) | 0.705 ± 0.007 (2) | too few"), lines[6]);
        assertTrue(lines[7].startsWith("| M | ") && lines[7].contains(" | 400 | 0.705 ± 0.007 (2) | 0.734 ± 0.007 (2) | 2.00x | 2.00x ["),
                lines[7]);
        assertEquals(8, lines.length);
    }

    @Test
    void theMultipliersAreCurateFitsOnTheConditionsRows() {
        List<Map<String, String>> rows = new ArrayList<>();
        for (ResultRow r : sweep()) {
            if (r.text("model").equals("M") && r.text("iterations").equals("400") && r.number("iteration") > 0) {
                Map<String, String> p = new LinkedHashMap<>(r.values());
                p.put("error", ErrorColumn.of(r.number("zeroshot_top1")));
                rows.add(p);
            }
        }
        FitReport fit = ScalingFits.fit(ObservationLoader.load(rows, "iteration", "error", "method", "seed"), Form.SATURATING, false,
                "uniform", ComputeMultiplier.Target.FINAL, 0, Bootstrap.DEFAULT_RESAMPLES, Bootstrap.DEFAULT_LEVEL);
        FitTable.Multiplier m = table.lines().get(3).axes().get(0);
        assertEquals(List.of("M", "400"), table.lines().get(3).key());
        assertEquals(fit.fit("learnability").multiplier().multiplier(), m.fitted().multiplier());
        assertEquals(fit.fit("learnability").empiricalMultiplier().multiplier(), m.empirical().multiplier());
        assertEquals(fit.fit("learnability").intervals().get("compute_multiplier"), m.fittedInterval());
    }

    @Test
    void aGroupNotInTheTableIsNamedWithTheGroupsThereAre() {
        FitTable.Settings s = new FitTable.Settings(SETTINGS.within(), "method", "uniform", "jest", SETTINGS.axes(), Form.SATURATING,
                ComputeMultiplier.Target.FINAL, 0);
        CurationException e = assertThrows(CurationException.class, () -> FitTable.measure(sweep(), s));
        assertEquals("--method: no row has method = 'jest'; its values are [uniform, learnability]", e.getMessage());
    }

    @Test
    void aLabelIsAColumnAndItsHeader() {
        assertEquals(new FitTable.Label("model", "size"), FitTable.Label.parse("--within", "model:size"));
        assertEquals(new FitTable.Label("iterations", "iterations"), FitTable.Label.parse("--within", "iterations"));
        CurationException e = assertThrows(CurationException.class, () -> FitTable.Label.parse("--x", ":FLOPs"));
        assertTrue(e.getMessage().startsWith("--x: ':FLOPs' is not COL or COL:HEADER"), e.getMessage());
    }
}
