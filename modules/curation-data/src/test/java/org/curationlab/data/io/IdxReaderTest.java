package org.curationlab.data.io;

import org.curationlab.data.CurationException;
import org.curationlab.data.FashionMnistFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxReaderTest {
    @TempDir
    Path tmp;

    /** An IDX file: magic, dims, then payload bytes (possibly fewer or more than the dims say). */
    static byte[] idx(int magic, int[] dims, int payloadBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        for (int i = 0; i < payloadBytes; i++) {
            out.write(i % 251);
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(raw);
        }
        return bytes.toByteArray();
    }

    Path file(String name, byte[] content) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, content);
        return p;
    }

    static void assertMessage(CurationException e, Path file, String... fragments) {
        org.curationlab.testing.CurationAssertions.assertMessageHolds(e, file.toString());
        org.curationlab.testing.CurationAssertions.assertMessageHolds(e, fragments);
    }

    @Test
    void readsTheFixtureImagesAndLabels() {
        Path dir = FashionMnistFixture.dir();
        IdxReader.IdxArray images = IdxReader.readImages(dir.resolve("train-images-idx3-ubyte.gz"), 28, 28);
        IdxReader.IdxArray labels = IdxReader.readLabels(dir.resolve("train-labels-idx1-ubyte.gz"), 10);
        assertEquals(600, images.count());
        assertArrayEquals(new int[]{600, 28, 28}, images.dims());
        assertEquals(600 * 784, images.data().length);
        assertEquals(600, labels.data().length);
    }

    @Test
    void plainAndGzipGiveTheSameArrayAndChecksum() throws IOException {
        byte[] raw = idx(0x00000803, new int[]{3, 28, 28}, 3 * 784);
        IdxReader.IdxArray plain = IdxReader.readImages(file("plain", raw), 28, 28);
        IdxReader.IdxArray gz = IdxReader.readImages(file("packed.gz", gzip(raw)), 28, 28);
        assertArrayEquals(plain.data(), gz.data());
        assertEquals(plain.sha256(), gz.sha256());
    }

    @Test
    void writerRoundTrips() throws IOException {
        byte[] data = new byte[5 * 784];
        Arrays.fill(data, (byte) 200);
        Path p = tmp.resolve("w.gz");
        String sha = IdxWriter.writeGzip(p, new int[]{5, 28, 28}, data);
        IdxReader.IdxArray back = IdxReader.readImages(p, 28, 28);
        assertArrayEquals(data, back.data());
        assertEquals(sha, back.sha256());
    }

    @Test
    void badMagicNamesTheFile() throws IOException {
        Path p = file("bad-magic", idx(0x12345678, new int[]{1, 28, 28}, 784));
        assertMessage(assertThrows(CurationException.class, () -> IdxReader.readImages(p, 28, 28)), p, "bad magic");
    }

    @Test
    void labelFileWhereImagesAreExpectedIsRejected() throws IOException {
        Path p = file("labels-as-images", idx(0x00000801, new int[]{10}, 10));
        assertMessage(assertThrows(CurationException.class, () -> IdxReader.readImages(p, 28, 28)), p, "dimensions");
    }

    @Test
    void headerCountLargerThanTheFileIsTruncation() throws IOException {
        Path p = file("truncated.gz", gzip(idx(0x00000803, new int[]{100, 28, 28}, 10 * 784)));
        assertMessage(assertThrows(CurationException.class, () -> IdxReader.readImages(p, 28, 28)), p, "truncated", "100 items");
    }

    @Test
    void absurdHeaderCountFailsWithoutAllocating() throws IOException {
        Path p = file("huge", idx(0x00000803, new int[]{Integer.MAX_VALUE, 28, 28}, 784));
        assertMessage(assertThrows(CurationException.class, () -> IdxReader.readImages(p, 28, 28)), p, "declares more than");
    }

    @Test
    void wrongImageDimensionsAreNamed() throws IOException {
        Path p = file("32x32", idx(0x00000803, new int[]{2, 32, 32}, 2 * 32 * 32));
        assertMessage(assertThrows(CurationException.class, () -> IdxReader.readImages(p, 28, 28)), p, "32×32", "expected 28×28");
    }

    @Test
    void corruptGzipIsNamed() throws IOException {
        byte[] gz = gzip(idx(0x00000803, new int[]{4, 28, 28}, 4 * 784));
        for (int i = 20; i < gz.length - 8; i += 7) {
            gz[i] ^= 0x5a;
        }
        Path p = file("corrupt.gz", gz);
        CurationException e = assertThrows(CurationException.class, () -> IdxReader.readImages(p, 28, 28));
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    }

    @Test
    void gzipCutShortIsNamed() throws IOException {
        byte[] gz = gzip(idx(0x00000803, new int[]{4, 28, 28}, 4 * 784));
        Path p = file("cut.gz", Arrays.copyOf(gz, gz.length / 2));
        CurationException e = assertThrows(CurationException.class, () -> IdxReader.readImages(p, 28, 28));
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    }

    @Test
    void trailingDataIsRejected() throws IOException {
        Path p = file("long", idx(0x00000803, new int[]{1, 28, 28}, 2 * 784));
        assertMessage(assertThrows(CurationException.class, () -> IdxReader.readImages(p, 28, 28)), p, "more data than its header");
    }

    @Test
    void headerCutShortIsNamed() throws IOException {
        Path p = file("stub", new byte[]{0, 0, 8, 3, 0, 0});
        assertMessage(assertThrows(CurationException.class, () -> IdxReader.readImages(p, 28, 28)), p, "header");
    }

    @Test
    void labelsOutOfRangeAreNamed() throws IOException {
        byte[] raw = idx(0x00000801, new int[]{3}, 0);
        byte[] withLabels = Arrays.copyOf(raw, raw.length + 3);
        withLabels[raw.length + 2] = 12;
        Path p = file("labels", withLabels);
        assertMessage(assertThrows(CurationException.class, () -> IdxReader.readLabels(p, 10)), p, "label 12 at index 2");
    }

    @Test
    void missingFileIsNamed() {
        Path p = tmp.resolve("nope.gz");
        assertMessage(assertThrows(CurationException.class, () -> IdxReader.readImages(p, 28, 28)), p, "not found");
    }
}
