package org.curationlab.cli;

import org.curationlab.data.CurationException;
import org.curationlab.harness.sweep.CellRun;
import org.curationlab.harness.sweep.CellRuns;
import org.curationlab.harness.sweep.SweepRunner;
import org.curationlab.harness.sweep.SweepSpec;
import org.curationlab.harness.tune.TunedSettings;
import org.curationlab.train.RunProvenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.File;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code curate sweep}: run every cell of a sweep spec as a {@code curate train --run} child process
 * (the cell's {@link org.curationlab.train.RunSpec} in a file), collecting the rows in {@code DIR/results.csv}. Each cell's run is
 * built from its settings by the run schema and checked before any cell runs ({@link CellRuns}), so
 * a typo fails first, naming the spec's file and line.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a sweep spec (experiments/*.yaml: name, fixed settings, axes of values, each a `curate train` "
                + "option without dashes): every cell of the grid as a `curate train` child process, rows collected in "
                + "OUT/results.csv, failures in OUT/failed.jsonl, provenance in OUT/sweep.json. A killed sweep continues "
                + "with --resume, running each unfinished cell once.")
public final class SweepCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC", description = "The sweep spec, a YAML file.")
    Path specFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the sweep's results (default: runs/<name>; git ignores runs/).")
    Path out;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1",
            description = "Cells run at once; each gets max(1, cores / N) threads (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--resume", description = "Continue the sweep already in the folder: run the cells not yet in results.csv, "
            + "including failed ones, continuing each from its last checkpoint.")
    boolean resume;

    @Option(names = "--dry-run", description = "Check the spec and print its cells, each with the settings its run changes from "
            + "the defaults (JSON); run nothing.")
    boolean dryRun;

    @Mixin
    SpecOverrides overrides;

    @Mixin
    EngineOptions engineOptions;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (jobs < 1) {
            throw new CurationException("--jobs: " + jobs + " must be at least 1");
        }
        SweepSpec sweep = overrides.apply(SweepSpec.load(specFile));
        List<CellRun> runs = CellRuns.plan(sweep, TunedSettings.cells(sweep));
        Path dir = out != null ? out : SweepRunner.defaultDir(sweep.name());
        PrintWriter stdout = spec.commandLine().getOut();
        if (dryRun) {
            stdout.printf("sweep %s: %d cells -> %s%n", sweep.name(), runs.size(), dir);
            printRuns(stdout, runs);
            return 0;
        }
        SweepRunner runner = engineOptions.runner(sweep, runs, dir, jobs);
        SweepRunner.Outcome o = runner.run(resume);
        stdout.printf("sweep %s: %d/%d cells done (%d this time), %d failed; rows in %s%n", sweep.name(),
                o.alreadyDone() + o.done(), o.total(), o.done(), o.failed(), runner.results().file());
        stdout.flush();
        if (!o.complete()) {
            spec.commandLine().getErr().printf("curate sweep: %d cells failed (see %s); rerun with --resume and the same spec to retry them%n",
                    o.failed(), dir.resolve(SweepRunner.FAILED));
            spec.commandLine().getErr().flush();
            return 1;
        }
        return 0;
    }

    /** Each cell's id and its run's settings that differ from the defaults, as a line of JSON (what its run.json changes). */
    static void printRuns(PrintWriter out, List<CellRun> runs) {
        for (CellRun r : runs) {
            out.printf("%s  %s%n", r.cell().id(), RunProvenance.jsonLine(r.run().nonDefaults()));
        }
        out.flush();
    }

    /**
     * The heap and JavaCPP limits a cell runs under: the sweep's own (the launcher's, or
     * CURATE_JAVA_OPTS), else {@link JvmMemory}'s, the launcher's defaults. Without them a cell's JVM
     * takes a quarter of the machine for its heap, collects rarely, and the native buffers of dead
     * arrays pile up until the kernel kills it (seen: 10 GB for one S-model cell).
     */
    public static List<String> memoryOptions(List<String> parentArguments) {
        List<String> inherited = parentArguments.stream()
                .filter(a -> a.startsWith("-Xmx") || a.startsWith("-Xms") || a.startsWith("-Dorg.bytedeco.javacpp.max"))
                .toList();
        return inherited.stream().anyMatch(a -> a.startsWith("-Xmx")) ? inherited
                : JvmMemory.options();
    }

    /** A cell's child process: {@code curate train --run FILE --out DIR}, in a JVM of its own ({@link CellRun#childCommand}). */
    static List<String> childCommand(Path runFile, Path cellDir, boolean resume) {
        String classPath = List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
                .map(p -> Path.of(p).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
        return CellRun.childCommand(memoryOptions(ManagementFactory.getRuntimeMXBean().getInputArguments()), classPath,
                Curate.class.getName(), runFile, cellDir, resume);
    }
}
