package org.curationlab.data.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;

/**
 * Replaces a file whole or not at all: the content goes to a temporary {@code FILE.<random>.tmp}
 * of its own in the same folder, is forced to disk and renamed over {@code FILE}. Each writer has
 * its own temporary, so two processes publishing the same file (sweep cells sharing a cache) never
 * write into each other's. A failure (disk full, a rename refused) removes the temporary, so no
 * stale {@code *.tmp} stays behind; only a kill can leave one, which the run's resume removes. A
 * file replaced keeps its permissions.
 */
public final class AtomicFiles {
    /** Writes the content to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * A file replaced keeps its permissions: a temporary is created owner-only (0600), which would
     * otherwise make a results table rewritten in place unreadable to the others who could read it.
     */
    private static void keepPermissions(Path file, Path tmp) throws IOException {
        if (Files.exists(file) && Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(file));
        }
    }

    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, out -> out.write(bytes));
    }

    public static void write(Path file, Content content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(ch);
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            keepPermissions(file, tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the failure that got us here is the one to report
                }
            }
        }
    }
}
