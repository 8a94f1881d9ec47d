package org.curationlab.data.io;

import org.curationlab.data.CurationException;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX files Fashion-MNIST ships in (plain or gzip). Every defect a user's download can
 * have (a bad magic number, a header that promises more than the file holds, the wrong image
 * size, a broken gzip stream) becomes a {@link CurationException} naming the file; the payload
 * is never pre-allocated from the header, so a lying header cannot cause an OutOfMemoryError.
 */
public final class IdxReader {
    /** IDX type code for unsigned bytes, the only type Fashion-MNIST uses. */
    private static final int UBYTE = 0x08;
    /** A header that claims more than this many payload bytes is rejected before reading. */
    private static final long MAX_PAYLOAD = Integer.MAX_VALUE - 64;

    private IdxReader() {
    }

    /** The decoded file: its dimensions, its raw unsigned-byte payload, and the SHA-256 of the decompressed bytes. */
    public record IdxArray(Path file, int[] dims, byte[] data, String sha256) {
        public int count() {
            return dims[0];
        }
    }

    /** Reads an image file ({@code idx3}): expects {@code count × rows × cols} unsigned bytes. */
    public static IdxArray readImages(Path file, int rows, int cols) {
        IdxArray a = read(file, 3);
        if (a.dims[1] != rows || a.dims[2] != cols) {
            throw new CurationException(file + ": images are " + a.dims[1] + "×" + a.dims[2]
                    + ", expected " + rows + "×" + cols);
        }
        return a;
    }

    /** Reads a label file ({@code idx1}) and checks every label lies in {@code [0, numClasses)}. */
    public static IdxArray readLabels(Path file, int numClasses) {
        IdxArray a = read(file, 1);
        for (int i = 0; i < a.data.length; i++) {
            int label = a.data[i] & 0xff;
            if (label >= numClasses) {
                throw new CurationException(file + ": label " + label + " at index " + i
                        + " is outside [0, " + numClasses + ")");
            }
        }
        return a;
    }

    /** Reads any unsigned-byte IDX file with the given number of dimensions. */
    public static IdxArray read(Path file, int expectedDims) {
        MessageDigest sha = sha256();
        try (InputStream raw = Files.newInputStream(file)) {
            InputStream in = new BufferedInputStream(raw, 1 << 16);
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            DataInputStream data = new DataInputStream(new DigestInputStream(in, sha));
            return parse(file, data, expectedDims, sha);
        } catch (NoSuchFileException e) {
            throw new CurationException(file + ": file not found");
        } catch (ZipException e) {
            throw new CurationException(file + ": not a valid gzip stream (" + e.getMessage() + ")");
        } catch (EOFException e) {
            throw new CurationException(file + ": file ends inside the header or the gzip stream is truncated");
        } catch (IOException e) {
            throw new CurationException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static IdxArray parse(Path file, DataInputStream in, int expectedDims, MessageDigest sha) throws IOException {
        int magic = in.readInt();
        int zeros = magic >>> 16;
        int type = (magic >>> 8) & 0xff;
        int ndims = magic & 0xff;
        if (zeros != 0 || type != UBYTE) {
            throw new CurationException(String.format(
                    "%s: bad magic number 0x%08x; an IDX file of unsigned bytes starts with 0x00000801, 0x00000803, ...",
                    file, magic));
        }
        if (ndims != expectedDims) {
            throw new CurationException(file + ": has " + ndims + " dimensions, expected " + expectedDims
                    + " (magic 0x" + String.format("%08x", 0x800 | expectedDims) + ")");
        }
        int[] dims = new int[ndims];
        long payload = 1;
        for (int i = 0; i < ndims; i++) {
            dims[i] = in.readInt();
            if (dims[i] <= 0) {
                throw new CurationException(file + ": dimension " + i + " is " + dims[i] + ", expected a positive size");
            }
            payload *= dims[i];
            if (payload > MAX_PAYLOAD) {
                throw new CurationException(file + ": header declares more than " + MAX_PAYLOAD
                        + " bytes of data, which no Fashion-MNIST file holds");
            }
        }
        byte[] data = readUpTo(in, (int) payload);
        if (data.length < payload) {
            throw new CurationException(file + ": header declares " + dims[0] + " items (" + payload
                    + " bytes of data) but the file holds only " + data.length + " bytes; it is truncated");
        }
        if (in.read() != -1) {
            throw new CurationException(file + ": holds more data than its header declares ("
                    + dims[0] + " items); the header or the file is corrupt");
        }
        return new IdxArray(file, dims, data, HexFormat.of().formatHex(sha.digest()));
    }

    /** Reads at most {@code n} bytes, growing the buffer as data actually arrives. */
    private static byte[] readUpTo(InputStream in, int n) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(n, 1 << 20));
        byte[] buf = new byte[1 << 16];
        int remaining = n;
        while (remaining > 0) {
            int r = in.read(buf, 0, Math.min(buf.length, remaining));
            if (r < 0) {
                break;
            }
            out.write(buf, 0, r);
            remaining -= r;
        }
        return out.toByteArray();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
