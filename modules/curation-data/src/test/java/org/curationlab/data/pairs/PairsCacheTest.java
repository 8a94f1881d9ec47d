package org.curationlab.data.pairs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A second load reads the cache; a changed file, other options or a damaged cache decode again. */
class PairsCacheTest {
    @TempDir
    Path tmp;

    @Test
    void secondLoadReadsTheCacheAndAChangeRebuildsIt() throws IOException {
        Path src = PairsFixture.folder(tmp.resolve("src"), 4);
        PairsOptions opts = PairsOptions.defaults(tmp.resolve("cache")).withImage(8, 3).withLabelFrom(PairsOptions.LabelFrom.FOLDER);
        OwnPairs first = PairsLoader.load(src, opts, null);
        assertFalse(first.fromCache());
        assertTrue(Files.isRegularFile(first.cacheFile()));
        try (Stream<Path> s = Files.list(first.cacheFile().getParent())) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".tmp")), "written atomically, no temporary left");
        }

        OwnPairs second = PairsLoader.load(src, opts, null);
        assertTrue(second.fromCache());
        assertEquals(first.keys(), second.keys());
        assertEquals(first.captions(), second.captions());
        assertArrayEquals(first.labels(), second.labels());
        assertEquals(first.labelNames(), second.labelNames());
        assertArrayEquals(first.pixels(), second.pixels());
        assertEquals(first.sizesSeen(), second.sizesSeen());

        // A new caption: the cache is rebuilt, in the same file.
        Path caption = src.resolve("even/img0.txt");
        Files.writeString(caption, "a changed caption");
        Files.setLastModifiedTime(caption, FileTime.from(Instant.now().plusSeconds(5)));
        OwnPairs third = PairsLoader.load(src, opts, null);
        assertFalse(third.fromCache());
        assertEquals(first.cacheFile(), third.cacheFile());
        assertEquals("a changed caption", third.caption(third.keys().indexOf("even/img0")));

        // A new image: new pixels.
        Path image = src.resolve("even/img2.png");
        Files.write(image, PairsFixture.image("png", 22, 16, Color.WHITE));
        Files.setLastModifiedTime(image, FileTime.from(Instant.now().plusSeconds(10)));
        OwnPairs fourth = PairsLoader.load(src, opts, null);
        assertFalse(fourth.fromCache());
        int centre = 4 * 8 + 4; // red of the centre pixel: blue before (0), white now (1)
        assertNotEquals(third.image(third.keys().indexOf("even/img2"))[centre], fourth.image(fourth.keys().indexOf("even/img2"))[centre]);
        assertTrue(PairsLoader.load(src, opts, null).fromCache());
    }

    @Test
    void otherDecodingOptionsHaveTheirOwnCacheFile() throws IOException {
        Path src = PairsFixture.folder(tmp.resolve("src"), 2);
        PairsOptions opts = PairsOptions.defaults(tmp.resolve("cache"));
        OwnPairs rgb = PairsLoader.load(src, opts.withImage(8, 3), null);
        OwnPairs grey = PairsLoader.load(src, opts.withImage(8, 1), null);
        assertNotEquals(rgb.cacheFile(), grey.cacheFile());
        assertFalse(grey.fromCache());
        assertEquals(64, grey.pixelsPerImage());
        assertTrue(PairsLoader.load(src, opts.withImage(8, 3), null).fromCache());
    }

    @Test
    void aDamagedCacheIsRebuiltNotTrusted() throws IOException {
        Path src = PairsFixture.folder(tmp.resolve("src"), 2);
        PairsOptions opts = PairsOptions.defaults(tmp.resolve("cache"));
        OwnPairs first = PairsLoader.load(src, opts, null);
        byte[] bytes = Files.readAllBytes(first.cacheFile());
        Files.write(first.cacheFile(), java.util.Arrays.copyOf(bytes, bytes.length - 10));
        OwnPairs again = PairsLoader.load(src, opts, null);
        assertFalse(again.fromCache());
        assertArrayEquals(first.pixels(), again.pixels());
        assertTrue(PairsLoader.load(src, opts, null).fromCache());
    }

    @Test
    void aCacheHitReportsTheSameSkips() throws IOException {
        Path src = PairsFixture.folder(tmp.resolve("src"), 4);
        PairsFixture.write(src.resolve("odd/lonely.png"), PairsFixture.image("png", 4, 4, Color.RED));
        PairsOptions opts = PairsOptions.defaults(tmp.resolve("cache")).withMaxBad(0.5);
        OwnPairs first = PairsLoader.load(src, opts, null);
        OwnPairs second = PairsLoader.load(src, opts, null);
        assertTrue(second.fromCache());
        assertEquals(first.skips(), second.skips());
        assertEquals(5, second.candidates());
        assertEquals(1, Files.readAllLines(PairsLoader.defaultSkippedFile(second)).size());
    }
}
