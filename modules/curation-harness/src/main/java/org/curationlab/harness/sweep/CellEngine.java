package org.curationlab.harness.sweep;

import java.nio.file.Path;

/**
 * Where a sweep's cells run: the local engine (child processes of the sweep, {@link LocalCellEngine})
 * or another one found by {@link CellEngines} (the Spark engine, module curation-spark). The sweep
 * runner keeps everything that makes a sweep resumable — which cells are done, the one forced
 * append per finished cell, {@code failed.jsonl}, the lock — and an engine only trains a cell's
 * run into its folder and gives its result back, so those guarantees are the same on every engine.
 */
public interface CellEngine extends AutoCloseable {
    /** The engine and where it runs, for {@code sweep.json} and the progress line (e.g. {@code spark local[2]}). */
    String describe();

    /** How many cells the runner hands the engine at once (the engine may queue them). */
    int concurrency();

    /**
     * Trains a cell's run (its JSON) into {@code cellDir} with {@code threads} threads, continuing
     * it when the folder holds a started run. A cell's own failure is a result, not an exception.
     */
    CellResult run(SweepCell cell, String runJson, Path cellDir, int threads) throws InterruptedException;

    @Override
    void close();

    /** Opens an engine for a sweep of {@code jobs} cells at once with {@code threadsPerCell} threads each. */
    @FunctionalInterface
    interface Opener {
        CellEngine open(int jobs, int threadsPerCell);
    }
}
