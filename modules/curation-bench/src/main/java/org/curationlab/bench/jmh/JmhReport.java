package org.curationlab.bench.jmh;

import org.curationlab.bench.Bench;
import org.curationlab.bench.BenchResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.curationlab.train.RunProvenance;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * JMH's JSON result ({@code -rf json}) as the toolkit's bench rows: each benchmark gets its
 * {@code curate bench} name (train-M, score-14-B1280, select-joint-B1280, kmeans-N50000), its FLOPs
 * per call from the same formulas, GFLOP/s and the ratio to the sgemm row of the same JMH run.
 * Usage: {@code JmhReport jmh.json out.jsonl} (table on stdout, one JSON object per line in out).
 */
public final class JmhReport {
    private JmhReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: JmhReport JMH.json OUT.jsonl");
            System.exit(2);
        }
        JsonNode runs;
        try {
            runs = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        } catch (IOException e) {
            System.err.println(args[0] + ": not a JMH JSON result (" + e.getMessage() + ")");
            System.exit(2);
            return;
        }
        List<BenchResult> rows = rows(runs);
        List<String> lines = new ArrayList<>();
        Map<String, Object> env = RunProvenance.environment();
        env.put("name", "environment");
        env.put("harness", "jmh");
        lines.add(RunProvenance.jsonLine(env));
        PrintStream out = System.out;
        out.printf("%-24s %10s %9s %9s  %s%n", "name", "ms", "GFLOP/s", "/sgemm", "note");
        for (BenchResult r : rows) {
            lines.add(RunProvenance.jsonLine(r.asMap()));
            out.printf(Locale.ROOT, "%-24s %10s %9s %9s  %s%n", r.name(),
                    Double.isNaN(r.ms()) ? "-" : String.format(Locale.ROOT, "%.3f", r.ms()),
                    Double.isNaN(r.gflops()) ? "-" : String.format(Locale.ROOT, "%.2f", r.gflops()),
                    Double.isNaN(r.ratioToSgemm()) ? "-" : String.format(Locale.ROOT, "%.3f", r.ratioToSgemm()),
                    r.note() == null ? "" : r.note());
        }
        Files.write(Path.of(args[1]), lines);
    }

    static List<BenchResult> rows(JsonNode runs) {
        double sgemmGflops = Double.NaN;
        double trainM = Double.NaN;
        for (JsonNode run : runs) {
            String cls = benchmarkClass(run);
            if (cls.equals("Sgemm")) {
                int n = run.path("params").path("n").asInt();
                sgemmGflops = Sgemm.flops(n) / (ms(run) * 1e6);
            } else if (cls.equals("TrainStep") && run.path("params").path("size").asText().equals("M")) {
                trainM = ms(run);
            }
        }
        List<BenchResult> out = new ArrayList<>();
        TreeMap<Integer, Double> select = new TreeMap<>();
        TreeMap<Integer, Double> kmeans = new TreeMap<>();
        for (JsonNode run : runs) {
            JsonNode p = run.path("params");
            double ms = ms(run);
            double ci = run.path("primaryMetric").path("scoreError").asDouble(Double.NaN);
            String error = Double.isNaN(ci) ? "no CI (too few iterations)" : String.format(Locale.ROOT, "±%.3f ms (99.9%% CI)", ci);
            switch (benchmarkClass(run)) {
                case "Sgemm" -> out.add(flopRow("sgemm-" + p.path("n").asInt(), ms, Sgemm.flops(p.path("n").asInt()), sgemmGflops,
                        "reference rate of this run, " + error));
                case "TrainStep" -> out.add(flopRow("train-" + p.path("size").asText(), ms, TrainStep.flops(p.path("size").asText()),
                        sgemmGflops, "CNN, batch " + TrainStep.BATCH + ", " + error));
                case "LearnerScoring" -> out.add(flopRow("score-" + p.path("resolution").asInt() + "-B" + LearnerScoring.SUPER_BATCH, ms,
                        LearnerScoring.flops(p.path("resolution").asInt()), sgemmGflops, "learner M, " + error));
                case "JointSelection" -> {
                    int b = p.path("superBatch").asInt();
                    select.put(b, ms);
                    String share = Double.isNaN(trainM) ? "" : String.format(Locale.ROOT, "; %.1f%% of a train-M step", 100 * ms / trainM);
                    out.add(new BenchResult("select-joint-B" + b, ms, Double.NaN, Double.NaN,
                            "b=" + b / 5 + ", 16 chunks, scorer included, " + error + share));
                }
                case "KMeans" -> {
                    int n = p.path("n").asInt();
                    kmeans.put(n, ms);
                    out.add(flopRow("kmeans-N" + n, ms, KMeans.flops(n), sgemmGflops, "k=100, d=64, gemm FLOPs only, " + error));
                }
                default -> out.add(new BenchResult(run.path("benchmark").asText(), ms, Double.NaN, Double.NaN, error));
            }
        }
        if (select.size() >= 2) {
            out.add(Bench.growth("select-joint-growth", keys(select), values(select), "B"));
        }
        if (kmeans.size() >= 2) {
            out.add(Bench.growth("kmeans-growth", keys(kmeans), values(kmeans), "N"));
        }
        return out;
    }

    private static String benchmarkClass(JsonNode run) {
        String[] parts = run.path("benchmark").asText().split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] : "";
    }

    /** JMH's score in ms per call (the benchmarks report ms/op). */
    private static double ms(JsonNode run) {
        JsonNode m = run.path("primaryMetric");
        double score = m.path("score").asDouble();
        return switch (m.path("scoreUnit").asText()) {
            case "s/op" -> score * 1e3;
            case "us/op" -> score / 1e3;
            case "ns/op" -> score / 1e6;
            case "ops/s" -> 1e3 / score;
            case "ops/ms" -> 1 / score;
            default -> score;
        };
    }

    private static BenchResult flopRow(String name, double ms, double flops, double sgemmGflops, String note) {
        double gflops = flops / (ms * 1e6);
        return new BenchResult(name, ms, gflops, gflops / sgemmGflops, note);
    }

    private static int[] keys(TreeMap<Integer, Double> m) {
        return m.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    private static double[] values(TreeMap<Integer, Double> m) {
        return m.values().stream().mapToDouble(Double::doubleValue).toArray();
    }
}
