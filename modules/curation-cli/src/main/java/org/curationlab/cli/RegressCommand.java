package org.curationlab.cli;

import org.curationlab.train.results.ResultsTable;
import org.curationlab.train.results.ResultRow;
import org.curationlab.data.CurationException;
import org.curationlab.harness.regress.Baseline;
import org.curationlab.harness.sweep.CellRun;
import org.curationlab.harness.sweep.CellRuns;
import org.curationlab.harness.sweep.SweepResults;
import org.curationlab.harness.sweep.SweepRunner;
import org.curationlab.harness.sweep.SweepSpec;
import org.curationlab.harness.tune.TunedSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code curate regress}: rerun a sweep (normally experiments/ci.yaml), refit its curves and judge
 * them against a committed baseline's bands; exit 1 with a table when anything left its band or an
 * ordering flipped. {@code --update-baseline} writes the baseline from the run instead.
 */
@Command(name = "regress", mixinStandardHelpOptions = true,
        description = "Rerun a sweep, refit, and compare with a baseline (results/baselines/<name>): each group's final metric "
                + "and fitted parameters must stay in their bands and the baseline's orderings must hold; exit 1 otherwise. "
                + "--update-baseline rewrites the baseline from this run.")
public final class RegressCommand implements Callable<Integer> {
    @Option(names = "--spec", required = true, paramLabel = "SPEC", description = "The sweep spec, e.g. experiments/ci.yaml.")
    Path specFile;
    @Option(names = "--baseline", required = true, paramLabel = "DIR", description = "Baseline folder (baseline.json, fits.json, results.csv).")
    Path baselineDir;
    @Option(names = "--out", paramLabel = "DIR", description = "Folder of this run's sweep (default: runs/regress/<name>-<time>, never reused).")
    Path out;
    @Option(names = "--from", paramLabel = "DIR", description = "Judge an existing sweep folder instead of running the spec.")
    Path from;
    @Option(names = "--jobs", paramLabel = "N", description = "Cells at once (default: one per core, one thread each).")
    Integer jobs;
    @Option(names = "--resume", description = "Continue an interrupted run in --out.")
    boolean resume;
    @Option(names = "--update-baseline", description = "Write the baseline from this run (bands from its seed-to-seed spread) instead of judging it.")
    boolean updateBaseline;
    @Option(names = "--by", defaultValue = "method", paramLabel = "COL", description = "Column whose groups are compared (default: ${DEFAULT-VALUE}).")
    String by;
    @Option(names = "--metric", defaultValue = "zeroshot_top1", paramLabel = "COL", description = "Metric judged, higher is better (default: ${DEFAULT-VALUE}).")
    String metric;
    @Option(names = "--no-fit", description = "With --update-baseline: judge the final metric and orderings only, no fitted "
            + "curve (for a metric without a scaling law, e.g. batch_clean, the share of clean pairs in JEST's batches).")
    boolean noFit;
    @Option(names = "--compare-as", paramLabel = "GROUP=BASELINE_GROUP",
            description = "Judge this run's GROUP against the baseline's BASELINE_GROUP (repeatable): e.g. a renamed or "
                    + "candidate method against the bands of the one it replaces.")
    Map<String, String> compareAs = new java.util.LinkedHashMap<>();
    @Mixin
    SpecOverrides overrides;
    @Mixin
    EngineOptions engineOptions;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        SweepSpec sweep = overrides.apply(SweepSpec.load(specFile));
        Path dir = from != null ? from : runSweep(sweep, o);
        List<ResultRow> rows = ResultsTable.read(dir.resolve(SweepResults.FILE)).rows();
        if (updateBaseline) {
            Baseline b = Baseline.derive(specFile.toString(), rows, by, metric, !noFit);
            b.write(baselineDir, noFit ? null : Baseline.fits(rows, by, metric));
            copy(dir.resolve(SweepResults.FILE), baselineDir.resolve(SweepResults.FILE));
            copy(dir.resolve(SweepRunner.PROVENANCE), baselineDir.resolve(SweepRunner.PROVENANCE));
            copy(dir.resolve(SweepRunner.SPEC_COPY), baselineDir.resolve(SweepRunner.SPEC_COPY));
            o.printf("baseline written to %s: %d groups, %d orderings; %s%n", baselineDir, b.groups().size(), b.orderings().size(), b.rule());
            b.groups().forEach((g, bands) -> o.printf(java.util.Locale.ROOT, "  %-28s %s %.4f [%.4f, %.4f] over %d seeds%n", g, metric,
                    bands.finalMetric().value(), bands.finalMetric().lo(), bands.finalMetric().hi(), bands.perSeed().size()));
            b.orderings().forEach(x -> o.printf(java.util.Locale.ROOT, "  ordering: %s > %s (gap %.4f)%n", x.higher(), x.lower(), x.gap()));
            o.flush();
            return 0;
        }
        Baseline b = Baseline.read(baselineDir);
        compareAs.forEach((now, then) -> o.printf("regress: judging this run's %s=%s against the baseline's %s=%s%n", by, now, by, then));
        rows = Baseline.relabel(rows, by, compareAs);
        List<Baseline.Check> checks = b.check(rows);
        o.print(Baseline.table(checks));
        long failed = checks.stream().filter(c -> !c.ok()).count();
        o.printf("regress %s against %s: %d checks, %d regressions (rows in %s)%n", sweep.name(), baselineDir, checks.size(), failed, dir);
        o.flush();
        return failed == 0 ? 0 : 1;
    }

    private Path runSweep(SweepSpec sweep, PrintWriter o) {
        List<CellRun> cells = CellRuns.plan(sweep, TunedSettings.cells(sweep));
        Path dir = out != null ? out : SweepRunner.defaultDir("regress").resolve(
                sweep.name() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        int cores = Runtime.getRuntime().availableProcessors();
        int j = jobs != null ? jobs : Math.max(1, Math.min(cores, cells.size()));
        SweepRunner runner = engineOptions.runner(sweep, cells, dir, j);
        SweepRunner.Outcome outcome = runner.run(resume);
        if (!outcome.complete()) {
            throw new CurationException("regress: " + outcome.failed() + " cells of " + sweep.name() + " failed (see "
                    + dir.resolve(SweepRunner.FAILED) + "); nothing to judge");
        }
        o.printf("regress: sweep %s done in %s%n", sweep.name(), dir);
        return dir;
    }

    private static void copy(Path from, Path to) {
        try {
            if (Files.exists(from)) {
                Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new CurationException(to + ": cannot be written (" + e.getMessage() + ")", e);
        }
    }
}
