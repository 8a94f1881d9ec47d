package org.curationlab.cli;

import org.curationlab.data.CurationException;
import org.curationlab.data.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses an output path that would destroy a record: one of the command's own inputs (e.g.
 * {@code table --sweep D --out D/results.csv}), a run's or a sweep's rows ({@code eval.csv},
 * {@code results.csv}) whatever the command, or an existing {@code .csv} file when the command
 * writes Markdown, JSON or figures. Checked before anything is read or written.
 */
final class OutputGuard {
    /** The file names of the records themselves: a report never writes over them. */
    private static final Set<String> RECORDS = Set.of("eval.csv", "results.csv");

    /** What a command writes to its {@code --out}. */
    enum Kind {
        MARKDOWN, CSV, JSON, FIGURES
    }

    private OutputGuard() {
    }

    /**
     * An error naming {@code flag} when writing {@code kind} to {@code out} would overwrite one of
     * {@code inputs} or a file of another kind.
     */
    static void check(String flag, Path out, Kind kind, Collection<Path> inputs) {
        for (Path in : inputs) {
            if (same(out, in)) {
                throw new CurationException(flag + ": " + out + " is one of this command's inputs; writing there would destroy it "
                        + "(give another file)");
            }
        }
        if (!Files.isRegularFile(out)) {
            return;
        }
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (RECORDS.contains(name)) {
            throw new CurationException(flag + ": " + out + " holds a run's or a sweep's rows; a report is not written over them "
                    + "(give another file)");
        }
        if (kind != Kind.CSV && name.endsWith(".csv")) {
            throw new CurationException(flag + ": " + out + " is a CSV table; this writes " + kind.name().toLowerCase(Locale.ROOT)
                    + " (give a file of that kind)");
        }
    }

    /**
     * Writes a report's text to {@code out} (its folder made first), whole or not at all: a kill or a
     * full disk leaves the previous report, never half of the new one. A failure names --out.
     */
    static void write(Path out, String text) {
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            AtomicFiles.write(out, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CurationException("--out: " + out + " cannot be written (" + e.getMessage() + ")", e);
        }
    }

    /** The same file, by path or, when both exist, by identity (a link, another spelling). */
    static boolean same(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
