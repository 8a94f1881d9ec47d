package org.curationlab.data.pairs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A second load reads the cache; changed content, other options or a damaged cache decode again. */
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

    /** A source of each kind with four good pairs, and the file holding the caption "a picture number 0". */
    private record Source(Path path, Path captionFile) {
    }

    private Source source(String kind) throws IOException {
        return switch (kind) {
            case "folder" -> new Source(PairsFixture.folder(tmp.resolve("src"), 4), tmp.resolve("src/even/img0.txt"));
            case "csv" -> {
                Path f = PairsFixture.csv(tmp.resolve("src"), 4, ',', "filepath", "title");
                yield new Source(f, f);
            }
            case "tar" -> {
                Path f = PairsFixture.tar(tmp.resolve("src/shard.tar"), PairsFixture.tarEntries(0, 4));
                yield new Source(f, f);
            }
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** Every regular file under the source (or the source file itself). */
    private static List<Path> filesOf(Path source) throws IOException {
        if (Files.isRegularFile(source)) {
            try (Stream<Path> s = Files.walk(source.getParent())) {
                return s.filter(Files::isRegularFile).toList();
            }
        }
        try (Stream<Path> s = Files.walk(source)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"folder", "csv", "tar"})
    void theCacheIsKeyedByContentNotByModificationTime(String kind) throws IOException {
        Source src = source(kind);
        PairsOptions opts = PairsOptions.defaults(tmp.resolve("cache")).withImage(8, 3);
        OwnPairs first = PairsLoader.load(src.path(), opts, null);
        assertFalse(first.fromCache());

        // Every file touched, its bytes the same: still the cache.
        for (Path f : filesOf(src.path())) {
            Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(60)));
        }
        OwnPairs touched = PairsLoader.load(src.path(), opts, null);
        assertTrue(touched.fromCache(), "a touched but unchanged source reads the cache");
        assertArrayEquals(first.pixels(), touched.pixels());

        // One byte of a caption changed, the file's size and modification time kept: rebuilt.
        Path f = src.captionFile();
        FileTime mtime = Files.getLastModifiedTime(f);
        byte[] bytes = Files.readAllBytes(f);
        byte[] needle = PairsFixture.caption(0).getBytes(StandardCharsets.UTF_8);
        int at = indexOf(bytes, needle);
        assertTrue(at >= 0);
        bytes[at + needle.length - 1] = '9';
        Files.write(f, bytes);
        Files.setLastModifiedTime(f, mtime);
        OwnPairs changed = PairsLoader.load(src.path(), opts, null);
        assertFalse(changed.fromCache(), "one changed byte rebuilds the cache");
        assertEquals(first.cacheFile(), changed.cacheFile(), "in the same file: old versions do not pile up");
        assertTrue(changed.captions().contains("a picture number 9"), changed.captions().toString());
        assertFalse(changed.captions().contains(PairsFixture.caption(0)));
        assertTrue(PairsLoader.load(src.path(), opts, null).fromCache());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void aLinkOutOfTheFolderIsSkippedAndItsTargetNeverRead() throws IOException {
        Path src = PairsFixture.folder(tmp.resolve("src"), 4);
        Path outside = tmp.resolve("outside.png");
        PairsFixture.write(outside, PairsFixture.image("png", 4, 4, Color.RED));
        Files.createSymbolicLink(src.resolve("even/link.png"), outside);
        PairsFixture.write(src.resolve("even/link.txt"), "a caption for a picture elsewhere");
        PairsOptions opts = PairsOptions.defaults(tmp.resolve("cache")).withMaxBad(0.5);
        OwnPairs first = PairsLoader.load(src, opts, null);
        assertEquals(Skip.Reason.ESCAPES_SOURCE, first.skips().get(0).reason());
        // The target's bytes are not part of the content: changing them keeps the cache.
        PairsFixture.write(outside, PairsFixture.image("png", 6, 6, Color.BLUE));
        assertTrue(PairsLoader.load(src, opts, null).fromCache());
    }

    @Test
    void anotherImageSizeIsAnotherEntry() throws IOException {
        Path src = PairsFixture.folder(tmp.resolve("src"), 2);
        PairsOptions opts = PairsOptions.defaults(tmp.resolve("cache"));
        OwnPairs small = PairsLoader.load(src, opts.withImage(8, 3), null);
        OwnPairs large = PairsLoader.load(src, opts.withImage(16, 3), null);
        assertNotEquals(small.cacheFile(), large.cacheFile());
        assertFalse(large.fromCache());
        assertEquals(3 * 16 * 16, large.pixelsPerImage());
        OwnPairs again = PairsLoader.load(src, opts.withImage(8, 3), null);
        assertTrue(again.fromCache(), "the 8 x 8 entry is still there");
        assertEquals(3 * 8 * 8, again.pixelsPerImage());
        assertTrue(PairsLoader.load(src, opts.withImage(16, 3), null).fromCache());
    }

    /** Ways a cache file gets damaged: each is said in one line naming the file, and rebuilt. */
    @ParameterizedTest
    @ValueSource(strings = {"truncated", "cut to the magic", "empty", "a pixel flipped", "a caption byte flipped",
            "header length huge", "garbage appended", "older format", "not a cache"})
    void aDamagedCacheIsRebuiltWithOneWarningNeverTrusted(String damage) throws IOException {
        Path src = PairsFixture.folder(tmp.resolve("src"), 2);
        PairsOptions opts = PairsOptions.defaults(tmp.resolve("cache"));
        OwnPairs first = PairsLoader.load(src, opts, null);
        Path cache = first.cacheFile();
        byte[] b = Files.readAllBytes(cache);
        byte[] damaged = switch (damage) {
            case "truncated" -> Arrays.copyOf(b, b.length - 10);
            case "cut to the magic" -> Arrays.copyOf(b, 8);
            case "empty" -> new byte[0];
            case "a pixel flipped" -> flip(b, b.length - 8 - 5);
            case "a caption byte flipped" -> flip(b, indexOf(b, PairsFixture.caption(1).getBytes(StandardCharsets.UTF_8)) + 2);
            case "header length huge" -> {
                byte[] c = b.clone();
                c[8] = 0x7f;
                yield c;
            }
            case "garbage appended" -> {
                byte[] c = Arrays.copyOf(b, b.length + 3);
                c[b.length] = 1;
                yield c;
            }
            case "older format" -> {
                byte[] c = b.clone();
                c[7] = '1';
                yield c;
            }
            case "not a cache" -> "hello".getBytes(StandardCharsets.UTF_8);
            default -> throw new IllegalArgumentException(damage);
        };
        Files.write(cache, damaged);
        List<String> warnings = new ArrayList<>();
        OwnPairs again = PairsLoader.load(src, opts, null, warnings::add);
        assertFalse(again.fromCache());
        assertEquals(first.captions(), again.captions());
        assertArrayEquals(first.pixels(), again.pixels());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith(cache.toString() + ": the decoded-pairs cache is damaged ("), warnings.get(0));
        assertFalse(warnings.get(0).contains("\n"));
        List<String> none = new ArrayList<>();
        assertTrue(PairsLoader.load(src, opts, null, none::add).fromCache(), "rebuilt whole");
        assertEquals(List.of(), none);
    }

    private static byte[] flip(byte[] b, int at) {
        byte[] c = b.clone();
        c[at] ^= 0x01;
        return c;
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
