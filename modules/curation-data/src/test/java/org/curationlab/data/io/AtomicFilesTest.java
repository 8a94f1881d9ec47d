package org.curationlab.data.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNoTemporary() throws IOException {
        Path f = dir.resolve("a.json");
        AtomicFiles.write(f, "old".getBytes());
        assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(f));
        assertFalse(Files.exists(dir.resolve("a.json.tmp")));
        AtomicFiles.write(f, "new".getBytes());
        assertEquals("new", Files.readString(f));
    }

    /** A replaced file keeps its permissions (a temporary is created owner-only). */
    @Test
    void aReplacedFileKeepsItsPermissions() throws IOException {
        Path f = dir.resolve("results.csv");
        Files.writeString(f, "a\n");
        var readable = java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(f, readable);
        AtomicFiles.write(f, "a,b\n".getBytes());
        assertEquals(readable, Files.getPosixFilePermissions(f));
        assertEquals("a,b\n", Files.readString(f));
    }
}
