package org.curationlab.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.curationlab.data.CurationException;
import org.curationlab.harness.sweep.CellEngine;
import org.curationlab.harness.sweep.CellEngineProvider;
import org.curationlab.harness.sweep.CellResult;
import org.curationlab.harness.sweep.SweepCell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A sweep's cells as Spark tasks: each cell is a job of one task ({@link CellTask}) that trains it
 * on an executor and returns its {@link CellResult}; the sweep runner, on the driver, appends the
 * rows of each job that completes. Spark retries a task lost with its executor, and only the
 * attempt that completes returns rows, so a cell's rows reach {@code results.csv} once; the retry
 * resumes from the cell's checkpoint when the executors share the sweep folder.
 *
 * <p>Resources follow the sweep's threads per cell: {@code spark.task.cpus} (so an executor of C
 * cores runs C / threads cells at once), the executors' {@code OMP_NUM_THREADS}, and the child's
 * heap and JavaCPP limits are the local engine's. A standalone cluster is talked to with its
 * shared secret ({@link ClusterSecret}).
 */
public final class SparkCellEngine implements CellEngine {
    /** How long a cluster may take to give the sweep its first executor. */
    static final long REGISTER_TIMEOUT_S = Long.getLong("curationlab.spark.register-timeout-s", 60);

    static {
        // Spark logs through slf4j here (slf4j-simple, as the CLI): keep its INFO chatter out of the sweep's output.
        // Hadoop's one warning (no native library) says nothing about a sweep.
        for (String noisy : List.of("org.apache.spark", "org.sparkproject", "org.apache.hadoop", "io.netty")) {
            String key = "org.slf4j.simpleLogger.log." + noisy;
            if (System.getProperty(key) == null) {
                System.setProperty(key, noisy.equals("org.apache.hadoop") ? "error" : "warn");
            }
        }
    }

    private final JavaSparkContext sc;
    private final int threadsPerCell;
    private final int jobs;
    private final List<String> childJavaOptions;

    private SparkCellEngine(JavaSparkContext sc, int jobs, int threadsPerCell, List<String> childJavaOptions) {
        this.sc = sc;
        this.jobs = jobs;
        this.threadsPerCell = threadsPerCell;
        this.childJavaOptions = childJavaOptions;
    }

    /** Starts Spark on the settings' master and waits for an executor; a master that cannot serve is one error. */
    public static SparkCellEngine open(CellEngineProvider.Settings s) {
        String master = SparkMaster.resolve(s.master(), s.jobs(), s.threadsPerCell());
        SparkConf conf = conf(master, s.threadsPerCell(), s.childJavaOptions());
        if (!master.startsWith("local")) {
            // A standalone cluster runs only what proves it holds the cluster's secret.
            ClusterSecret.authenticate(conf, master, System.getenv());
        }
        JavaSparkContext sc;
        try {
            sc = new JavaSparkContext(conf);
        } catch (RuntimeException e) {
            throw new CurationException("--engine spark --master " + master + ": Spark did not start (" + e.getMessage() + ")", e);
        }
        try {
            awaitExecutor(sc, master);
        } catch (RuntimeException e) {
            sc.stop();
            throw e;
        }
        return new SparkCellEngine(sc, s.jobs(), s.threadsPerCell(), s.childJavaOptions());
    }

    static SparkConf conf(String master, int threadsPerCell, List<String> childJavaOptions) {
        SparkConf conf = new SparkConf()
                .setMaster(master)
                .setIfMissing("spark.app.name", "curate sweep")
                .set("spark.task.cpus", Integer.toString(threadsPerCell))
                .set("spark.executorEnv.OMP_NUM_THREADS", Integer.toString(threadsPerCell))
                // A cell is trained once per attempt; a speculative copy would train it twice into one folder.
                .set("spark.speculation", "false")
                .setIfMissing("spark.task.maxFailures", "4")
                .setIfMissing("spark.ui.enabled", "false")
                // The executor itself loads no ND4J (its child does), but if it ever does, it is bounded alike.
                .setIfMissing("spark.executor.extraJavaOptions", childJavaOptions.stream()
                        .filter(o -> o.startsWith("-Dorg.bytedeco.javacpp.")).collect(Collectors.joining(" ")));
        if (master.startsWith("local")) {
            // Embedded: nothing leaves this machine, so Spark need not look for a network address.
            conf.setIfMissing("spark.driver.host", "127.0.0.1").setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        Path jar = ownJar();
        if (!master.startsWith("local") && jar != null) {
            // A cluster's executors fetch the driver's jar: the CLI and ND4J their cells' children run from.
            conf.setIfMissing("spark.jars", jar.toString());
        }
        return conf;
    }

    /** The shaded jar this driver runs from, or null when it runs from class folders (tests). */
    static Path ownJar() {
        try {
            Path p = Path.of(SparkCellEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) ? p.toAbsolutePath() : null;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * A cluster must give the sweep an executor within {@link #REGISTER_TIMEOUT_S} s: with none,
     * Spark would queue the cells for ever ("has not accepted any resources").
     */
    private static void awaitExecutor(JavaSparkContext sc, String master) {
        if (master.startsWith("local")) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(REGISTER_TIMEOUT_S);
        while (sc.sc().statusTracker().getExecutorInfos().length < 2) { // the driver is listed too
            if (sc.sc().isStopped()) {
                throw new CurationException("--master " + master + ": the master refused or dropped the application (is "
                        + ClusterSecret.file(System.getenv()) + " the cluster's secret?); see its log");
            }
            if (System.nanoTime() > deadline) {
                throw new CurationException("--master " + master + ": no executor registered within " + REGISTER_TIMEOUT_S
                        + " s; does the master have a worker with free cores and memory?");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CurationException("interrupted while waiting for Spark executors");
            }
        }
    }

    @Override
    public String describe() {
        return "spark " + sc.master() + " (spark " + sc.version() + ", task.cpus " + threadsPerCell + ")";
    }

    /** Every cell is handed over at once: Spark queues the tasks for the executors' free cores. */
    @Override
    public int concurrency() {
        return sc.isLocal() ? jobs : 1024;
    }

    @Override
    public CellResult run(SweepCell cell, String runJson, Path cellDir, int threads) {
        CellTask task = new CellTask(cell.id(), runJson, cellDir.toAbsolutePath().toString(), threads, childJavaOptions);
        sc.setJobGroup("cell-" + cell.id(), "curate cell " + cell.id(), true);
        try {
            List<CellResult> out = sc.parallelize(List.of(task), 1).map(CellTask::run).collect();
            return out.get(0);
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(e.toString());
            return CellResult.engineFailure("spark: the cell's task failed: " + why);
        } finally {
            sc.clearJobGroup();
        }
    }

    @Override
    public void close() {
        sc.stop();
    }
}
