package org.curationlab.harness.sweep;

import org.curationlab.data.CurationException;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** {@code --engine NAME [--master URL]}: the local engine, or a provider found on the class path. */
public final class CellEngines {
    public static final String LOCAL = "local";

    private CellEngines() {
    }

    /**
     * The engine a sweep opens. {@code local} takes no master; another engine must be on the class
     * path (the Spark one is in {@code curate-spark.jar}, which the {@code curate} launcher runs when
     * it sees {@code --engine spark}).
     */
    public static CellEngine.Opener opener(String engine, String master, SweepRunner.CellCommand localCommand,
                                           List<String> childJavaOptions) {
        if (engine == null || engine.equals(LOCAL)) {
            if (master != null) {
                throw new CurationException("--master: only with --engine spark (the local engine runs cells on this machine)");
            }
            return (jobs, threads) -> new LocalCellEngine(jobs, localCommand);
        }
        List<String> names = new ArrayList<>(List.of(LOCAL));
        for (CellEngineProvider p : ServiceLoader.load(CellEngineProvider.class)) {
            if (p.name().equals(engine)) {
                return (jobs, threads) -> p.open(new CellEngineProvider.Settings(master, jobs, threads, childJavaOptions));
            }
            names.add(p.name());
        }
        if (engine.equals("spark")) {
            throw new CurationException("--engine spark: the Spark engine is not in this jar (curate.jar is built without Spark); "
                    + "run it with ./curate, which switches to modules/curation-spark/target/curate-spark.jar, or with java -jar that jar");
        }
        throw new CurationException("--engine: '" + engine + "' is not an engine here (engines: " + String.join(", ", names) + ", spark)");
    }
}
