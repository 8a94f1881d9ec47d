package org.curationlab.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options of a training run: length, batches, evaluation, threads, where results go. */
public final class RunOptions {
    @Option(names = "--iterations", paramLabel = "N", defaultValue = "1000", description = "Training steps (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--batch", paramLabel = "b", defaultValue = "256", description = "Examples per training step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--eval-every", paramLabel = "N", defaultValue = "100", description = "Steps between evaluation rows (default: ${DEFAULT-VALUE}); also at step 0 and the last step.")
    int evalEvery;

    @Option(names = "--eval-size", paramLabel = "N", defaultValue = "10000", description = "Test pairs to evaluate on (default: ${DEFAULT-VALUE}, the whole test split).")
    int evalSize;

    @Option(names = "--threads", paramLabel = "N", description = "ND4J/OpenMP threads (default: all cores).")
    Integer threads;

    @Option(names = "--resume", description = "Continue the run already in --out from its last checkpoint.")
    boolean resume;

    /** Says so when --eval-size asks for more pairs than the test split holds (it is then cut to the split). */
    static void noteEvalSize(java.io.PrintWriter err, int requested, int evaluated) {
        if (requested > evaluated) {
            err.println(org.curationlab.train.Runs.evalSizeNote(requested, evaluated));
            err.flush();
        }
    }

    int threads() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }
}
