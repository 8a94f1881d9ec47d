package org.curationlab.bench.jmh;

import org.curationlab.bench.BenchResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JMH's JSON result read into bench rows: names, units, FLOP rates and ratios to the same run's sgemm. */
class JmhReportTest {
    /** One JMH result entry as {@code -rf json} writes it. */
    static String run(String cls, String params, double score, String unit, Double error) {
        return "{\"benchmark\":\"org.curationlab.bench." + cls + ".run\",\"params\":{" + params + "},"
                + "\"primaryMetric\":{\"score\":" + score + ",\"scoreUnit\":\"" + unit + "\""
                + (error == null ? "" : ",\"scoreError\":" + error) + "}}";
    }

    static Map<String, BenchResult> rows(String... runs) throws Exception {
        JsonNode json = new ObjectMapper().readTree("[" + String.join(",", runs) + "]");
        return JmhReport.rows(json).stream().collect(Collectors.toMap(BenchResult::name, Function.identity()));
    }

    @Test
    void flopRowsAreRatesAgainstTheSameRunsSgemm() throws Exception {
        Map<String, BenchResult> r = rows(
                run("Sgemm", "\"n\":\"1024\"", 10.0, "ms/op", 0.2),
                run("TrainStep", "\"size\":\"M\"", 0.1, "s/op", 0.01),
                run("LearnerScoring", "\"resolution\":\"14\"", 20000.0, "us/op", null));
        BenchResult sgemm = r.get("sgemm-1024");
        assertEquals(10.0, sgemm.ms(), 1e-12);
        assertEquals(Sgemm.flops(1024) / 1e7, sgemm.gflops(), 1e-9);
        assertEquals(1.0, sgemm.ratioToSgemm(), 1e-12);
        BenchResult train = r.get("train-M");
        assertEquals(100.0, train.ms(), 1e-9, "s/op is converted to ms");
        assertEquals(TrainStep.flops("M") / 1e8, train.gflops(), 1e-9);
        assertEquals(train.gflops() / sgemm.gflops(), train.ratioToSgemm(), 1e-12);
        BenchResult score = r.get("score-14-B" + LearnerScoring.SUPER_BATCH);
        assertEquals(20.0, score.ms(), 1e-9, "us/op is converted to ms");
        assertTrue(score.note().contains("no CI"), score.note());
        assertTrue(train.note().contains("±0.010 ms"), train.note());
    }

    @Test
    void selectionRowsShareOfATrainStepAndGrowth() throws Exception {
        Map<String, BenchResult> r = rows(
                run("TrainStep", "\"size\":\"M\"", 100.0, "ms/op", 1.0),
                run("JointSelection", "\"superBatch\":\"1280\"", 5.0, "ms/op", 0.1),
                run("JointSelection", "\"superBatch\":\"2560\"", 20.0, "ms/op", 0.1),
                run("KMeans", "\"n\":\"10000\"", 50.0, "ms/op", 1.0),
                run("KMeans", "\"n\":\"20000\"", 100.0, "ms/op", 1.0));
        assertTrue(r.get("select-joint-B1280").note().contains("5.0% of a train-M step"), r.get("select-joint-B1280").note());
        assertTrue(Double.isNaN(r.get("select-joint-B1280").gflops()), "selection has no FLOP count");
        assertTrue(r.containsKey("select-joint-growth") && r.containsKey("kmeans-growth"), r.keySet().toString());
        // Doubling B quadruples the time: the growth row reports an exponent of 2; k-means is linear in N.
        assertTrue(r.get("select-joint-growth").note().contains("B^2.00"), r.get("select-joint-growth").note());
        assertTrue(r.get("kmeans-growth").note().contains("N^1.00"), r.get("kmeans-growth").note());
        // Without an sgemm row, rates have no ratio.
        assertTrue(Double.isNaN(r.get("kmeans-N10000").ratioToSgemm()));
    }

    @Test
    void anUnknownBenchmarkKeepsItsJmhName() throws Exception {
        List<BenchResult> rows = JmhReport.rows(new ObjectMapper().readTree(
                "[" + run("Other", "", 3.0, "ops/ms", null).replace("org.curationlab.bench.Other.run", "x.y.Other.run") + "]"));
        assertEquals("x.y.Other.run", rows.get(0).name());
        assertEquals(1.0 / 3.0, rows.get(0).ms(), 1e-12, "ops/ms is converted to ms per call");
    }
}
