package org.curationlab.harness.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The default engine: each cell a child process of the sweep on this machine, {@code jobs} at a
 * time. Children still running when the sweep's JVM shuts down are stopped with it.
 */
public final class LocalCellEngine implements CellEngine {
    private final int jobs;
    private final SweepRunner.CellCommand command;
    private final List<Process> running = new ArrayList<>();
    private final Thread hook;

    public LocalCellEngine(int jobs, SweepRunner.CellCommand command) {
        this.jobs = jobs;
        this.command = command;
        this.hook = new Thread(() -> {
            synchronized (running) {
                running.forEach(Process::destroy);
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public String describe() {
        return "local";
    }

    @Override
    public int concurrency() {
        return jobs;
    }

    @Override
    public CellResult run(SweepCell cell, String runJson, Path cellDir, int threads) throws InterruptedException {
        try {
            return CellProcess.run(runJson, cellDir, threads, command, p -> {
                synchronized (running) {
                    running.add(p);
                }
            }, p -> {
                synchronized (running) {
                    running.remove(p);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down; the hook runs
        }
    }
}
