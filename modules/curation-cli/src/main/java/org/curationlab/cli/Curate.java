package org.curationlab.cli;

import org.curationlab.data.CurationException;
import org.curationlab.train.results.ResultsNotes;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code curate} command. Every verb is a subcommand class in this package; errors the user
 * can act on ({@link CurationException}) print as one message and exit 2, never as a stack trace.
 */
@Command(name = "curate", mixinStandardHelpOptions = true, versionProvider = Curate.Version.class,
        description = "CurationLab: data curation for contrastive image-text learning (JEST, DBP) and its scaling laws.",
        subcommands = {DataCommand.class, ReferenceCommand.class, TrainCommand.class, EvalCommand.class, SelectCommand.class,
                PruneCommand.class, SweepCommand.class, TuneCommand.class, RegressCommand.class, FitCommand.class, FitTableCommand.class, MultipliersCommand.class, PlotCommand.class, TableCommand.class, CompareCommand.class, ThroughputCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Curate implements Runnable {
    /** Exit code of a usage or input error. */
    public static final int EXIT_INPUT = 2;
    /** Exit code of an unexpected internal failure. */
    public static final int EXIT_INTERNAL = 70;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        // Before anything loads ND4J: the widest libnd4j build this CPU runs.
        try {
            org.curationlab.models.NativeBuild.choose();
        } catch (org.curationlab.data.CurationException e) {
            System.err.println("curate: " + e.getMessage());
            System.exit(EXIT_INPUT);
        }
        stopWithSweep();
        System.exit(commandLine().execute(args));
    }

    /**
     * A cell of {@code curate sweep} stops when its sweep dies, even by SIGKILL (which runs no
     * shutdown hook): otherwise the orphan would go on writing into a cell folder that the
     * resumed sweep runs again.
     */
    private static void stopWithSweep() {
        String parent = System.getenv(org.curationlab.harness.sweep.SweepRunner.PARENT_ENV);
        if (parent == null || parent.isBlank()) {
            return;
        }
        long pid = Long.parseLong(parent.trim());
        Thread watchdog = new Thread(() -> {
            while (true) {
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                        && ProcessHandle.current().parent().map(h -> h.pid() == pid).orElse(false)) {
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                } else {
                    System.err.println("curate: the sweep (pid " + pid + ") is gone; stopping this cell");
                    Runtime.getRuntime().halt(EXIT_ORPHANED);
                }
            }
        }, "sweep-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Exit code of a sweep cell whose sweep died. */
    public static final int EXIT_ORPHANED = 75;

    /** The configured command line, for main and for tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Curate());
        cl.setExecutionExceptionHandler(Curate::handle);
        // What the reader of result tables leaves out is said on this command line's stderr.
        cl.setExecutionStrategy(parsed -> {
            PrintWriter err = cl.getErr();
            ResultsNotes.to(line -> {
                err.println("note: " + line);
                err.flush();
            });
            return new CommandLine.RunLast().execute(parsed);
        });
        return cl;
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        Throwable cause = e;
        while (!(cause instanceof CurationException) && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof CurationException) {
            // The message may quote your data (a file name, key or caption): shown, never obeyed by the terminal.
            err.println("curate " + cl.getCommandName() + ": error: " + TerminalText.escaped(cause.getMessage()));
            err.flush();
            return EXIT_INPUT;
        }
        if (System.getenv("CURATE_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.println("curate " + cl.getCommandName() + ": internal error: " + e
                + " (set CURATE_DEBUG=1 for the stack trace, and please report it)");
        err.flush();
        return EXIT_INTERNAL;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Curate.class.getPackage().getImplementationVersion();
            return new String[]{"curate " + (v == null ? "(development build)" : v)};
        }
    }
}
