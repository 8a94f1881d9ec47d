package org.curationlab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The heap and JavaCPP limits every JVM that runs ND4J starts with: the repository's
 * {@code jvm-memory.options} (a java argument file, read as it is by the launcher, scripts/jmh and
 * the tests), of which curate.jar carries a copy for the JVMs it starts itself (a sweep's cells).
 */
public final class JvmMemory {
    /** The copy's name in curate.jar, next to this class. */
    static final String RESOURCE = "jvm-memory.options";

    private static final List<String> OPTIONS = read();

    private JvmMemory() {
    }

    /** The options, in file order: the heap size and JavaCPP's limits. */
    public static List<String> options() {
        return OPTIONS;
    }

    /** An argument file's options: whitespace-separated, '#' to the end of the line a comment. */
    static List<String> parse(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            int hash = line.indexOf('#');
            for (String option : (hash < 0 ? line : line.substring(0, hash)).trim().split("\\s+")) {
                if (!option.isEmpty()) {
                    out.add(option);
                }
            }
        }
        return List.copyOf(out);
    }

    private static List<String> read() {
        try (InputStream in = JvmMemory.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath (the build copies it from the repository root)");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
