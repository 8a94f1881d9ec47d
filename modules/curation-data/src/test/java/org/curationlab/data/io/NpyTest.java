package org.curationlab.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpyTest {

    @TempDir
    Path dir;

    /** Builds a .npy file byte by byte, as NumPy would, without going through {@link Npy}. */
    private static byte[] npy(int major, String dict, byte[] data) {
        int prefix = major == 1 ? 10 : 12;
        int total = (prefix + dict.length() + 1 + 63) / 64 * 64;
        int headerLen = total - prefix;
        ByteBuffer b = ByteBuffer.allocate(total + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) headerLen);
        } else {
            b.putInt(headerLen);
        }
        b.put(dict.getBytes(StandardCharsets.US_ASCII));
        while (b.position() < total - 1) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n');
        b.put(data);
        return b.array();
    }

    private static byte[] le(int bytesPer, int n, java.util.function.Consumer<ByteBuffer> fill) {
        ByteBuffer b = ByteBuffer.allocate(bytesPer * n).order(ByteOrder.LITTLE_ENDIAN);
        fill.accept(b);
        return b.array();
    }

    private Path file(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void readsFloat32MatrixInEveryHeaderVersion(int major) throws Exception {
        byte[] data = le(4, 6, b -> {
            for (int i = 0; i < 6; i++) {
                b.putFloat(i * 0.5f);
            }
        });
        Path p = file("m.npy", npy(major,
                "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", data));
        Npy.Array a = Npy.read(p);
        assertEquals(Npy.DType.FLOAT32, a.dtype());
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertEquals(2, a.rows());
        assertEquals(3, a.cols());
        assertArrayEquals(new float[] {0f, 0.5f, 1f, 1.5f, 2f, 2.5f}, a.requireFloat32Matrix(), 0f);
    }

    @Test
    void readsIntegerVectors() throws Exception {
        Path i4 = file("a.npy", npy(1, "{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }",
                le(4, 3, b -> b.putInt(7).putInt(-1).putInt(2))));
        assertArrayEquals(new int[] {7, -1, 2}, Npy.read(i4).requireIntVector());
        Path i8 = file("b.npy", npy(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }",
                le(8, 2, b -> b.putLong(5L).putLong(9L))));
        Npy.Array a = Npy.read(i8);
        assertArrayEquals(new long[] {5L, 9L}, a.longs());
        assertArrayEquals(new int[] {5, 9}, a.requireIntVector());
    }

    @Test
    void readsFloat64ButRefusesItAsEmbeddingsNamingFileAndDtype() throws Exception {
        Path p = file("emb64.npy", npy(1,
                "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }",
                le(8, 2, b -> b.putDouble(1.25).putDouble(-2))));
        Npy.Array a = Npy.read(p);
        assertEquals(Npy.DType.FLOAT64, a.dtype());
        assertArrayEquals(new double[] {1.25, -2}, a.doubles(), 0);
        CurationException e = assertThrows(CurationException.class, a::requireFloat32Matrix);
        assertTrue(e.getMessage().contains("emb64.npy"), e.getMessage());
        assertTrue(e.getMessage().contains("<f8"), e.getMessage());
    }

    @Test
    void roundTripsEveryWritableType() throws Exception {
        Path f = dir.resolve("f.npy");
        Npy.write(f, new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, Npy.read(f).floats(), 0f);
        assertArrayEquals(new int[] {3, 2}, Npy.read(f).shape());
        assertEquals(128 + 24, Files.size(f), "64-byte aligned header + 6 floats");

        Path i = dir.resolve("i.npy");
        Npy.write(i, new int[] {4, 5}, 2);
        assertArrayEquals(new int[] {4, 5}, Npy.read(i).ints());
        Path l = dir.resolve("l.npy");
        Npy.write(l, new long[] {Long.MAX_VALUE}, 1);
        assertArrayEquals(new long[] {Long.MAX_VALUE}, Npy.read(l).longs());
        Path d = dir.resolve("d.npy");
        Npy.write(d, new double[] {Math.PI}, 1, 1);
        assertArrayEquals(new double[] {Math.PI}, Npy.read(d).doubles(), 0);
    }

    @Test
    void writtenHeaderMatchesNumpyLayout() {
        byte[] h = Npy.header(Npy.DType.FLOAT32, new int[] {50000, 64});
        assertEquals(0, h.length % 64, "data must start at a multiple of 64 bytes");
        assertEquals(1, h[6], "version 1.0 when the header fits");
        String dict = new String(h, 10, h.length - 10, StandardCharsets.US_ASCII);
        assertTrue(dict.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (50000, 64), }"));
        assertEquals('\n', dict.charAt(dict.length() - 1));
    }

    private void assertFails(Path p, String... fragments) {
        CurationException e = assertThrows(CurationException.class, () -> Npy.read(p));
        assertTrue(e.getMessage().contains(p.getFileName().toString()), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "'" + f + "' missing in: " + e.getMessage());
        }
    }

    @Test
    void badMagicNamesTheFile() throws Exception {
        byte[] bytes = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }",
                le(4, 1, b -> b.putFloat(1)));
        bytes[1] = 'X';
        assertFails(file("bad-magic.npy", bytes), "magic");
        assertFails(file("tiny.npy", new byte[] {1, 2, 3}), "magic");
    }

    @Test
    void unsupportedDtypeNamesIt() throws Exception {
        assertFails(file("big-endian.npy", npy(1,
                "{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", new byte[4])), "'>f4'");
        assertFails(file("uint8.npy", npy(1,
                "{'descr': '|u1', 'fortran_order': False, 'shape': (1,), }", new byte[1])), "'|u1'");
    }

    @Test
    void fortranOrderIsRefused() throws Exception {
        assertFails(file("fortran.npy", npy(1,
                "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", new byte[16])),
                "Fortran");
    }

    @Test
    void truncatedDataAndTrailingBytesAreRefused() throws Exception {
        assertFails(file("trunc.npy", npy(1,
                "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", new byte[20])),
                "truncated", "24", "20", "(2, 3)");
        assertFails(file("long.npy", npy(1,
                "{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }", new byte[9])),
                "trailing");
        byte[] good = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", new byte[4]);
        assertFails(file("header-cut.npy", Arrays.copyOf(good, 30)), "truncated .npy header");
    }

    @Test
    void unknownVersionAndMalformedHeaderAreRefused() throws Exception {
        byte[] v9 = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", new byte[4]);
        v9[6] = 9;
        assertFails(file("v9.npy", v9), "version 9.0");
        assertFails(file("noshape.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, }",
                new byte[4])), "'shape'");
        assertFails(file("badshape.npy", npy(1,
                "{'descr': '<f4', 'fortran_order': False, 'shape': (x, 2), }", new byte[4])), "shape");
    }

    @Test
    void wrongRankOrKindIsRefusedWithFileName() throws Exception {
        Path vec = file("vec.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }",
                new byte[12]));
        CurationException e = assertThrows(CurationException.class,
                () -> Npy.read(vec).requireFloat32Matrix());
        assertTrue(e.getMessage().contains("vec.npy") && e.getMessage().contains("(3,)"));
        CurationException e2 = assertThrows(CurationException.class,
                () -> Npy.read(vec).requireIntVector());
        assertTrue(e2.getMessage().contains("vec.npy") && e2.getMessage().contains("<f4"));
        assertArrayEquals(new double[] {0, 0, 0}, Npy.read(vec).requireDoubleVector(), 0);
    }

    @Test
    void writeRefusesShapeNotMatchingData() {
        CurationException e = assertThrows(CurationException.class,
                () -> Npy.write(dir.resolve("w.npy"), new float[5], 2, 3));
        assertTrue(e.getMessage().contains("w.npy") && e.getMessage().contains("(2, 3)"));
    }
}
