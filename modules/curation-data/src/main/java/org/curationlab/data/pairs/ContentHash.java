package org.curationlab.data.pairs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a source's decoded pairs depend on, as one SHA-256: for each file read, in a stable
 * order, its path relative to the source and its bytes (streamed once, 64 KiB at a time), so
 * that a touched but unchanged file keeps the cache and one changed byte rebuilds it. Files
 * whose bytes cannot change the result (a folder's {@code .ogg} beside a stamp) enter by name
 * only: their presence changes what is skipped, their content nothing.
 *
 * <p>Cost: one sequential read of every image and caption and a SHA-256 over it, against
 * decoding's read of the same bytes plus decompression, a full-resolution ARGB image per file,
 * compositing and resizing. {@code curate bench}'s decode rows time both (the cached row
 * includes this pass).
 */
final class ContentHash {
    private final MessageDigest md;
    private final byte[] buffer = new byte[1 << 16];

    ContentHash() {
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** A file's name and bytes; a file gone since it was listed counts as missing (the scan will say so). */
    ContentHash file(String name, Path file) {
        text(name);
        try (InputStream in = Files.newInputStream(file)) {
            long n = 0;
            for (int r; (r = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, r);
                n += r;
            }
            text("bytes " + n);
        } catch (NoSuchFileException e) {
            text("missing");
        } catch (IOException e) {
            text("unreadable " + e.getClass().getSimpleName());
        }
        return this;
    }

    /** A file that counts by its name only. */
    ContentHash name(String name) {
        text(name);
        text("name only");
        return this;
    }

    /** A piece of text, length-prefixed so that no two sequences of pieces run together alike. */
    ContentHash text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        md.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
        md.update(b);
        return this;
    }

    String hex() {
        return HexFormat.of().formatHex(md.digest());
    }
}
