package org.curationlab.harness.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import org.curationlab.data.CurationException;
import org.curationlab.train.EvalLog;
import org.curationlab.train.RunProvenance;
import org.curationlab.train.RunSpec;
import org.curationlab.train.settings.RunSchema;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a sweep's cells on a {@link CellEngine} (by default {@link LocalCellEngine}: {@code jobs}
 * child processes at a time, each training the cell's {@link RunSpec}, written to
 * {@code DIR/cells/<id>/run.json}, into that folder). Whatever the engine, this class alone
 * decides which cells are done, appends a finished cell's rows to {@link SweepResults} in one
 * append and a failed cell to {@code failed.jsonl}, so resume and exactly-once hold on every engine.
 * Children are told the sweep's pid ({@value #PARENT_ENV}) and stop when it dies, so a killed
 * sweep leaves no orphan writing into a cell that the resumed sweep runs again.
 */
public final class SweepRunner {
    public static final String PARENT_ENV = "CURATE_SWEEP_PARENT";
    public static final String SPEC_COPY = "spec.yaml";
    public static final String PROVENANCE = "sweep.json";
    public static final String FAILED = "failed.jsonl";
    public static final String LOCK = "sweep.lock";

    /**
     * Where a sweep goes unless told: {@code runs/<name>}, a folder git ignores, so a fresh clone's
     * first sweep trains (committed records live under {@code results/}, written with an explicit --out).
     */
    public static Path defaultDir(String name) {
        return Path.of("runs", name);
    }

    /** Each cell's run, written to {@code DIR/cells/<id>/}{@value #RUN_FILE} for its child process. */
    public static final String RUN_FILE = "run.json";

    /**
     * The child's command line for a cell: it trains the run in {@code runFile} into {@code cellDir},
     * continuing it ({@code resume}) when the folder holds a started run.
     */
    @FunctionalInterface
    public interface CellCommand {
        List<String> command(Path runFile, Path cellDir, boolean resume);
    }

    /** What one invocation did. */
    public record Outcome(int total, int alreadyDone, int done, int failed) {
        public boolean complete() {
            return alreadyDone + done == total;
        }
    }

    private final SweepSpec spec;
    private final List<SweepCell> cells;
    private final Map<String, RunSpec> runs = new LinkedHashMap<>();
    private final Path dir;
    private final int jobs;
    private final CellCommand command;
    private final CellEngine.Opener engine;
    private final PrintStream progress;

    /**
     * @param runs    the cells and their checked runs ({@link CellRuns#plan})
     * @param command the child process that trains a cell's run file
     */
    public SweepRunner(SweepSpec spec, List<CellRun> runs, Path dir, int jobs, CellCommand command, PrintStream progress) {
        this(spec, runs, dir, jobs, command, (j, t) -> new LocalCellEngine(j, command), progress);
    }

    /**
     * @param runs    the cells and their checked runs ({@link CellRuns#plan})
     * @param command the child process that trains a cell's run file (recorded in {@code sweep.json})
     * @param engine  where the cells run
     */
    public SweepRunner(SweepSpec spec, List<CellRun> runs, Path dir, int jobs, CellCommand command, CellEngine.Opener engine,
                       PrintStream progress) {
        if (jobs < 1) {
            throw new CurationException("--jobs: " + jobs + " must be at least 1");
        }
        this.spec = spec;
        this.cells = runs.stream().map(CellRun::cell).toList();
        runs.forEach(r -> this.runs.put(r.cell().id(), r.run()));
        this.dir = dir;
        this.jobs = jobs;
        this.command = command;
        this.engine = engine;
        this.progress = progress;
    }

    /** Threads per cell: the sweep's thread budget shared among the cells running at once. */
    public int threadsPerCell() {
        return Math.max(1, threadBudget(System.getenv(), Runtime.getRuntime().availableProcessors()) / jobs);
    }

    /**
     * The threads the user gave the sweep: CURATE_THREADS, else OMP_NUM_THREADS, else every core.
     * A cell's OMP_NUM_THREADS is its share of this, never more than the user allowed.
     */
    static int threadBudget(Map<String, String> env, int cores) {
        for (String name : List.of("CURATE_THREADS", "OMP_NUM_THREADS")) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                try {
                    int n = Integer.parseInt(v.trim());
                    if (n >= 1) {
                        return n;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                throw new CurationException(name + ": '" + v + "' must be a whole number of threads, at least 1");
            }
        }
        return cores;
    }

    public Path cellDir(SweepCell cell) {
        return dir.resolve("cells").resolve(cell.id());
    }

    /** The run a cell trains: its checked run, with the threads the sweep gives each cell. */
    public RunSpec run(SweepCell cell) {
        return runs.get(cell.id()).with(RunSchema.THREADS, threadsPerCell());
    }

    public SweepResults results() {
        List<String> keys = new ArrayList<>(spec.axes().keySet());
        spec.fixed().keySet().forEach(k -> {
            if (!keys.contains(k)) {
                keys.add(k);
            }
        });
        return new SweepResults(dir, keys, EvalLog.COLUMNS);
    }

    public Outcome run(boolean resume) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CurationException(dir + ": cannot be created (" + e.getMessage() + ")", e);
        }
        try (FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockChannel.tryLock()) {
            if (lock == null) {
                throw new CurationException(dir + ": another sweep is running in this folder");
            }
            return runLocked(resume);
        } catch (IOException e) {
            throw new CurationException(dir + ": cannot lock the sweep folder (" + e.getMessage() + ")", e);
        }
    }

    private Outcome runLocked(boolean resume) throws IOException {
        boolean started = Files.exists(dir.resolve(PROVENANCE)) || Files.exists(dir.resolve(SweepResults.FILE))
                || Files.isDirectory(dir.resolve("cells"));
        if (started && !resume) {
            throw new CurationException(dir + " already holds a sweep; pass --resume to continue it (results are never overwritten)");
        }
        // Opened before anything is written, so an engine that cannot start (a bad --master) leaves
        // the folder as it was.
        try (CellEngine cellEngine = engine.open(jobs, threadsPerCell())) {
            if (started) {
                checkSameCells(cellEngine);
            } else {
                writeProvenance(cellEngine);
            }
            return runCells(cellEngine);
        }
    }

    private Outcome runCells(CellEngine cellEngine) {
        SweepResults results = results();
        long cut = results.repair();
        if (cut > 0) {
            progress.printf("sweep %s: dropped %d bytes of an interrupted append from %s%n", spec.name(), cut, results.file());
        }
        Set<String> done = results.doneCells();
        List<SweepCell> todo = cells.stream().filter(c -> !done.contains(c.id())).toList();
        int alreadyDone = cells.size() - todo.size();
        // Before any cell runs: a started cell resumes only as the run it began (its settings, its reference file's content).
        todo.forEach(c -> org.curationlab.train.ResumeCheck.of(run(c), cellDir(c), true));
        progress.printf("sweep %s: %d cells, %d done already, %d to run, %d at a time with %d threads each (engine: %s)%n",
                spec.name(), cells.size(), alreadyDone, todo.size(), jobs, threadsPerCell(), cellEngine.describe());
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Instant start = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(cellEngine.concurrency(), Math.max(1, todo.size()))));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (SweepCell cell : todo) {
                futures.add(pool.submit(() -> {
                    boolean success = runCell(cellEngine, cell, results);
                    (success ? ok : failed).incrementAndGet();
                    report(alreadyDone, ok.get(), failed.get(), todo.size(), start);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable c = e.getCause();
                    throw c instanceof RuntimeException r ? r : new IllegalStateException(c);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CurationException("sweep interrupted");
        } finally {
            pool.shutdownNow();
        }
        return new Outcome(cells.size(), alreadyDone, ok.get(), failed.get());
    }

    private boolean runCell(CellEngine cellEngine, SweepCell cell, SweepResults results) throws IOException, InterruptedException {
        CellResult r = cellEngine.run(cell, run(cell).toJson(), cellDir(cell), threadsPerCell());
        if (r.succeeded()) {
            results.appendCell(cell, r.rows());
            return true;
        }
        recordFailure(cell, r.exitCode(), r.stderrTail());
        return false;
    }

    private synchronized void recordFailure(SweepCell cell, int exit, List<String> tail) throws IOException {
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("cell", cell.id());
        rec.put("exit_code", exit);
        rec.put("time", Instant.now().toString());
        rec.put("settings", cell.settings());
        rec.put("stderr_tail", tail);
        String line = RunProvenance.jsonLine(rec) + "\n";
        try (FileChannel ch = FileChannel.open(dir.resolve(FAILED), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
            ch.force(false);
        }
        progress.printf("sweep %s: cell %s failed with exit code %d: %s%n", spec.name(), cell.id(), exit,
                tail.isEmpty() ? "(no stderr)" : tail.get(tail.size() - 1));
    }

    private synchronized void report(int alreadyDone, int ok, int failed, int todo, Instant start) {
        int finished = ok + failed;
        String eta = "";
        if (finished > 0 && finished < todo) {
            Duration per = Duration.between(start, Instant.now()).dividedBy(finished);
            Duration left = per.multipliedBy(todo - finished);
            eta = String.format(", ETA %dm%02ds", left.toMinutes(), left.toSecondsPart());
        }
        progress.printf("sweep %s: %d/%d cells done, %d failed%s%n", spec.name(), alreadyDone + ok, cells.size(), failed, eta);
    }

    private void writeProvenance(CellEngine cellEngine) throws IOException {
        Files.copy(spec.file(), dir.resolve(SPEC_COPY), StandardCopyOption.REPLACE_EXISTING);
        List<Map<String, Object>> cellList = new ArrayList<>();
        for (SweepCell c : cells) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id());
            m.put("slug", c.slug());
            m.put("settings", c.settings());
            m.put("run", run(c));
            m.put("command", command.command(cellDir(c).resolve(RUN_FILE), cellDir(c), false));
            cellList.add(m);
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("spec_file", spec.file().toAbsolutePath().toString());
        extra.put("spec", spec.asMap());
        extra.put("jobs", jobs);
        extra.put("threads_per_cell", threadsPerCell());
        extra.put("engine", cellEngine.describe());
        extra.put("cells", cellList);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("command", "sweep");
        settings.put("name", spec.name());
        RunProvenance.write(dir.resolve(PROVENANCE), settings, extra);
    }

    /** A resumed sweep must be the same sweep: the spec may not have changed its cells. */
    private void checkSameCells(CellEngine cellEngine) throws IOException {
        Path prov = dir.resolve(PROVENANCE);
        if (!Files.exists(prov)) {
            writeProvenance(cellEngine);
            return;
        }
        JsonNode doc = RunProvenance.json().readTree(prov.toFile());
        List<String> before = new ArrayList<>();
        doc.path("cells").forEach(c -> before.add(c.path("id").asText()));
        List<String> now = cells.stream().map(SweepCell::id).toList();
        if (!before.equals(now)) {
            throw new CurationException(dir + ": the spec's cells differ from those this sweep began with (" + prov
                    + "); resume with the original spec, or start a new sweep with another --out");
        }
    }
}
