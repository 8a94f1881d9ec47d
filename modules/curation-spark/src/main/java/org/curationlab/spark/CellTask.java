package org.curationlab.spark;

import org.curationlab.cli.Curate;
import org.curationlab.harness.sweep.CellProcess;
import org.curationlab.harness.sweep.CellResult;
import org.curationlab.harness.sweep.CellRun;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One cell as shipped to an executor: its run record and folder, the threads it trains with and
 * the JVM limits of its child. Run there, it trains the cell exactly as the local engine does (a
 * child {@code curate train --run FILE --out DIR}, resuming from the folder's checkpoint when a
 * lost attempt left one), so the rows are the same whichever engine ran it. The child is the
 * executor's child: it stops when the executor dies, and the retried task resumes the cell.
 */
record CellTask(String cellId, String runJson, String cellDir, int threads, List<String> childJavaOptions) implements Serializable {
    CellTask {
        childJavaOptions = new ArrayList<>(childJavaOptions);
    }

    CellResult run() throws IOException, InterruptedException {
        return CellProcess.run(runJson, Path.of(cellDir), threads, this::command, p -> {
        }, p -> {
        });
    }

    /** {@code curate train --run FILE --out DIR [--resume]} in a JVM of its own, from this executor's jar ({@link CellRun#childCommand}). */
    List<String> command(Path runFile, Path dir, boolean resume) {
        return CellRun.childCommand(childJavaOptions, classPath(), Curate.class.getName(), runFile, dir, resume);
    }

    /**
     * The shaded curate-spark jar this executor loaded the CLI from (a cluster's executors fetch it
     * into their work folder; it holds the CLI and ND4J, so the child needs nothing of the cluster's
     * own Spark jars), else, in an embedded run from class folders, this JVM's class path.
     */
    static String classPath() {
        try {
            // Only a self-contained jar will do: in a Maven reactor build the CLI's code source is
            // its thin jar (no picocli, no ND4J), and the JVM's class path holds the rest.
            Path source = Path.of(Curate.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path picocli = Path.of(picocli.CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(source) && source.equals(picocli)) {
                return source.toAbsolutePath().toString();
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // fall through to the class path
        }
        List<String> entries = new ArrayList<>();
        for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(Path.of(p).toAbsolutePath().toString());
        }
        return String.join(File.pathSeparator, entries);
    }
}
