package org.curationlab.cli;

import org.curationlab.train.results.ResultsTable;
import org.curationlab.harness.sweep.CellRun;
import org.curationlab.harness.sweep.CellRuns;
import org.curationlab.harness.sweep.SweepResults;
import org.curationlab.harness.sweep.SweepRunner;
import org.curationlab.harness.sweep.SweepSpec;
import org.curationlab.harness.tune.TunePlan;
import org.curationlab.harness.tune.TuneSpec;
import org.curationlab.harness.tune.TunedSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code curate tune}: an Arbiter random or grid search per group of a tune spec, run as sweep
 * cells; the best settings per group go to OUT/best.json, which sweep specs name with
 * {@code tuned:} so that baselines are compared at their best.
 */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = "Hyperparameter search (Arbiter random or grid) per group of a tune spec (a sweep spec plus search: {kind, "
                + "candidates, seed, objective, space}); cells run like a sweep's (resumable), and OUT/best.json gets each "
                + "group's best settings, for sweep specs to use with `tuned: OUT/best.json`.")
public final class TuneCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC", description = "The tune spec, a YAML file.")
    Path specFile;
    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the tune's cells and best.json (default: runs/<name>).")
    Path out;
    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1", description = "Cells at once (default: ${DEFAULT-VALUE}).")
    int jobs;
    @Option(names = "--resume", description = "Continue the tune already in the folder.")
    boolean resume;
    @Option(names = "--dry-run", description = "Print the candidates and cells; run nothing.")
    boolean dryRun;
    @Mixin
    EngineOptions engineOptions;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TuneSpec t = TuneSpec.load(specFile);
        // The searched settings are axes of the sweep the cells run as: columns of results.csv, and
        // a bad candidate value names its search.space line.
        SweepSpec asRun = TunePlan.asRun(t);
        List<CellRun> cells = CellRuns.plan(asRun, TunePlan.cells(t));
        Path dir = out != null ? out : SweepRunner.defaultDir(t.sweep().name());
        PrintWriter o = spec.commandLine().getOut();
        if (dryRun) {
            o.printf("tune %s: %s search, %d candidates per group, %d cells -> %s%n", t.sweep().name(), t.kind(),
                    TunePlan.candidates(t).size(), cells.size(), dir);
            SweepCommand.printRuns(o, cells);
            return 0;
        }
        SweepRunner runner = engineOptions.runner(asRun, cells, dir, jobs);
        SweepRunner.Outcome outcome = runner.run(resume);
        TunedSettings best = TunePlan.best(t, ResultsTable.readIfExists(runner.results().file()));
        Path file = dir.resolve(TunedSettings.FILE);
        if (!best.found()) {
            // An empty best.json would only be refused later by the sweep that names it.
            spec.commandLine().getErr().printf("curate tune: no candidate has a %s value in %s (%d cells failed, see %s); "
                    + "no %s written%n", t.objective(), runner.results().file(), outcome.failed(), dir.resolve(SweepRunner.FAILED), file);
            spec.commandLine().getErr().flush();
            return 1;
        }
        best.write(file);
        for (TunedSettings.Group g : best.groups()) {
            o.printf("group %s:%n", g.group());
            for (TunedSettings.Candidate c : g.candidates()) {
                o.printf(Locale.ROOT, "  %s %-40s %s %.4f over %d seeds%n", c.settings().equals(g.best()) ? "*" : " ",
                        c.settings(), t.objective(), c.objective(), c.seeds());
            }
        }
        o.printf("best settings per group -> %s%s%n", file, outcome.complete() ? "" : " (from the cells that finished; "
                + outcome.failed() + " failed, see " + dir.resolve(SweepRunner.FAILED) + ")");
        o.flush();
        return outcome.complete() ? 0 : 1;
    }
}
