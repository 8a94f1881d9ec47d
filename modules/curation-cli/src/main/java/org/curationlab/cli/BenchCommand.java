package org.curationlab.cli;

import org.curationlab.harness.bench.Bench;
import org.curationlab.harness.bench.BenchResult;
import org.curationlab.train.RunProvenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code curate bench}: speed against the machine's own sgemm rate, measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark sgemm, a training step per model size (also with one Adam updater per parameter array, to show what the fused Adam gains), learner scoring at 28 and 14, the joint selector over B and k-means over N (with their growth exponents); "
                + "each row gives the median ms, GFLOP/s and the ratio to the same run's sgemm rate.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "Fewer sizes and repetitions.")
    boolean quick;
    @Option(names = "--json", description = "One JSON object per line (name, ms, gflops, ratio_to_sgemm, note).")
    boolean json;
    @Option(names = "--threads", paramLabel = "N", description = "ND4J/OpenMP threads (default: all cores).")
    Integer threads;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(t);
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxMasterThreads(t);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            var env = RunProvenance.environment();
            env.put("name", "environment");
            out.println(RunProvenance.jsonLine(env));
        } else {
            out.printf("%-24s %10s %9s %9s  %s%n", "name", "ms", "GFLOP/s", "/sgemm", "note");
        }
        new Bench(quick, r -> {
            if (json) {
                out.println(RunProvenance.jsonLine(r.asMap()));
            } else {
                out.printf(Locale.ROOT, "%-24s %10s %9s %9s  %s%n", r.name(),
                        Double.isNaN(r.ms()) ? "-" : String.format(Locale.ROOT, "%.3f", r.ms()),
                        Double.isNaN(r.gflops()) ? "-" : String.format(Locale.ROOT, "%.2f", r.gflops()),
                        Double.isNaN(r.ratioToSgemm()) ? "-" : String.format(Locale.ROOT, "%.3f", r.ratioToSgemm()),
                        r.note() == null ? "" : r.note());
            }
            out.flush();
        }).run();
        return 0;
    }

}
