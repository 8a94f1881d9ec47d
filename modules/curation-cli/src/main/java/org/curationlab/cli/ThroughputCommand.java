package org.curationlab.cli;

import org.curationlab.data.CurationException;
import org.curationlab.harness.summary.PairedThroughput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code curate throughput --runs RUNS.csv --sweeps DIR --out TABLE.md}: the paired 1-worker
 * against 2-worker sweep timings of experiments/spark-throughput.sh as one Markdown table (see
 * {@link PairedThroughput}); prints it and writes it to --out when given.
 */
@Command(name = "throughput", mixinStandardHelpOptions = true,
        description = "Sweep throughput on 1 worker against 2, timed in pairs (runs.csv: pair,workers,wall_s; each run's results.csv "
                + "as SWEEPS/w<workers>-p<pair>.csv): wall times, the speed-up pair by pair and its median, and where the time goes "
                + "(a cell's training, the training span, the rest).")
public final class ThroughputCommand implements Callable<Integer> {
    @Option(names = "--runs", required = true, paramLabel = "CSV", description = "The timed runs: pair,workers,wall_s.")
    Path runs;
    @Option(names = "--sweeps", required = true, paramLabel = "DIR", description = "Each run's results.csv as w<workers>-p<pair>.csv.")
    Path sweeps;
    @Option(names = "--title", paramLabel = "TEXT", description = "A paragraph above the table.")
    String title;
    @Option(names = "--out", paramLabel = "FILE.md", description = "Where to write the table (printed either way).")
    Path out;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isDirectory(sweeps)) {
            throw new CurationException("--sweeps: " + sweeps + " is not a directory; expected one holding w<workers>-p<pair>.csv");
        }
        if (out != null) {
            OutputGuard.check("--out", out, OutputGuard.Kind.MARKDOWN, List.of(runs));
        }
        String md = PairedThroughput.read(runs, sweeps).markdown(title);
        PrintWriter o = spec.commandLine().getOut();
        if (out != null) {
            OutputGuard.write(out, md);
        }
        o.print(md);
        o.flush();
        return 0;
    }
}
