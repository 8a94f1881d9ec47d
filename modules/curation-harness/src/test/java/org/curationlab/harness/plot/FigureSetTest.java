package org.curationlab.harness.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.curationlab.data.CurationException;
import org.curationlab.harness.fit.FitReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FigureSetTest {

    /** A two-axis sweep (method × filter-ratio × 3 seeds) whose error follows E(C) = E_inf + A C^-alpha per method. */
    private static List<Map<String, String>> sweepRows() {
        List<Map<String, String>> rows = new ArrayList<>();
        Random noise = new Random(7);
        for (String method : List.of("uniform", "learnability")) {
            double eInf = method.equals("uniform") ? 0.25 : 0.15;
            for (String f : List.of("0.5", "0.8")) {
                for (int seed = 0; seed < 3; seed++) {
                    for (int it : new int[]{10, 30, 100, 300, 1000, 3000, 10000}) {
                        double flops = it * 3e9;
                        double err = eInf + 3000 * Math.pow(flops, -0.4) * (1 + 0.01 * noise.nextGaussian());
                        Map<String, String> r = new LinkedHashMap<>();
                        r.put("cell", method + "-" + f + "-" + seed);
                        r.put("method", method);
                        r.put("filter-ratio", f);
                        r.put("seed", Integer.toString(seed));
                        r.put("iteration", Integer.toString(it));
                        r.put("flops_total", Double.toString(flops));
                        r.put("zeroshot_top1", Double.toString(1 - err));
                        rows.add(r);
                    }
                }
            }
        }
        return rows;
    }

    @Test
    void writesTheFiguresTheAxesAllowAndAnOfflineReport(@TempDir Path dir) throws IOException {
        Map<String, Object> provenance = Map.of("spec", Map.of("name", "synthetic"));
        FigureSet set = new FigureSet(table(sweepRows()), List.of("method", "filter-ratio"), provenance, dir);
        List<String> stems = set.write().stream().map(FigureSet.Figure::stem).toList();

        assertEquals(List.of("accuracy-vs-iterations", "accuracy-vs-flops", "error-vs-compute", "accuracy-vs-filter-ratio"), stems,
                "model, keep and reference do not vary, so their figures are left out");
        for (String s : stems) {
            assertTrue(Files.size(dir.resolve(s + ".png")) > 1000, s + ".png");
            assertTrue(Files.readString(dir.resolve(s + ".svg")).contains("<svg"), s + ".svg");
        }
        String html = Files.readString(dir.resolve("report.html"));
        for (String s : stems) {
            assertTrue(html.contains("<img src=\"" + s + ".svg\""), "report shows " + s);
        }
        assertTrue(html.contains("Sweep synthetic"), "title from the sweep's name");
        assertTrue(html.contains("method=learnability, filter-ratio=0.8"), "final-metrics table names each group");
        assertTrue(!html.contains("http://") && !html.contains("https://"), "nothing fetched from the network");

        FitReport fits = set.fits();
        assertNotNull(fits);
        assertEquals(4, fits.fits().size(), "one saturating fit per group");
        for (FitReport.GroupFit g : fits.fits()) {
            double eInf = g.curve().parameters().get("e_inf");
            double truth = g.group().contains("uniform") ? 0.25 : 0.15;
            assertEquals(truth, eInf, 0.02, "E_inf of " + g.group());
        }
        assertTrue(Files.readString(dir.resolve("fits.json")).contains("\"fits\""));
    }

    @Test
    void anEmptySweepOrUnknownGroupColumnIsAClearError(@TempDir Path dir) {
        CurationException empty = assertThrows(CurationException.class, () -> new FigureSet(List.of(), List.of(), Map.of(), dir));
        assertTrue(empty.getMessage().contains("no finished cell"));
        CurationException column = assertThrows(CurationException.class,
                () -> new FigureSet(table(sweepRows()), List.of("temperature"), Map.of(), dir));
        assertTrue(column.getMessage().contains("'temperature'"), column.getMessage());
    }

    @Test
    void aLevelReferenceIsFoundThroughItsCellsProvenance(@TempDir Path dir) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        double[] refAcc = {0.55, 0.81};
        String[] levels = {"none", "curated"};
        for (int l = 0; l < 2; l++) {
            Path ckpt = dir.resolve("ref-" + levels[l] + ".zip");
            Files.writeString(Path.of(ckpt + ".json"), "{\"final\": {\"zeroshot_top1\": " + refAcc[l] + "}}");
            String cell = "reference=" + levels[l] + "_0";
            Files.createDirectories(dir.resolve("sweep/cells/" + cell));
            Files.writeString(dir.resolve("sweep/cells/" + cell + "/provenance.json"),
                    "{\"settings\": {\"reference\": \"" + ckpt.toString().replace("\\", "/") + "\"}}");
            for (int it : new int[]{100, 200}) {
                rows.add(Map.of("cell", cell, "reference", levels[l], "seed", "0", "iteration", Integer.toString(it),
                        "flops_total", Double.toString(it * 1e9), "zeroshot_top1", Double.toString(0.5 + 0.1 * l + it / 1e4)));
            }
        }
        FigureSet set = new FigureSet(table(rows), List.of("reference"), Map.of(), dir.resolve("plots")).sweepDir(dir.resolve("sweep"));
        assertEquals(0.81, set.referenceAccuracy(table(rows).get(2)), 1e-12);
        assertTrue(set.write().stream().anyMatch(f -> f.stem().equals("learner-vs-reference")));
        assertEquals(List.of("all", "learner = reference"), set.linesOf("learner-vs-reference"),
                "one line per other group, and the diagonal where the learner equals its reference");
    }

    @Test
    void pipelineCellsStandAtTheFractionOfThePoolTheyKeepOnTheirMethodsLine(@TempDir Path dir) throws IOException {
        assertEquals(Map.entry("full pool", 1.0), FigureSet.keptFractionPoint(Map.of("pool-pruning", "none", "keep", "0.3")));
        assertEquals(Map.entry("dbp", 0.3), FigureSet.keptFractionPoint(Map.of("pool-pruning", "dbp", "keep", "0.3")));
        assertEquals(Map.entry("semdedup+score:0.5+dbp", 0.3),
                FigureSet.keptFractionPoint(Map.of("pool-pruning", "semdedup+score:0.5+dbp:0.3", "keep", "0.9")));
        assertEquals(Map.entry("semdedup+score", 0.5), FigureSet.keptFractionPoint(Map.of("pool-pruning", "semdedup+score:0.5")));
        assertEquals(null, FigureSet.keptFractionPoint(Map.of("pool-pruning", "semdedup")), "SemDeDup's fraction is not known in advance");

        List<Map<String, String>> rows = new ArrayList<>();
        List<String> pipelines = List.of("none", "semdedup+score:0.5", "semdedup+score:0.5+dbp:0.3", "semdedup+score:0.5+dbp:0.5",
                "semdedup+score:0.5+random:0.3", "dbp");
        for (String p : pipelines) {
            for (int seed = 0; seed < 2; seed++) {
                for (int it : new int[]{0, 600}) {
                    Map<String, String> r = new LinkedHashMap<>();
                    r.put("cell", p + "-" + seed);
                    r.put("pool-pruning", p);
                    r.put("keep", "0.3");
                    r.put("seed", Integer.toString(seed));
                    r.put("iteration", Integer.toString(it));
                    r.put("flops_total", Double.toString(1e9 * (it + 1)));
                    r.put("zeroshot_top1", Double.toString(0.5 + it / 2000.0 + seed / 100.0));
                    rows.add(r);
                }
            }
        }
        FigureSet set = new FigureSet(table(rows), List.of("pool-pruning"), Map.of(), dir);
        List<String> stems = set.write().stream().map(FigureSet.Figure::stem).toList();
        assertTrue(stems.contains("accuracy-vs-kept-fraction"), stems.toString());
        assertTrue(Files.size(dir.resolve("accuracy-vs-kept-fraction.png")) > 1000);
        assertEquals(List.of("full pool (n=2)", "semdedup+score (n=2)", "semdedup+score:0.5+dbp (n=2)", "semdedup+score:0.5+random (n=2)",
                "dbp (n=2)"), set.linesOf("accuracy-vs-kept-fraction"), "one line per method, the dedup+filter prefix kept");
    }

    /** Runs on your own pairs: zero-shot is 0 throughout, image-to-text recall@1 carries the signal. */
    private static List<Map<String, String>> pairRows() {
        List<Map<String, String>> rows = sweepRows();
        rows.forEach(r -> {
            r.put("i2t_r1", r.get("zeroshot_top1"));
            r.put("zeroshot_top1", "0");
            r.put("probe_10shot", "");
            r.put("t2i_r1", "n/a");
        });
        return rows;
    }

    @Test
    void theChosenMetricIsWhatTheFiguresTheFitsAndTheReportShow(@TempDir Path dir) throws IOException {
        List<Map<String, String>> rows = pairRows();
        FigureSet set = new FigureSet(table(rows), List.of("method", "filter-ratio"), Map.of(), dir).metric("i2t_r1");
        List<FigureSet.Figure> figures = set.write();

        // the report's final table holds each group's mean final i2t_r1 (zero-shot would be 0.0000)
        double mean = rows.stream().filter(r -> r.get("method").equals("learnability") && r.get("filter-ratio").equals("0.8")
                && r.get("iteration").equals("10000")).mapToDouble(r -> Double.parseDouble(r.get("i2t_r1"))).average().orElseThrow();
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("<th>final image-to-text recall@1 (mean)</th>"), "the table names the metric");
        assertTrue(html.contains(String.format(java.util.Locale.ROOT, "<td>3</td><td>%.4f</td>", mean)), html);
        assertTrue(html.contains("error is 1 - image-to-text recall@1"), "the report says what the fits fit");
        assertTrue(!html.contains("zero-shot"), "nothing is called zero-shot");
        // every figure's y axis and caption name the metric
        assertEquals(4, figures.size());
        for (FigureSet.Figure f : figures) {
            assertTrue(set.yTitleOf(f.stem()).contains("image-to-text recall@1"), f.stem() + ": " + set.yTitleOf(f.stem()));
            assertTrue(f.caption().toLowerCase(java.util.Locale.ROOT).contains("image-to-text recall@1"), f.caption());
        }
        assertEquals("image-to-text recall@1 error", set.yTitleOf("error-vs-compute"));

        // the fits are of 1 - i2t_r1: E_inf as generated, not the 1 of a zero-shot of 0
        assertEquals(4, set.fits().fits().size());
        for (FitReport.GroupFit g : set.fits().fits()) {
            assertEquals(g.group().contains("uniform") ? 0.25 : 0.15, g.curve().parameters().get("e_inf"), 0.02, g.group());
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"i2t_r9", "method", "probe_10shot", "t2i_r1", "t2i_r5"})
    void aColumnThatIsNoNumericMetricIsRefusedNamingTheChoices(String column, @TempDir Path dir) {
        // i2t_r9 and method are no metric; probe_10shot is empty, t2i_r1 holds text, t2i_r5 is absent
        FigureSet set = new FigureSet(table(pairRows()), List.of("method"), Map.of(), dir);
        CurationException e = assertThrows(CurationException.class, () -> set.metric(column));
        assertEquals("--metric: '" + column + "' is not a numeric metric column of the sweep's results; choose one of [zeroshot_top1, i2t_r1]",
                e.getMessage());
    }

    static List<org.curationlab.train.results.ResultRow> table(List<Map<String, String>> rows) {
        return org.curationlab.train.results.ResultsTable.of("rows", rows).rows();
    }
}
