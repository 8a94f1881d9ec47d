package org.curationlab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OutputGuardTest {
    @TempDir
    Path tmp;

    /** A report replaces the previous one whole (through a temporary that is renamed over it) and leaves nothing else. */
    @Test
    void aReportIsReplacedWholeWithNoTemporaryLeft() throws IOException {
        Path out = tmp.resolve("reports/table.md");
        OutputGuard.write(out, "| a |\n");
        OutputGuard.write(out, "| b |\n| c |\n");
        assertEquals("| b |\n| c |\n", Files.readString(out));
        try (Stream<Path> files = Files.list(out.getParent())) {
            assertEquals(List.of(out), files.toList());
        }
    }
}
