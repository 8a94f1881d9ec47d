package org.curationlab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FashionMnistTest {
    @TempDir
    Path tmp;

    Path copyOfFixture() throws IOException {
        Path d = tmp.resolve("copy");
        Files.createDirectories(d);
        try (var files = Files.list(FashionMnistFixture.dir())) {
            for (Path f : files.toList()) {
                Files.copy(f, d.resolve(f.getFileName()));
            }
        }
        return d;
    }

    @Test
    void fixtureLoadsVerifiedAndBalanced() {
        FashionMnist fm = FashionMnist.load(FashionMnistFixture.dir(), "test");
        assertEquals(600, fm.train().count());
        assertEquals(200, fm.test().count());
        int[] perClass = new int[10];
        java.util.Arrays.fill(perClass, 60);
        assertArrayEquals(perClass, fm.train().classCounts());
        assertTrue(fm.checksumSource().endsWith(FashionMnist.CHECKSUM_FILE));
    }

    @Test
    void checksumMismatchNamesTheFile() throws IOException {
        Path d = copyOfFixture();
        String sums = Files.readString(d.resolve(FashionMnist.CHECKSUM_FILE));
        Files.writeString(d.resolve(FashionMnist.CHECKSUM_FILE), sums.replaceFirst("^[0-9a-f]", "f").replaceFirst("^ff", "fe"));
        CurationException e = assertThrows(CurationException.class, () -> FashionMnist.load(d, "test"));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz") && e.getMessage().contains("checksum mismatch"), e.getMessage());
    }

    @Test
    void withoutSumsFileTheOfficialChecksumsApply() throws IOException {
        Path d = copyOfFixture();
        Files.delete(d.resolve(FashionMnist.CHECKSUM_FILE));
        CurationException e = assertThrows(CurationException.class, () -> FashionMnist.load(d, "test"));
        assertTrue(e.getMessage().contains("not Fashion-MNIST"), e.getMessage());
    }

    @Test
    void malformedSumsFileNamesItsLine() throws IOException {
        Path d = copyOfFixture();
        Files.writeString(d.resolve(FashionMnist.CHECKSUM_FILE), "not-a-checksum\n");
        CurationException e = assertThrows(CurationException.class, () -> FashionMnist.load(d, "test"));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void imageAndLabelCountsMustMatch() throws IOException {
        Path d = copyOfFixture();
        // Swap in the test labels (200) beside the train images (600), with matching checksums.
        Files.copy(d.resolve("t10k-labels-idx1-ubyte.gz"), d.resolve("train-labels-idx1-ubyte.gz"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String sums = Files.readString(d.resolve(FashionMnist.CHECKSUM_FILE));
        String testLabelsSum = sums.lines().filter(l -> l.endsWith("t10k-labels-idx1-ubyte")).findFirst().orElseThrow().split("\\s+")[0];
        String fixed = sums.lines().map(l -> l.endsWith("train-labels-idx1-ubyte") ? testLabelsSum + "  train-labels-idx1-ubyte" : l)
                .reduce("", (a, b) -> a + b + "\n");
        Files.writeString(d.resolve(FashionMnist.CHECKSUM_FILE), fixed);
        CurationException e = assertThrows(CurationException.class, () -> FashionMnist.load(d, "test"));
        assertTrue(e.getMessage().contains("600 images") && e.getMessage().contains("200 labels"), e.getMessage());
    }

    @Test
    void subsetWriterReproducesTheFixture() throws IOException {
        FashionMnist fm = FashionMnist.load(FashionMnistFixture.dir(), "test");
        Path out = tmp.resolve("sub");
        FashionMnistSubset.write(fm, 6, 2, out);
        FashionMnist sub = FashionMnist.load(out, "subset");
        assertEquals(60, sub.train().count());
        assertEquals(20, sub.test().count());
        // The first image of each class is the same bytes as in the source.
        assertArrayEquals(fm.train().image(0), sub.train().image(0));
        assertTrue(Files.readString(out.resolve("NOTICE")).contains("MIT"));
    }
}
