package org.curationlab.harness.fit;

import org.curationlab.testing.CurationAssertions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ScalingFitsTest {

    private static final DoubleUnaryOperator BASE = Synthetic.saturating(0.1, 5, 0.35);

    /** Baseline and a method that needs 4× less compute, 3 seeds, 2 % noise. */
    private static List<Observation> twoMethods() {
        List<Observation> data = new ArrayList<>(Synthetic.oneAxis(BASE, 1e3, 1e7, 9, 3, 0.02, "clip", 1));
        data.addAll(Synthetic.oneAxis(c -> BASE.applyAsDouble(4 * c), 1e3, 1e7, 9, 3, 0.02, "jest", 2));
        return data;
    }

    @Test
    void reportsCurvesIntervalsAndMultiplier() throws Exception {
        FitReport report = ScalingFits.fit(twoMethods(), Form.SATURATING, false, "clip", 7L, 30, 0.95).withAxes("flops", "error");
        FitReport.GroupFit jest = report.fit("jest");
        System.out.printf("facade: jest multiplier fitted %.3f, empirical %.3f, interval %s%n", jest.multiplier().multiplier(),
                jest.empiricalMultiplier().multiplier(), jest.intervals().get("compute_multiplier"));
        assertEquals(4.0, jest.multiplier().multiplier(), 0.6);
        assertEquals(4.0, jest.empiricalMultiplier().multiplier(), 1.0);
        assertTrue(jest.intervals().get("compute_multiplier").contains(jest.multiplier().multiplier()));
        // the observed multiplier has its own interval over the same seed resamples
        assertTrue(jest.intervals().get("compute_multiplier_empirical").contains(jest.empiricalMultiplier().multiplier()));
        assertEquals(null, report.fit("clip").multiplier());
        CurationAssertions.assertRelative(0.35, ((SaturatingPowerLaw) report.fit("clip").curve()).alpha(), 0.1, "alpha");

        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertEquals("clip", json.get("baseline").asText());
        assertEquals("flops", json.get("x").asText());
        assertEquals("error", json.get("y").asText());
        assertEquals(2, json.get("fits").size());
        JsonNode fit = json.get("fits").get(1);
        assertEquals("jest", fit.get("group").asText());
        assertEquals("saturating", fit.get("form").asText());
        for (String key : List.of("e_inf", "a", "alpha", "rmse_log", "n", "compute_multiplier", "compute_multiplier_empirical")) {
            assertTrue(fit.get(key).isNumber(), key);
        }
        assertFalse(fit.has("beta"));
        JsonNode iv = fit.get("intervals").get("e_inf");
        assertEquals(2, iv.size());
        assertTrue(iv.get(0).asDouble() <= fit.get("e_inf").asDouble() && fit.get("e_inf").asDouble() <= iv.get(1).asDouble());
        assertEquals(27, fit.get("n").asInt());

        String table = report.toTable();
        assertTrue(table.contains("jest") && table.contains("clip") && table.contains("multiplier"), table);
    }

    @Test
    void deterministicGivenTheSeed() {
        List<Observation> data = twoMethods();
        String a = ScalingFits.fit(data, Form.SATURATING, false, "clip", 3L, 20, 0.9).toJson();
        String b = ScalingFits.fit(data, Form.SATURATING, false, "clip", 3L, 20, 0.9).toJson();
        assertEquals(a, b);
    }

    @Test
    void paretoFitsTheFrontierOfModelSizes() {
        // Three model sizes each saturating at its own floor; the frontier follows a power law in compute.
        List<Observation> data = new ArrayList<>();
        double[] floors = {0.5, 0.3, 0.18};
        for (int m = 0; m < floors.length; m++) {
            for (int i = 0; i < 8; i++) {
                double c = 1e3 * Math.pow(10, (i + 3 * m) / 2.0);
                data.add(Observation.of(c, floors[m] + 2.0 * Math.pow(c, -0.3) * (m == 0 ? 1 : Math.pow(10, 0.9 * m)), "m", "s0"));
            }
        }
        FitReport report = ScalingFits.fit(data, Form.POWER, true, null, 1L, 10, 0.9);
        FitReport.GroupFit fit = report.fit("m");
        assertTrue(fit.curve().n() < data.size(), "frontier keeps fewer points: " + fit.curve().n());
        assertEquals(ParetoFrontier.runningMinimum(data).size(), fit.curve().n()); // one seed: per-seed frontier = frontier
        assertEquals("power", new ReportJson(report).form(0));
    }

    @Test
    void chinchillaReportHasBothTerms() {
        List<Observation> data = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                double n = 1e6 * Math.pow(10, i * 0.75);
                double d = 1e8 * Math.pow(10, j * 0.75);
                data.add(Observation.of2(n, d, 1.69 + 406.4 * Math.pow(n, -0.34) + 410.7 * Math.pow(d, -0.28), "g", null));
            }
        }
        FitReport report = ScalingFits.fit(data, Form.CHINCHILLA, false, null, 1L, 5, 0.9);
        ChinchillaFit fit = (ChinchillaFit) report.fit("g").curve();
        assertEquals(0.34, fit.alpha(), 0.01);
        assertEquals(0.28, fit.beta(), 0.01);
        assertTrue(report.toJson().contains("\"beta\""));
    }

    @Test
    void userErrorsNameTheValue() {
        List<Observation> data = twoMethods();
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ScalingFits.fit(data, Form.SATURATING, false, "siglip", 1L, 5, 0.9));
        assertTrue(unknown.getMessage().contains("'siglip'") && unknown.getMessage().contains("clip"), unknown.getMessage());
        IllegalArgumentException pareto = assertThrows(IllegalArgumentException.class,
                () -> ScalingFits.fit(data, Form.CHINCHILLA, true, null, 1L, 5, 0.9));
        assertTrue(pareto.getMessage().contains("chinchilla"), pareto.getMessage());
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> ScalingFits.fit(data.subList(0, 2), Form.SATURATING, false, null, 1L, 5, 0.9));
        assertTrue(few.getMessage().startsWith("group 'clip'") && few.getMessage().contains("distinct x"), few.getMessage());
    }

    @Test
    void neverReachedMultiplierIsNullInJsonWithAReason() throws Exception {
        List<Observation> data = new ArrayList<>(Synthetic.oneAxis(BASE, 1e3, 1e7, 9, 2, 0.0, "clip", 1));
        data.addAll(Synthetic.oneAxis(Synthetic.saturating(0.3, 5, 0.35), 1e3, 1e7, 9, 2, 0.0, "worse", 2));
        JsonNode fit = new ObjectMapper().readTree(ScalingFits.fit(data, Form.SATURATING, false, "clip", 1L, 5, 0.9).toJson())
                .get("fits").get(1);
        assertTrue(fit.get("compute_multiplier").isNull());
        assertEquals("not_reached", fit.get("compute_multiplier_status").asText());
        assertTrue(fit.get("compute_multiplier_reason").asText().contains("never reaches"));
    }

    /** Tiny view over the JSON for assertions. */
    private record ReportJson(FitReport report) {
        String form(int i) {
            try {
                return new ObjectMapper().readTree(report.toJson()).get("fits").get(i).get("form").asText();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }
}
