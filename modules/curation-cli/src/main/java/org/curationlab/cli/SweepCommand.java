package org.curationlab.cli;

import org.curationlab.data.CurationException;
import org.curationlab.harness.sweep.CellValidator;
import org.curationlab.harness.sweep.SweepCell;
import org.curationlab.harness.sweep.SweepRunner;
import org.curationlab.harness.sweep.SweepSpec;
import org.curationlab.harness.tune.TunedSettings;
import org.curationlab.train.RunSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.File;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code curate sweep}: run every cell of a sweep spec as a {@code curate train --run} child process
 * (the cell's {@link RunSpec} in a file), collecting the rows in {@code DIR/results.csv}. Each cell is checked first by parsing its
 * settings exactly as {@code curate train} would, so a typo fails before anything runs, naming
 * the spec's file and line.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a sweep spec (experiments/*.yaml: name, fixed settings, axes of values, each a `curate train` "
                + "option without dashes): every cell of the grid as a `curate train` child process, rows collected in "
                + "OUT/results.csv, failures in OUT/failed.jsonl, provenance in OUT/sweep.json. A killed sweep continues "
                + "with --resume, running each unfinished cell once.")
public final class SweepCommand implements Callable<Integer> {
    /** Settings the sweep itself decides for every cell. */
    private static final Set<String> RESERVED = Set.of("out", "resume", "threads", "run", "help", "version");
    private static final Pattern FLAG = Pattern.compile("--([a-z0-9][a-z0-9-]*)");

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

    @Option(names = "--dry-run", description = "Check the spec and print its cells with their `curate train` arguments; run nothing.")
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
        List<SweepCell> cells = sweep.validate(TunedSettings.cells(sweep), SweepCommand::check);
        Path dir = out != null ? out : SweepRunner.defaultDir(sweep.name());
        PrintWriter stdout = spec.commandLine().getOut();
        if (dryRun) {
            stdout.printf("sweep %s: %d cells -> %s%n", sweep.name(), cells.size(), dir);
            for (SweepCell c : cells) {
                stdout.printf("%s  curate train %s%n", c.id(), String.join(" ", trainArgs(c)));
            }
            stdout.flush();
            return 0;
        }
        SweepRunner runner = engineOptions.runner(sweep, cells, dir, jobs);
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

    /** A cell's settings as {@code curate train} arguments (without --out, --threads, --resume). */
    static List<String> trainArgs(SweepCell cell) {
        CommandSpec train = new CommandLine(new TrainCommand()).getCommandSpec();
        List<String> args = new ArrayList<>();
        cell.settings().forEach((key, value) -> {
            OptionSpec o = RESERVED.contains(key) ? null : train.findOption("--" + key);
            if (o == null) {
                throw new CellValidator.InvalidSetting(key, RESERVED.contains(key)
                        ? "is set by the sweep for every cell"
                        : "unknown setting; a sweep sets `curate train` options by their long name without dashes: "
                        + train.options().stream().map(OptionSpec::longestName).filter(n -> !RESERVED.contains(n.substring(2)))
                        .map(n -> n.substring(2)).sorted().collect(Collectors.joining(", ")));
            }
            if (o.arity().max() == 0) {
                switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
                    case "true" -> args.add("--" + key);
                    case "false" -> {
                    }
                    default -> throw new CellValidator.InvalidSetting(key, "'" + value + "' is not true or false");
                }
            } else {
                args.add("--" + key);
                args.add(value);
            }
        });
        return args;
    }

    /** Checks the cell as `curate train` would, before anything runs. */
    static void check(SweepCell cell) {
        run(cell);
    }

    /**
     * The cell's run: its settings parsed as `curate train` options (types by picocli), then
     * checked by the run itself; a bad setting is reported by its key.
     */
    static RunSpec run(SweepCell cell) {
        List<String> args = trainArgs(cell);
        args.add("--out");
        args.add("cell");
        TrainCommand train = new TrainCommand();
        try {
            new CommandLine(train).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            String key = e.getArgSpec() instanceof OptionSpec o ? o.longestName().substring(2) : blame(cell, e.getMessage());
            throw new CellValidator.InvalidSetting(key, e.getMessage());
        }
        try {
            return train.toRun().check();
        } catch (CurationException e) {
            throw new CellValidator.InvalidSetting(blame(cell, e.getMessage()), e.getMessage());
        }
    }

    /** The first setting of the cell a message names as {@code --key}. */
    private static String blame(SweepCell cell, String message) {
        Matcher m = FLAG.matcher(message);
        while (m.find()) {
            if (cell.settings().containsKey(m.group(1))) {
                return m.group(1);
            }
        }
        return null;
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

    /** A cell's child process: {@code curate train --run FILE --out DIR}, in a JVM of its own. */
    static List<String> childCommand(Path runFile, Path cellDir, boolean resume) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(memoryOptions(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        cmd.add("-cp");
        cmd.add(List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
                .map(p -> Path.of(p).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator)));
        cmd.add(Curate.class.getName());
        cmd.add("train");
        cmd.add("--run");
        cmd.add(runFile.toAbsolutePath().toString());
        cmd.add("--out");
        cmd.add(cellDir.toAbsolutePath().toString());
        if (resume) {
            cmd.add("--resume");
        }
        return cmd;
    }
}
