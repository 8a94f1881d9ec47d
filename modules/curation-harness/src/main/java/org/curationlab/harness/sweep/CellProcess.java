package org.curationlab.harness.sweep;

import org.curationlab.train.EvalLog;
import org.curationlab.train.Trainer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * One cell as a child process, wherever it runs (the local engine's threads, a Spark executor):
 * writes the cell's run file, starts {@code curate train --run FILE --out DIR} (continuing the
 * run when the folder holds a started one, so a retried cell resumes from its checkpoint), waits,
 * and reads back its rows. The child is a JVM of its own so that a crash, a native abort or an
 * out-of-memory in one cell cannot take the sweep (or an executor) down, and its ND4J threads are
 * its own; it is told its parent's pid ({@link SweepRunner#PARENT_ENV}) and stops when that dies.
 */
public final class CellProcess {
    private CellProcess() {
    }

    /**
     * @param started told of the process once it runs, and again (with {@code null}) when it ended,
     *                so the caller can stop it on shutdown
     */
    public static CellResult run(String runJson, Path cellDir, int threads, SweepRunner.CellCommand command,
                                 Consumer<Process> started, Consumer<Process> ended) throws IOException, InterruptedException {
        Files.createDirectories(cellDir);
        boolean resumeCell = Files.exists(cellDir.resolve(Trainer.STATE)) || Files.exists(cellDir.resolve(Trainer.EVAL_CSV));
        Path runFile = cellDir.resolve(SweepRunner.RUN_FILE);
        // The run as the sweep built and checked it, byte for byte (RunSpec.toJson).
        org.curationlab.data.io.AtomicFiles.write(runFile, runJson.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ProcessBuilder pb = new ProcessBuilder(command.command(runFile, cellDir, resumeCell));
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        pb.environment().put(SweepRunner.PARENT_ENV, Long.toString(ProcessHandle.current().pid()));
        org.curationlab.models.NativeBuild.inherit(pb.environment());
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(cellDir.resolve("stdout.log").toFile()));
        pb.redirectError(ProcessBuilder.Redirect.appendTo(cellDir.resolve("stderr.log").toFile()));
        Process p = pb.start();
        started.accept(p);
        int exit;
        try {
            exit = p.waitFor();
        } catch (InterruptedException e) {
            // The sweep or the engine gave the cell up (a cancelled Spark task): the child must not
            // go on writing into a folder that a retry will train.
            p.destroyForcibly();
            throw e;
        } finally {
            ended.accept(p);
        }
        if (exit == 0) {
            return new CellResult(0, new EvalLog(cellDir.resolve(Trainer.EVAL_CSV)).read(), List.of());
        }
        return new CellResult(exit, List.of(), stderrTail(cellDir.resolve("stderr.log")));
    }

    /** The last 15 non-blank lines of a cell's stderr, as a reader would see them. */
    static List<String> stderrTail(Path stderr) throws IOException {
        List<String> lines = Files.exists(stderr) ? Files.readAllLines(stderr, StandardCharsets.UTF_8) : List.of();
        // Progress bars redraw with carriage returns; keep what a reader would see last.
        List<String> tail = lines.stream().map(l -> l.substring(l.lastIndexOf('\r') + 1)).filter(l -> !l.isBlank()).toList();
        return tail.subList(Math.max(0, tail.size() - 15), tail.size());
    }
}
