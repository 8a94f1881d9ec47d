package org.curationlab.data.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.curationlab.data.CurationException;

/**
 * NumPy {@code .npy} files, so that users can bring embeddings (and cluster assignments, scores)
 * computed anywhere. Only what the toolkit needs: little-endian {@code <f4}, {@code <f8},
 * {@code <i4}, {@code <i8}, C order, format versions 1.0, 2.0 and 3.0. Every malformed file gives
 * a {@link CurationException} naming the file and what was expected, never a raw stack trace.
 *
 * <p>Format reference: the NumPy "NEP 1" .npy specification — magic {@code \x93NUMPY}, a major
 * and minor version byte, a little-endian header length (uint16 in 1.0, uint32 in 2.0/3.0), an
 * ASCII (UTF-8 in 3.0) Python dict literal padded with spaces and a newline so that the data
 * starts at a multiple of 64 bytes.
 *
 * <p>Why not a kept reader (issue 17): the one already on the classpath, ND4J's
 * {@code Nd4j.createFromNpyFile}, was tried on malformed files (2026-12-02, ND4J 1.0.0-M2.1). It
 * reads a truncated file without complaint (the missing values come back as whatever memory
 * follows), ignores {@code fortran_order: True} (a Fortran-order matrix comes back transposed in
 * layout), accepts {@code <f8} where float32 is expected, and on a bad magic throws a bare
 * "Pointer doesn't look like a NumPy header" without the file's name. The errors this class gives
 * (file, field, value and what was expected) are what {@code NpyTest} and the CLI's tests assert,
 * so it stays.
 */
public final class Npy {

    /** Element types we read and write; {@code descr} is NumPy's dtype string. */
    public enum DType {
        FLOAT32("<f4", 4), FLOAT64("<f8", 8), INT32("<i4", 4), INT64("<i8", 8);

        public final String descr;
        public final int bytes;

        DType(String descr, int bytes) {
            this.descr = descr;
            this.bytes = bytes;
        }

        static DType of(String descr) {
            // '|' and '=' mean "not applicable"/"native"; only the explicit little-endian forms
            // are unambiguous across machines, so those are all we accept.
            for (DType t : values()) {
                if (t.descr.equals(descr)) {
                    return t;
                }
            }
            return null;
        }
    }

    /**
     * An array read from a file. Exactly one of the data arrays is non-null, matching
     * {@link #dtype()}. {@code source} is kept so later errors can still name the file.
     */
    public record Array(Path source, DType dtype, int[] shape, float[] floats, double[] doubles,
                        int[] ints, long[] longs) {

        public long size() {
            long n = 1;
            for (int s : shape) {
                n *= s;
            }
            return n;
        }

        public int rows() {
            return shape.length == 0 ? 1 : shape[0];
        }

        /** Elements per row (1 for a vector). */
        public int cols() {
            int c = 1;
            for (int i = 1; i < shape.length; i++) {
                c *= shape[i];
            }
            return c;
        }

        /**
         * The data as an N×d float32 matrix. The pruners need float32 embeddings, so any other
         * dtype or a rank other than 2 is a user error naming the file and what it holds.
         */
        public float[] requireFloat32Matrix() {
            if (dtype != DType.FLOAT32) {
                throw new CurationException(source + ": embeddings must be float32 ('<f4'), but the"
                        + " file holds dtype '" + dtype.descr + "'; convert it, e.g."
                        + " np.save(path, x.astype(np.float32))");
            }
            if (shape.length != 2) {
                throw new CurationException(source + ": expected a 2-D N×d matrix, got shape "
                        + shapeString(shape));
            }
            return floats;
        }

        /** Integer data (int32, or int64 values that fit in an int) as a 1-D vector. */
        public int[] requireIntVector() {
            if (shape.length != 1) {
                throw new CurationException(source + ": expected a 1-D vector, got shape "
                        + shapeString(shape));
            }
            if (dtype == DType.INT32) {
                return ints;
            }
            if (dtype == DType.INT64) {
                int[] out = new int[longs.length];
                for (int i = 0; i < longs.length; i++) {
                    if (longs[i] < Integer.MIN_VALUE || longs[i] > Integer.MAX_VALUE) {
                        throw new CurationException(source + ": element " + i + " = " + longs[i]
                                + " does not fit in a 32-bit int");
                    }
                    out[i] = (int) longs[i];
                }
                return out;
            }
            throw new CurationException(source + ": expected an integer vector ('<i4' or '<i8'),"
                    + " but the file holds dtype '" + dtype.descr + "'");
        }

        /** Any numeric 1-D vector widened to double (e.g. per-example scores). */
        public double[] requireDoubleVector() {
            if (shape.length != 1) {
                throw new CurationException(source + ": expected a 1-D vector, got shape "
                        + shapeString(shape));
            }
            double[] out = new double[(int) size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = switch (dtype) {
                    case FLOAT32 -> floats[i];
                    case FLOAT64 -> doubles[i];
                    case INT32 -> ints[i];
                    case INT64 -> longs[i];
                };
            }
            return out;
        }
    }

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** Reads a whole .npy file. */
    public static Array read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CurationException(file + ": cannot read .npy file (" + e.getMessage() + ")", e);
        } catch (OutOfMemoryError e) {
            throw new CurationException(file + ": too large to load into memory", e);
        }
        return parse(file, bytes);
    }

    static Array parse(Path file, byte[] bytes) {
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new CurationException(file + ": not a NumPy .npy file (expected magic bytes"
                    + " \\x93NUMPY at the start)");
        }
        int major = bytes[6] & 0xff;
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLen;
        int prefix;
        if (major == 1) {
            headerLen = buf.getShort(8) & 0xffff;
            prefix = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new CurationException(file + ": truncated .npy header");
            }
            headerLen = buf.getInt(8) & 0xffffffffL;
            prefix = 12;
        } else {
            throw new CurationException(file + ": unsupported .npy format version " + major + "."
                    + (bytes[7] & 0xff) + " (expected 1.0, 2.0 or 3.0)");
        }
        if (prefix + headerLen > bytes.length) {
            throw new CurationException(file + ": truncated .npy header (declares " + headerLen
                    + " header bytes, file has " + (bytes.length - prefix) + ")");
        }
        String header = new String(bytes, prefix, (int) headerLen,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);

        String descr = group(file, DESCR, header, "descr");
        DType dtype = DType.of(descr);
        if (dtype == null) {
            throw new CurationException(file + ": unsupported dtype '" + descr + "' (supported:"
                    + " '<f4', '<f8', '<i4', '<i8', little-endian)");
        }
        if (group(file, FORTRAN, header, "fortran_order").equals("True")) {
            throw new CurationException(file + ": Fortran-order arrays are not supported; save a"
                    + " C-order array, e.g. np.save(path, np.ascontiguousarray(x))");
        }
        int[] shape = parseShape(file, group(file, SHAPE, header, "shape"));

        long count = 1;
        for (int s : shape) {
            count = Math.multiplyExact(count, (long) s);
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new CurationException(file + ": " + count + " elements is more than one Java"
                    + " array can hold");
        }
        long dataStart = prefix + headerLen;
        long expected = count * dtype.bytes;
        long actual = bytes.length - dataStart;
        if (actual != expected) {
            throw new CurationException(file + ": shape " + shapeString(shape) + " of '" + descr
                    + "' needs " + expected + " data bytes but the file has " + actual
                    + (actual < expected ? " (truncated)" : " (trailing bytes)"));
        }
        buf.position((int) dataStart);
        ByteBuffer data = buf.slice().order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) count;
        return switch (dtype) {
            case FLOAT32 -> {
                float[] f = new float[n];
                data.asFloatBuffer().get(f);
                yield new Array(file, dtype, shape, f, null, null, null);
            }
            case FLOAT64 -> {
                double[] d = new double[n];
                data.asDoubleBuffer().get(d);
                yield new Array(file, dtype, shape, null, d, null, null);
            }
            case INT32 -> {
                int[] i = new int[n];
                data.asIntBuffer().get(i);
                yield new Array(file, dtype, shape, null, null, i, null);
            }
            case INT64 -> {
                long[] l = new long[n];
                data.asLongBuffer().get(l);
                yield new Array(file, dtype, shape, null, null, null, l);
            }
        };
    }

    private static String group(Path file, Pattern p, String header, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new CurationException(file + ": malformed .npy header, no valid '" + key
                    + "' entry in " + header.trim());
        }
        return m.group(1);
    }

    private static int[] parseShape(Path file, String inner) {
        String s = inner.trim();
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(",");
        int count = parts.length;
        if (parts[count - 1].trim().isEmpty()) {
            count--; // "(5,)"
        }
        int[] shape = new int[count];
        for (int i = 0; i < count; i++) {
            // Python 2 wrote long dims as "5L".
            String p = parts[i].trim().toUpperCase(Locale.ROOT).replace("L", "");
            try {
                long v = Long.parseLong(p);
                if (v < 0 || v > Integer.MAX_VALUE) {
                    throw new NumberFormatException();
                }
                shape[i] = (int) v;
            } catch (NumberFormatException e) {
                throw new CurationException(file + ": malformed .npy shape (" + inner + ")");
            }
        }
        return shape;
    }

    static String shapeString(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(')').toString();
    }

    public static void write(Path file, float[] data, int... shape) {
        write(file, DType.FLOAT32, data.length, shape, b -> b.asFloatBuffer().put(data));
    }

    public static void write(Path file, double[] data, int... shape) {
        write(file, DType.FLOAT64, data.length, shape, b -> b.asDoubleBuffer().put(data));
    }

    public static void write(Path file, int[] data, int... shape) {
        write(file, DType.INT32, data.length, shape, b -> b.asIntBuffer().put(data));
    }

    public static void write(Path file, long[] data, int... shape) {
        write(file, DType.INT64, data.length, shape, b -> b.asLongBuffer().put(data));
    }

    /** The header bytes (magic to padding) for an array, version 1.0 unless it needs 2.0. */
    static byte[] header(DType dtype, int[] shape) {
        String dict = "{'descr': '" + dtype.descr + "', 'fortran_order': False, 'shape': "
                + shapeString(shape) + ", }";
        for (int version = 1; version <= 2; version++) {
            int prefix = version == 1 ? 10 : 12;
            int unpadded = prefix + dict.length() + 1; // + '\n'
            int total = (unpadded + 63) / 64 * 64;
            int headerLen = total - prefix;
            if (version == 1 && headerLen > 0xffff) {
                continue;
            }
            ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
            b.put(MAGIC).put((byte) version).put((byte) 0);
            if (version == 1) {
                b.putShort((short) headerLen);
            } else {
                b.putInt(headerLen);
            }
            b.put(dict.getBytes(StandardCharsets.ISO_8859_1));
            while (b.position() < total - 1) {
                b.put((byte) ' ');
            }
            b.put((byte) '\n');
            return b.array();
        }
        throw new IllegalStateException("unreachable");
    }

    private static void write(Path file, DType dtype, int length, int[] shape,
                              java.util.function.Consumer<ByteBuffer> fill) {
        long count = 1;
        for (int s : shape) {
            if (s < 0) {
                throw new CurationException(file + ": negative dimension in shape "
                        + shapeString(shape));
            }
            count *= s;
        }
        if (count != length) {
            throw new CurationException(file + ": shape " + shapeString(shape) + " needs " + count
                    + " elements but " + length + " were given");
        }
        byte[] head = header(dtype, shape);
        ByteBuffer data = ByteBuffer.allocate(Math.multiplyExact(length, dtype.bytes))
                .order(ByteOrder.LITTLE_ENDIAN);
        fill.accept(data);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // Write to a sibling and move, so a crash never leaves a half-written .npy behind.
            AtomicFiles.write(file, out -> {
                out.write(head);
                out.write(data.array());
            });
        } catch (IOException e) {
            throw new CurationException(file + ": cannot write .npy file (" + e.getMessage() + ")", e);
        }
    }
}
