package org.curationlab.cli;

import org.curationlab.bench.Bench;
import org.curationlab.bench.BenchComparison;
import org.curationlab.bench.BenchResult;
import org.curationlab.bench.LoopBench;
import org.curationlab.bench.OpLevers;
import org.curationlab.bench.StepProfile;
import org.curationlab.bench.TowerTable;
import org.curationlab.data.CurationException;
import org.curationlab.models.ImageTowerKind;
import org.curationlab.models.ModelSize;
import org.curationlab.train.RunProvenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code curate bench}: speed against the machine's own sgemm rate, measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark sgemm, a training step per model size (also as the whole model in one SameDiff graph, and with one Adam updater per parameter array, to show what each lever gains), "
                + "the M and L models in the real curate train loop (loop-M, loop-L; needs the dataset), learner scoring at 28 and 14, the joint selector over B and k-means over N (with their growth exponents), "
                + "decoding your own pairs, a CNN-M step on RGB 32x32 and the real loop on such pairs (loop-M-rgb32, with the same model's bare step timed after each of its runs, step-M-rgb32), the ViT ladder (train-vit-S..XL), its learner scoring at the base and the larger patch, loop-vit-M and loop-vit-M-learnability (JEST in the same loop); "
                + "each row gives the median ms over repeats after warm-up (with min and max), GFLOP/s and the ratio to the same run's sgemm rate, and target-* rows say which speed targets the run met.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "Fewer sizes and repetitions, no loop rows.")
    boolean quick;
    @Option(names = "--json", description = "One JSON object per line (name, ms, min_ms, max_ms, repeats, gflops, ratio_to_sgemm, note).")
    boolean json;
    @Option(names = "--threads", paramLabel = "N", description = "ND4J/OpenMP threads (default: all cores).")
    Integer threads;
    @Option(names = "--profile", paramLabel = "SIZE", description = "Instead of the benchmark: where a training step of this model "
            + "size (S, M, L, XL; batch 256; the --tower's) spends its time, per ND4J op (ms per step and share), from ND4J's op profiler.")
    String profile;
    @Option(names = "--tower", paramLabel = "KIND", defaultValue = "cnn", description = "The image tower --profile profiles: cnn or vit "
            + "(at its base patch) (default: ${DEFAULT-VALUE}).")
    String tower;
    @Option(names = "--compare", arity = "2", paramLabel = "FILE", description = "Instead of the benchmark: two bench.jsonl "
            + "records side by side, each timed row's medians and their ratio, whether it reproduces within ±25%%, and whether "
            + "each record's ladder train-S ≤ train-M ≤ train-L holds (Markdown).")
    java.nio.file.Path[] compare;
    @Option(names = "--towers", paramLabel = "FILE", description = "Instead of the benchmark: the CNN and the ViT side by side "
            + "from a bench.jsonl record, per size: parameters, GFLOP per training step, ms and share of the record's sgemm (Markdown).")
    java.nio.file.Path towers;
    @Option(names = "--levers", description = "Instead of the benchmark: the op-level levers of the kernels engine, each as two ways "
            + "of the same work timed in rotation (max pool NCHW vs NHWC, conv kernel layout, first conv as conv2d vs patch gemm, "
            + "ReLU before vs after the pool, mmul vs gemm).")
    boolean levers;
    @Option(names = "--steps", defaultValue = "3", paramLabel = "N", description = "Profiled steps with --profile (default: ${DEFAULT-VALUE}).")
    int steps;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(t);
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxMasterThreads(t);
        PrintWriter out = spec.commandLine().getOut();
        if (compare != null) {
            out.print(BenchComparison.of(compare[0], compare[1]).toTable());
            out.flush();
            return 0;
        }
        if (towers != null) {
            out.print(TowerTable.of(towers));
            out.flush();
            return 0;
        }
        if (profile != null) {
            return profile(out);
        }
        if (json) {
            var env = RunProvenance.environment();
            env.put("name", "environment");
            out.println(RunProvenance.jsonLine(env));
        } else {
            out.println("nd4j build: " + org.curationlab.models.NativeBuild.loaded());
            out.printf("%-24s %10s %10s %10s %9s %9s  %s%n", "name", "ms", "min", "max", "GFLOP/s", "/sgemm", "note");
        }
        java.util.function.Consumer<BenchResult> print = r -> {
            if (json) {
                out.println(RunProvenance.jsonLine(r.asMap()));
            } else {
                out.printf(Locale.ROOT, "%-24s %10s %10s %10s %9s %9s  %s%n", r.name(),
                        Double.isNaN(r.ms()) ? "-" : String.format(Locale.ROOT, "%.3f", r.ms()),
                        Double.isNaN(r.timing().minMs()) ? "-" : String.format(Locale.ROOT, "%.3f", r.timing().minMs()),
                        Double.isNaN(r.timing().maxMs()) ? "-" : String.format(Locale.ROOT, "%.3f", r.timing().maxMs()),
                        Double.isNaN(r.gflops()) ? "-" : String.format(Locale.ROOT, "%.2f", r.gflops()),
                        Double.isNaN(r.ratioToSgemm()) ? "-" : String.format(Locale.ROOT, "%.3f", r.ratioToSgemm()),
                        r.note() == null ? "" : r.note());
            }
            out.flush();
        };
        if (levers) {
            OpLevers.run(quick ? 5 : 9).forEach(print);
            return 0;
        }
        // Rows are printed at the end, once the closing sgemm has fixed the run's reference rate;
        // meanwhile standard error shows progress.
        Bench bench = new Bench(quick, r -> System.err.printf(Locale.ROOT, "bench: %s %.3f ms%n", r.name(), r.ms()));
        java.util.List<BenchResult> rows = new java.util.ArrayList<>(bench.run());
        if (!quick) {
            for (ModelSize size : java.util.List.of(ModelSize.M, ModelSize.L)) {
                BenchResult step = rows.stream().filter(r -> r.name().equals("train-" + size)).findFirst().orElse(null);
                BenchResult loop = LoopBench.run(size, 5, step, t);
                System.err.printf(Locale.ROOT, "bench: %s %.3f ms%n", loop.name(), loop.ms());
                rows.add(loop);
            }
            // The loop on your own pairs (cache warm) against the bare RGB step: target-decode-cached judges it.
            BenchResult rgbStep = rows.stream().filter(r -> r.name().equals("train-M-rgb32")).findFirst().orElse(null);
            for (BenchResult r : LoopBench.onOwnPairs(5, rgbStep, t)) {
                System.err.printf(Locale.ROOT, "bench: %s %.3f ms%n", r.name(), r.ms());
                rows.add(r);
            }
            BenchResult vitStep = rows.stream().filter(r -> r.name().equals("train-vit-M")).findFirst().orElse(null);
            BenchResult vitLoop = LoopBench.run(ImageTowerKind.VIT, ModelSize.M, 5, vitStep, t);
            System.err.printf(Locale.ROOT, "bench: %s %.3f ms%n", vitLoop.name(), vitLoop.ms());
            rows.add(vitLoop);
            // JEST's learnability in the same loop: target-loop-jest weighs its time against its FLOPs.
            BenchResult jestLoop = LoopBench.jest(5, vitLoop, t);
            System.err.printf(Locale.ROOT, "bench: %s %.3f ms%n", jestLoop.name(), jestLoop.ms());
            rows.add(jestLoop);
        }
        bench.finish(rows).forEach(print);
        return 0;
    }


    private Integer profile(PrintWriter out) {
        ModelSize size;
        try {
            size = ModelSize.valueOf(profile.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CurationException("--profile: '" + profile + "' is not a model size; expected S, M, L or XL");
        }
        if (steps < 1) {
            throw new CurationException("--steps: " + steps + " must be at least 1");
        }
        ImageTowerKind kind = profiledTower(tower);
        StepProfile.Result r = StepProfile.run(kind, size, 256, steps);
        if (json) {
            for (StepProfile.OpTime o : r.ops()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", "profile-" + r.stepName() + "-" + o.op());
                row.put("ms", o.msPerStep());
                row.put("share", o.share());
                out.println(RunProvenance.jsonLine(row));
            }
        } else {
            out.printf(Locale.ROOT, "%s, batch %d: %.1f ms per profiled step over %d steps (op timing adds a little)%n",
                    r.stepName(), r.batch(), r.wallMsPerStep(), r.steps());
            out.printf("%-24s %12s %8s%n", "op", "ms/step", "share");
            for (StepProfile.OpTime o : r.ops()) {
                if (o.share() >= 0.001) {
                    out.printf(Locale.ROOT, "%-24s %12.2f %7.1f%%%n", o.op(), o.msPerStep(), 100 * o.share());
                }
            }
            // Shares are of the ops the profiler timed; what it did not time is the wall time less their sum.
            double timed = r.ops().stream().mapToDouble(StepProfile.OpTime::msPerStep).sum();
            out.printf(Locale.ROOT, "ops timed: %.1f of %.1f ms per step; the other %.1f ms are not in any timed op "
                    + "(ops the profiler does not time, and the Java between ops)%n", timed, r.wallMsPerStep(),
                    Math.max(0, r.wallMsPerStep() - timed));
        }
        out.flush();
        return 0;
    }

    /** The --tower value as a tower that has kernels to profile (cnn or vit), or one line naming those. */
    static ImageTowerKind profiledTower(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "cnn" -> ImageTowerKind.CNN;
            case "vit" -> ImageTowerKind.VIT;
            default -> throw new CurationException("--tower: '" + value + "' is not a tower --profile profiles; expected cnn or vit");
        };
    }
}
