package org.curationlab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetLocatorTest {
    @TempDir
    Path tmp;

    @Test
    void debianFolderThenUserCache() {
        assertEquals(FashionMnistFixture.dir(), DatasetLocator.locate(null, null, FashionMnistFixture.dir(), tmp).dir());
        assertEquals(FashionMnistFixture.dir(), DatasetLocator.locate(null, "", tmp.resolve("none"), FashionMnistFixture.dir()).dir());
    }

    @Test
    void dataDirOptionComesFirst() {
        DatasetLocator.Located l = DatasetLocator.locate(FashionMnistFixture.dir(), "/elsewhere", tmp, tmp);
        assertEquals(FashionMnistFixture.dir(), l.dir());
        assertEquals("--data-dir", l.origin());
    }

    @Test
    void environmentVariableComesSecond() {
        DatasetLocator.Located l = DatasetLocator.locate(null, FashionMnistFixture.dir().toString(), tmp, tmp);
        assertEquals(DatasetLocator.ENV, l.origin());
    }

    @Test
    void anIncompleteNamedFolderIsAnErrorNotAFallThrough() throws IOException {
        Path d = tmp.resolve("partial");
        Files.createDirectories(d);
        Files.copy(FashionMnistFixture.dir().resolve("train-images-idx3-ubyte.gz"), d.resolve("train-images-idx3-ubyte.gz"));
        CurationException e = assertThrows(CurationException.class, () -> DatasetLocator.locate(d, null, tmp, tmp));
        assertTrue(e.getMessage().contains("--data-dir") && e.getMessage().contains("train-labels-idx1-ubyte"), e.getMessage());
        CurationException env = assertThrows(CurationException.class, () -> DatasetLocator.locate(null, d.toString(), tmp, tmp));
        assertTrue(env.getMessage().contains("CURATE_DATA"), env.getMessage());
    }

    @Test
    void aMissingFolderIsNamed() {
        Path d = tmp.resolve("absent");
        CurationException e = assertThrows(CurationException.class, () -> DatasetLocator.locate(d, null, tmp, tmp));
        assertTrue(e.getMessage().contains(d.toString()) && e.getMessage().contains("not a folder"), e.getMessage());
    }

    @Test
    void nothingFoundNamesThePackageAndTheDownload() {
        CurationException e = assertThrows(CurationException.class,
                () -> DatasetLocator.locate(null, null, tmp.resolve("no-debian"), tmp.resolve("cache")));
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
        assertTrue(e.getMessage().contains(DatasetLocator.OFFICIAL_DOWNLOAD), e.getMessage());
    }

    @Test
    void plainFilesAreFoundBesideGzipOnes() throws IOException {
        Path d = tmp.resolve("plain");
        Files.createDirectories(d);
        Files.writeString(d.resolve("train-images-idx3-ubyte"), "x");
        assertEquals(d.resolve("train-images-idx3-ubyte"), DatasetLocator.fileFor(d, "train-images-idx3-ubyte"));
    }
}
