package org.curationlab.harness.sweep;

import org.curationlab.train.RunSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A sweep cell and the run it trains, built from its settings and checked once ({@link CellRuns}). */
public record CellRun(SweepCell cell, RunSpec run) {

    /**
     * The command line that trains a cell's run file in a JVM of its own:
     * {@code java OPTIONS -cp CLASSPATH MAIN train --run FILE --out DIR [--resume]}, MAIN being the
     * CLI's entry point. The local engine and a Spark task both start a cell with it, so the rows
     * are the same whichever engine ran it.
     *
     * @param javaOptions the child JVM's options (its heap and JavaCPP limits)
     * @param resume      continue the run the folder holds
     */
    public static List<String> childCommand(List<String> javaOptions, String classPath, String mainClass, Path runFile, Path cellDir,
                                            boolean resume) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(javaOptions);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(mainClass);
        cmd.addAll(List.of("train", "--run", runFile.toAbsolutePath().toString(), "--out", cellDir.toAbsolutePath().toString()));
        if (resume) {
            cmd.add("--resume");
        }
        return cmd;
    }
}
