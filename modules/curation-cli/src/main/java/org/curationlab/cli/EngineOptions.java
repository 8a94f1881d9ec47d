package org.curationlab.cli;

import org.curationlab.harness.sweep.CellEngine;
import org.curationlab.harness.sweep.CellEngines;
import org.curationlab.harness.sweep.CellRun;
import org.curationlab.harness.sweep.SweepRunner;
import org.curationlab.harness.sweep.SweepSpec;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --engine {local,spark} [--master URL]} for the verbs that run a spec's cells (sweep, tune,
 * regress). The engine only changes where cells train; results, resume and failures are the
 * sweep runner's, the same on every engine.
 */
final class EngineOptions {
    @Option(names = "--engine", defaultValue = CellEngines.LOCAL, paramLabel = "ENGINE",
            description = "Where cells run: local (child processes here, the default) or spark (one Spark task per cell; "
                    + "needs curate-spark.jar, which ./curate uses for --engine spark).")
    String engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master for --engine spark: spark://HOST:PORT for a standalone cluster, local[N]; "
                    + "default: an embedded local[jobs x threads per cell].")
    String master;

    CellEngine.Opener opener() {
        return CellEngines.opener(engine, master, SweepCommand::childCommand,
                SweepCommand.memoryOptions(ManagementFactory.getRuntimeMXBean().getInputArguments()));
    }

    SweepRunner runner(SweepSpec sweep, List<CellRun> runs, Path dir, int jobs) {
        return new SweepRunner(sweep, runs, dir, jobs, SweepCommand::childCommand, opener(), System.err);
    }
}
