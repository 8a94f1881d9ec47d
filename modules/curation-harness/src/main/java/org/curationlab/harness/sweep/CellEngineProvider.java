package org.curationlab.harness.sweep;

import java.util.List;

/**
 * An engine that is not part of the core build, found with {@link java.util.ServiceLoader} by its
 * {@link #name()} (the value of {@code --engine}): the Spark engine lives in curation-spark with
 * its own jar, so {@code curate.jar} carries no Spark.
 */
public interface CellEngineProvider {
    /** The {@code --engine} value that selects this engine. */
    String name();

    CellEngine open(Settings settings);

    /**
     * @param master           where to run ({@code --master}); {@code null} for the engine's embedded default
     * @param jobs             cells at once the sweep was asked for ({@code --jobs})
     * @param threadsPerCell   threads each cell trains with (the sweep's budget over {@code jobs})
     * @param childJavaOptions the heap and JavaCPP limits each cell's JVM runs under, as the local engine's
     */
    record Settings(String master, int jobs, int threadsPerCell, List<String> childJavaOptions) {
        public Settings {
            childJavaOptions = List.copyOf(childJavaOptions);
        }
    }
}
