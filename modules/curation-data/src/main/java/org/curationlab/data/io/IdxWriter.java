package org.curationlab.data.io;

import org.curationlab.data.CurationException;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/** Writes unsigned-byte IDX files (gzip-compressed), e.g. the test fixture subset. */
public final class IdxWriter {
    private IdxWriter() {
    }

    /** Writes {@code data} with the given dimensions and returns the SHA-256 of the uncompressed bytes. */
    public static String writeGzip(Path file, int[] dims, byte[] data) {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("dims hold " + n + " bytes, data has " + data.length);
        }
        MessageDigest sha = IdxReader.sha256();
        try (OutputStream raw = Files.newOutputStream(file);
             DataOutputStream out = new DataOutputStream(new DigestOutputStream(new GZIPOutputStream(raw), sha))) {
            out.writeInt(0x0800 | dims.length);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        } catch (IOException e) {
            throw new CurationException(file + ": cannot be written (" + e.getMessage() + ")", e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
