package org.curationlab.cli;

import org.curationlab.train.results.ResultsCsv;
import org.curationlab.harness.summary.RowSelection;
import org.curationlab.train.results.ResultsTable;
import org.curationlab.train.results.ResultRow;
import org.curationlab.data.CurationException;
import org.curationlab.harness.fit.Bootstrap;
import org.curationlab.harness.fit.ChinchillaFit;
import org.curationlab.harness.fit.ComputeMultiplier;
import org.curationlab.harness.fit.ComputeOptimal;
import org.curationlab.harness.fit.ErrorColumn;
import org.curationlab.harness.fit.FitReport;
import org.curationlab.harness.fit.Form;
import org.curationlab.harness.fit.ModelParameters;
import org.curationlab.harness.fit.Observation;
import org.curationlab.harness.fit.ObservationLoader;
import org.curationlab.harness.fit.ScalingFits;
import org.curationlab.harness.plot.AxisLabel;
import org.curationlab.harness.plot.ComputeScalingPlot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code curate fit}: robust scaling-law fits (docs/harness.md) with bootstrap intervals over seeds
 * and, against a baseline group, the compute multiplier.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Fit E(x) = E_inf + A x^-alpha (saturating), A x^-alpha (power) or E + A/N^alpha + B/D^beta (chinchilla) "
                + "per group, robustly (Huber in log space), with bootstrap intervals over seeds; with --baseline, each group's "
                + "compute multiplier: how many times less x it needs to reach the baseline's best y.")
public final class FitCommand implements Callable<Integer> {
    @Option(names = "--runs", paramLabel = "CSV", description = "A table of rows (e.g. a sweep's results) with the x, y, --by and --seed-col columns.")
    Path runs;
    @Option(names = "--run", paramLabel = "GROUP=DIR", description = "A run folder (its eval.csv) in a group; repeat a group for its seeds.")
    List<String> runDirs;
    @Option(names = "--where", paramLabel = "COL=VALUE", description = "With --runs: only the rows whose COL holds VALUE (repeat for more columns, all must hold).")
    List<String> where;
    @Option(names = "--final", description = "With --runs: only each cell's final row (highest iteration), e.g. for --form chinchilla.")
    boolean finalRows;
    @Option(names = "--x", required = true, paramLabel = "COL", description = "x column, e.g. iteration or flops_total (rows with x <= 0 and those of the untrained model, iteration 0, are left out).")
    String x;
    @Option(names = "--x2", paramLabel = "COL", description = "Second axis (D) for --form chinchilla; --x is then N.")
    String x2;
    @Option(names = "--y", defaultValue = "error", paramLabel = "COL", description = "y column; 'error' is 1 - zeroshot_top1 when no such column exists (default: ${DEFAULT-VALUE}).")
    String y;
    @Option(names = "--by", paramLabel = "COL", description = "Group column (with --runs); --run groups by its GROUP.")
    String by;
    @Option(names = "--seed-col", defaultValue = "seed", paramLabel = "COL", description = "Column naming each row's seed, for the bootstrap (default: ${DEFAULT-VALUE}).")
    String seedCol;
    @Option(names = "--form", defaultValue = "saturating", paramLabel = "FORM", description = "saturating, power or chinchilla (default: ${DEFAULT-VALUE}).")
    String form;
    @Option(names = "--pareto", description = "Fit each seed's running-minimum frontier instead of all points.")
    boolean pareto;
    @Option(names = "--baseline", paramLabel = "GROUP", description = "Group the compute multipliers are relative to.")
    String baseline;
    @Option(names = "--target", defaultValue = "best", paramLabel = "best|final",
            description = "Baseline error the multipliers are measured at: its best seed-averaged error anywhere, or its error at its "
                    + "largest x, i.e. its final accuracy, the papers' definition (default: ${DEFAULT-VALUE}).")
    String target;
    @Option(names = "--bootstrap-seed", defaultValue = "0", paramLabel = "S", description = "Seed of the bootstrap resampling (default: ${DEFAULT-VALUE}).")
    long bootstrapSeed;
    @Option(names = "--out", required = true, paramLabel = "FILE.json", description = "Where to write the fits.")
    Path out;
    @Option(names = "--plot", paramLabel = "BASE", description = "Also draw BASE-frontier (error against x, log-log: each group's "
            + "seed-averaged frontier and its fitted law) and, with --baseline, BASE-multiplier (the multiplier along the "
            + "baseline's frontier, table in BASE-multiplier.csv). One-axis forms only.")
    Path plot;
    @Spec
    CommandSpec spec;

    /** Where each row came from ("FILE: row N", N counting data rows from 1), for errors. */
    private final Map<Map<String, String>, String> origin = new IdentityHashMap<>();

    @Override
    public Integer call() throws IOException {
        guardOutputs();
        List<Map<String, String>> rows = rows();
        String group = runDirs != null ? "group" : by;
        String seed = runDirs != null ? "seed" : (rows.isEmpty() || rows.get(0).containsKey(seedCol) ? seedCol : null);
        addError(rows);
        addParameters(rows);
        rows.removeIf(r -> {
            String v = r.get(x);
            try {
                return v != null && Double.parseDouble(v) <= 0;
            } catch (NumberFormatException e) {
                return false;
            }
        });
        try {
            Form f = Form.parse(form);
            List<Observation> obs = f == Form.CHINCHILLA
                    ? ObservationLoader.load(rows, x, require(x2, "--x2"), y, group, seed)
                    : ObservationLoader.load(rows, x, y, group, seed);
            FitReport report = ScalingFits.fit(obs, f, pareto, baseline, ComputeMultiplier.Target.parse(target), bootstrapSeed,
                    Bootstrap.DEFAULT_RESAMPLES, Bootstrap.DEFAULT_LEVEL).withAxes(x, y);
            Path abs = out.toAbsolutePath();
            Files.createDirectories(abs.getParent());
            Files.writeString(abs, report.toJson());
            spec.commandLine().getOut().print(report.toTable());
            if (f == Form.CHINCHILLA) {
                computeOptimal(rows, report, group, abs);
            }
            if (plot != null) {
                if (f == Form.CHINCHILLA) {
                    throw new CurationException("--plot draws one-axis fits; --form chinchilla has two axes");
                }
                Files.createDirectories(plot.toAbsolutePath().getParent());
                for (Path p : ComputeScalingPlot.write(report, obs, AxisLabel.of(x), plot.toAbsolutePath())) {
                    spec.commandLine().getOut().println("wrote " + p);
                }
            }
            spec.commandLine().getOut().println("wrote " + out);
            spec.commandLine().getOut().flush();
            return 0;
        } catch (IllegalArgumentException e) {
            throw new CurationException(located(rows, e.getMessage()), e);
        }
    }

    /** Refuses an --out (or a file written beside it, or --plot's table) that would overwrite an input or a CSV table. */
    private void guardOutputs() {
        List<Path> inputs = runs != null ? List.of(runs) : RunFolders.files(runDirs == null ? List.of() : runDirs);
        OutputGuard.check("--out", out, OutputGuard.Kind.JSON, inputs);
        String name = out.getFileName().toString().replaceFirst("\\.json$", "");
        for (String beside : List.of("-compute-optimal.csv", "-ladder.csv")) {
            OutputGuard.check("--out", out.resolveSibling(name + beside), OutputGuard.Kind.CSV, inputs);
        }
        if (plot != null) {
            OutputGuard.check("--plot", plot.resolveSibling(plot.getFileName() + "-multiplier.csv"), OutputGuard.Kind.CSV, inputs);
        }
    }

    /** A loader message "row N: ..." (N counting {@code rows} from 1) with the row's file and own number instead. */
    private String located(List<Map<String, String>> rows, String message) {
        Matcher m = Pattern.compile("^row (\\d+): ").matcher(message);
        if (m.find()) {
            int i = Integer.parseInt(m.group(1)) - 1;
            if (i >= 0 && i < rows.size() && origin.containsKey(rows.get(i))) {
                return origin.get(rows.get(i)) + ": " + message.substring(m.end());
            }
        }
        return (runs != null ? runs + ": " : "") + message;
    }

    private List<Map<String, String>> rows() throws IOException {
        if ((runs == null) == (runDirs == null || runDirs.isEmpty())) {
            throw new CurationException("give either --runs CSV or one or more --run GROUP=DIR");
        }
        if (runs == null && (finalRows || (where != null && !where.isEmpty()))) {
            throw new CurationException((finalRows ? "--final" : "--where") + " selects rows of --runs; give --runs CSV");
        }
        List<Map<String, String>> rows = new ArrayList<>();
        if (runs != null) {
            if (!Files.exists(runs)) {
                throw new CurationException("--runs: " + runs + " does not exist");
            }
            RowSelection selection = RowSelection.parse("--where", where, finalRows);
            List<ResultRow> all = ResultsTable.read(runs).rows();
            List<ResultRow> selected = selection.apply(all);
            if (selected.isEmpty() && !all.isEmpty()) {
                throw new CurationException("--where: no row of " + runs + " holds " + selection.where());
            }
            for (ResultRow r : selected) {
                Map<String, String> row = new LinkedHashMap<>(r.values());
                origin.put(row, selection.selectsAll() ? runs + ": row " + (rows.size() + 1) : r.where());
                rows.add(row);
            }
            return rows;
        }
        Map<String, List<Path>> files = new LinkedHashMap<>();
        for (String spec : runDirs) {
            int eq = spec.indexOf('=');
            if (eq > 0) {
                files.computeIfAbsent(spec.substring(0, eq), k -> new ArrayList<>())
                        .add(Path.of(spec.substring(eq + 1)).resolve(org.curationlab.train.Trainer.EVAL_CSV));
            }
        }
        // Each folder of a group is one seed of it, numbered in the order given.
        RunFolders.read(runDirs).forEach((group, folders) -> {
            for (int s = 0; s < folders.size(); s++) {
                List<Map<String, String>> folder = folders.get(s).stream().map(ResultRow::values).toList();
                for (int i = 0; i < folder.size(); i++) {
                    Map<String, String> row = new LinkedHashMap<>(folder.get(i));
                    row.put("group", group);
                    row.put("seed", Integer.toString(s + 1));
                    origin.put(row, files.get(group).get(s) + ": row " + (i + 1));
                    rows.add(row);
                }
            }
        });
        return rows;
    }

    private void addError(List<Map<String, String>> rows) {
        if (!y.equals(ErrorColumn.NAME)) {
            return;
        }
        for (Map<String, String> r : rows) {
            String top1 = r.get(ErrorColumn.ACCURACY);
            if (!r.containsKey(ErrorColumn.NAME) && top1 != null && !top1.isBlank()) {
                double v;
                try {
                    v = Double.parseDouble(top1.trim());
                } catch (NumberFormatException e) {
                    throw new CurationException(origin.get(r) + ": column 'zeroshot_top1' has value '" + top1
                            + "', expected a number (--y error is 1 - zeroshot_top1)");
                }
                r.put(ErrorColumn.NAME, ErrorColumn.of(v));
            }
        }
    }

    /** {@code parameters} (N) from each row's model and tower (and a run on your pairs' shape), when an axis asks for it and the table lacks it. */
    private void addParameters(List<Map<String, String>> rows) {
        if (!ModelParameters.COLUMN.equals(x) && !ModelParameters.COLUMN.equals(x2)) {
            return;
        }
        // A run on your pairs is counted at its own image shape and vocabulary, recorded in its cell beside the table.
        ModelParameters counter = ModelParameters.forTable(runs);
        for (Map<String, String> r : rows) {
            if (!r.containsKey(ModelParameters.COLUMN)) {
                Double n = counter.count(r);
                if (n == null) {
                    throw new CurationException(origin.get(r) + ": column 'model' has value '" + r.get("model")
                            + "', expected a ladder size (S, M, L, XL) to derive 'parameters' from");
                }
                r.put(ModelParameters.COLUMN, String.format(Locale.ROOT, "%.0f", n));
            }
        }
    }

    /**
     * The compute-optimal ladder size at each half decade of the groups' total FLOPs: each size at its
     * measured FLOPs per example (flops_total / examples, scoring included), the fit's E(N, C / f).
     * Written beside the fits as FILE-compute-optimal.csv, each size's N and FLOPs per example as FILE-ladder.csv.
     */
    private void computeOptimal(List<Map<String, String>> rows, FitReport report, String group, Path fitsFile) throws IOException {
        if (rows.isEmpty() || !rows.get(0).containsKey("flops_total") || !rows.get(0).containsKey("examples")) {
            spec.commandLine().getOut().println("(no flops_total and examples columns: no compute-optimal sizes)");
            return;
        }
        List<String> sizes = rows.stream().map(r -> r.get("model")).filter(m -> m != null).distinct().toList();
        List<String> header = new ArrayList<>(List.of("group", "budget_flops", "best_model", "best_parameters", "best_error"));
        sizes.forEach(m -> header.add("error_" + m));
        StringBuilder csv = new StringBuilder(ResultsCsv.line(header));
        StringBuilder rungs = new StringBuilder(ResultsCsv.line(List.of("group", "model", "parameters", "flops_per_example")));
        for (FitReport.GroupFit gf : report.fits()) {
            if (!(gf.curve() instanceof ChinchillaFit fit)) {
                continue;
            }
            List<ComputeOptimal.Sample> samples = new ArrayList<>();
            for (Map<String, String> r : rows) {
                if (group == null || gf.group().equals(r.get(group))) {
                    samples.add(new ComputeOptimal.Sample(r.get("model"), number(r, ModelParameters.COLUMN), number(r, "flops_total"),
                            number(r, "examples")));
                }
            }
            ComputeOptimal.Ladder ladder = ComputeOptimal.ladderOf(samples);
            if (ladder.rungs().isEmpty()) {
                continue;
            }
            spec.commandLine().getOut().printf("compute-optimal size, %s (N, FLOPs per example: %s)%n", gf.group(), ladder.rungs().stream()
                    .map(r -> String.format(Locale.ROOT, "%s %.0f %.3g", r.size(), r.parameters(), r.flopsPerExample())).toList());
            ladder.rungs().forEach(r -> rungs.append(ResultsCsv.line(List.of(gf.group(), r.size(), whole(r.parameters()),
                    ResultsCsv.number(r.flopsPerExample())))));
            for (ComputeOptimal o : ComputeOptimal.overLadder(fit, ladder.rungs(), ComputeOptimal.halfDecades(ladder.lo(), ladder.hi()))) {
                spec.commandLine().getOut().printf(Locale.ROOT, "  C = %.2e: %s (N = %.3g), predicted error %.4f%n",
                        o.budget(), o.bestSize(), o.bestParameters(), o.bestError());
                List<String> line = new ArrayList<>(List.of(gf.group(), ResultsCsv.number(o.budget()), o.bestSize(),
                        whole(o.bestParameters()), ResultsCsv.number(o.bestError())));
                sizes.forEach(m -> line.add(ResultsCsv.number(o.errorBySize().get(m))));
                csv.append(ResultsCsv.line(line));
            }
        }
        String name = fitsFile.getFileName().toString().replaceFirst("\\.json$", "");
        Path file = fitsFile.resolveSibling(name + "-compute-optimal.csv");
        Files.writeString(file, csv);
        Path ladderFile = fitsFile.resolveSibling(name + "-ladder.csv");
        Files.writeString(ladderFile, rungs);
        spec.commandLine().getOut().println("wrote " + file + " and " + ladderFile);
    }

    private static String whole(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    /** A column of a row as a number, or one error naming the row, column and value. */
    private double number(Map<String, String> r, String column) {
        String v = r.get(column);
        try {
            return Double.parseDouble(v.trim());
        } catch (NullPointerException | NumberFormatException e) {
            throw new CurationException(origin.get(r) + ": column '" + column + "' has value '" + v + "', expected a number");
        }
    }

    private static String require(String v, String flag) {
        if (v == null) {
            throw new CurationException(flag + ": needed by --form chinchilla");
        }
        return v;
    }
}
