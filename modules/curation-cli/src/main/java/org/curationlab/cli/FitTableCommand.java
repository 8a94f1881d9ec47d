package org.curationlab.cli;

import org.curationlab.data.CurationException;
import org.curationlab.harness.fit.ComputeMultiplier;
import org.curationlab.harness.fit.FitTable;
import org.curationlab.harness.fit.Form;
import org.curationlab.train.results.ResultsTable;
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
 * {@code curate fit-table}: per condition of a sweep (e.g. learner size × budget), both groups' final
 * zero-shot top-1 and the method's compute multiplier against the baseline on each x axis, empirical
 * and fitted, each from that condition's rows alone ({@link FitTable}).
 */
@Command(name = "fit-table", mixinStandardHelpOptions = true,
        description = "One line per condition (each combination of the --within settings' values): the baseline's and the method's "
                + "final zero-shot top-1 (mean ± sd over cells) and, on each --x axis, the method's compute multiplier at the "
                + "baseline's error from that condition's rows alone, as curate fit --where gives it: empirical (observed curves) "
                + "and fitted (a law per group, with a bootstrap interval over seeds).")
public final class FitTableCommand implements Callable<Integer> {
    @Option(names = "--runs", required = true, paramLabel = "CSV", description = "A sweep's results (every evaluation row).")
    Path runs;
    @Option(names = "--within", required = true, split = ",", paramLabel = "COL[:HEADER][,...]",
            description = "The settings naming a condition, outermost first, each with its header (e.g. model:size,iterations:steps); "
                    + "with model, its parameter count N follows it.")
    List<String> within;
    @Option(names = "--by", defaultValue = "method", paramLabel = "COL", description = "The group column (default: ${DEFAULT-VALUE}).")
    String by;
    @Option(names = "--baseline", required = true, paramLabel = "GROUP", description = "Group the multipliers are relative to.")
    String baseline;
    @Option(names = "--method", required = true, paramLabel = "GROUP", description = "Group whose multipliers are shown.")
    String method;
    @Option(names = "--x", required = true, split = ",", paramLabel = "COL[:HEADER][,...]",
            description = "x axes, each a pair of columns (e.g. iteration:iterations,flops_total:FLOPs).")
    List<String> axes;
    @Option(names = "--form", defaultValue = "saturating", paramLabel = "FORM", description = "saturating or power (default: ${DEFAULT-VALUE}).")
    String form;
    @Option(names = "--target", defaultValue = "best", paramLabel = "best|final",
            description = "Baseline error the multipliers are measured at, as for curate fit (default: ${DEFAULT-VALUE}).")
    String target;
    @Option(names = "--bootstrap-seed", defaultValue = "0", paramLabel = "S", description = "Seed of the bootstrap resampling (default: ${DEFAULT-VALUE}).")
    long bootstrapSeed;
    @Option(names = "--title", paramLabel = "TEXT", description = "A paragraph written above the table (a blank line follows it).")
    String title;
    @Option(names = "--out", paramLabel = "FILE.md", description = "Also write the table to FILE (never one of the inputs).")
    Path out;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (out != null) {
            OutputGuard.check("--out", out, OutputGuard.Kind.MARKDOWN, List.of(runs));
        }
        if (!Files.isRegularFile(runs)) {
            throw new CurationException("--runs: " + runs + " does not exist");
        }
        FitTable.Settings settings;
        try {
            settings = new FitTable.Settings(within.stream().map(w -> FitTable.Label.parse("--within", w)).toList(), by, baseline, method,
                    axes.stream().map(x -> FitTable.Label.parse("--x", x)).toList(), Form.parse(form),
                    ComputeMultiplier.Target.parse(target), bootstrapSeed);
        } catch (IllegalArgumentException e) {
            throw new CurationException((e.getMessage().startsWith("form") ? "--form: " : "--target: ") + e.getMessage(), e);
        }
        String md = FitTable.measure(ResultsTable.read(runs).rows(), settings,
                org.curationlab.harness.fit.ModelParameters.forTable(runs)).markdown(title);
        if (out != null) {
            OutputGuard.write(out, md);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.print(md);
        o.flush();
        return 0;
    }
}
