package org.curationlab.data.pairs;

import org.curationlab.data.CurationException;
import org.curationlab.data.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Loads a pairs source: reads the cache when the source is unchanged, else scans it, decodes
 * every image and writes the cache. Every left-out item is a {@link Skip}; the list is written
 * to a file on every load, and loading stops with one message as soon as more than
 * {@code --max-bad} of the items are bad (once that many are bad no later item can undo it).
 */
public final class PairsLoader {
    private PairsLoader() {
    }

    /** {@link #load(Path, PairsOptions, Path, Consumer)} with warnings (a damaged cache) on stderr. */
    public static OwnPairs load(Path sourcePath, PairsOptions options, Path skippedFile) {
        return load(sourcePath, options, skippedFile, System.err::println);
    }

    /**
     * @param skippedFile where the list of skipped items goes; null: beside the cache file
     *                    ({@code <id>.skipped.txt}), or nowhere without a cache
     * @param warn        gets one line when the cache file is damaged (it is rebuilt)
     */
    public static OwnPairs load(Path sourcePath, PairsOptions options, Path skippedFile, Consumer<String> warn) {
        PairSource source = PairSource.open(sourcePath, options);
        Path cacheFile = options.cacheDir() == null ? null : PairsCache.fileFor(options.cacheDir(), source, options);
        // Without a cache nothing needs the content hash: no pass over the files before decoding.
        String key = cacheFile == null ? null : PairsCache.key(source.fingerprint(), options);
        Path skipsOut = skippedFile != null ? skippedFile
                : cacheFile == null ? null : cacheFile.resolveSibling(cacheFile.getFileName().toString().replace(".pairs", ".skipped.txt"));
        OwnPairs cached = cacheFile == null ? null : PairsCache.read(cacheFile, key, warn);
        if (cached != null) {
            writeSkips(skipsOut, cached.skips());
            checkBad(source, cached.skips(), cached.candidates(), options, skipsOut);
            return cached;
        }
        Scan scan = source.scan();
        int total = scan.candidates().size() + scan.skips().size();
        List<Skip> skips = new ArrayList<>(scan.skips());
        checkBad(source, skips, total, options, skipsOut);
        int side = options.imageSize(), ch = options.channels();
        int perImage = ch * side * side;
        if ((long) scan.candidates().size() * perImage > Integer.MAX_VALUE - 8) {
            // The pixels live in one byte array: 2 GB, e.g. about 170 000 RGB images at 64 x 64.
            throw new CurationException("--image-size: " + scan.candidates().size() + " pairs at " + side + " x " + side
                    + " x " + ch + " are more than 2 GB of pixels; use a smaller --image-size or split the source");
        }
        List<Candidate> kept = new ArrayList<>();
        List<byte[]> images = new ArrayList<>();
        Map<String, Integer> sizes = new HashMap<>();
        for (Candidate c : scan.candidates()) {
            try {
                ImageDecoder.Decoded d = ImageDecoder.decode(c.image(), side, ch, options.maxPixels());
                kept.add(c);
                images.add(d.pixels());
                sizes.merge(d.width() + " x " + d.height(), 1, Integer::sum);
            } catch (BadItem b) {
                skips.add(b.at(c.where()));
                if (tooMany(skips.size(), total, options.maxBad())) {
                    writeSkips(skipsOut, skips);
                    checkBad(source, skips, total, options, skipsOut);
                }
            }
        }
        if (kept.isEmpty()) {
            writeSkips(skipsOut, skips);
            throw new CurationException("--pairs: " + source.path() + " holds no usable image-caption pair"
                    + (skips.isEmpty() ? "" : " (" + skips.size() + " skipped; first: " + skips.get(0).line() + ")"));
        }
        byte[] pixels = new byte[kept.size() * perImage];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, pixels, i * perImage, perImage);
        }
        TreeSet<String> names = new TreeSet<>();
        kept.forEach(c -> {
            if (c.label() != null) {
                names.add(c.label());
            }
        });
        List<String> labelNames = new ArrayList<>(names);
        int[] labels = new int[kept.size()];
        for (int i = 0; i < labels.length; i++) {
            String l = kept.get(i).label();
            labels[i] = l == null ? -1 : labelNames.indexOf(l);
        }
        Map<String, Integer> sizesSeen = new LinkedHashMap<>();
        sizes.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sizesSeen.put(e.getKey(), e.getValue()));
        OwnPairs pairs = new OwnPairs(source.path().toString(), source.kind(), side, ch,
                kept.stream().map(Candidate::key).toList(), kept.stream().map(Candidate::caption).toList(),
                labels, labelNames, pixels, sizesSeen, List.copyOf(skips), total, cacheFile, false);
        writeSkips(skipsOut, skips);
        if (cacheFile != null) {
            // Hashed again after decoding: a file rewritten meanwhile would otherwise leave new
            // pixels under the old content's key (and serve them should the old bytes come back).
            if (!key.equals(PairsCache.key(source.fingerprint(), options))) {
                throw new CurationException("--pairs: " + source.path() + " changed while it was being read; run again once it is stable");
            }
            try {
                PairsCache.write(cacheFile, key, pairs);
            } catch (IOException e) {
                throw new CurationException("--cache-dir: " + cacheFile + " cannot be written (" + e.getMessage() + ")", e);
            }
        }
        return pairs;
    }

    /** Where the list of skipped items of a load went by default. */
    public static Path defaultSkippedFile(OwnPairs pairs) {
        Path c = pairs.cacheFile();
        return c == null ? null : c.resolveSibling(c.getFileName().toString().replace(".pairs", ".skipped.txt"));
    }

    private static boolean tooMany(int bad, int total, double maxBad) {
        return bad > Math.floor(maxBad * total + 1e-9);
    }

    private static void checkBad(PairSource source, List<Skip> skips, int total, PairsOptions options, Path skipsOut) {
        if (tooMany(skips.size(), total, options.maxBad())) {
            writeSkips(skipsOut, skips);
            throw new CurationException(String.format(Locale.ROOT,
                    "--max-bad: %d of the %d items in %s are bad, more than %s; first: %s%s",
                    skips.size(), total, source.path(), percent(options.maxBad()), skips.get(0).line(),
                    skipsOut == null ? "" : " (all listed in " + skipsOut + ")"));
        }
    }

    static String percent(double f) {
        return String.format(Locale.ROOT, "%.4g", 100 * f).replaceAll("\\.?0+$", "") + "%";
    }

    private static void writeSkips(Path file, List<Skip> skips) {
        if (file == null) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        skips.stream().sorted(Comparator.comparing(Skip::reason).thenComparing(Skip::where))
                .forEach(s -> sb.append(s.line()).append('\n'));
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CurationException(file + ": the list of skipped items cannot be written (" + e.getMessage() + ")", e);
        }
    }
}
