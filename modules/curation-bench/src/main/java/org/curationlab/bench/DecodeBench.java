package org.curationlab.bench;

import org.curationlab.data.pairs.OwnPairs;
import org.curationlab.data.pairs.PairsLoader;
import org.curationlab.data.pairs.PairsOptions;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The decode rows of {@code curate bench}: loading a folder of generated PNGs with captions
 * (your own pairs, docs/data.md) at 32 × 32 RGB, as images per second. {@code decode-cold}
 * decodes every image (no cache: scan, read, decode, resize); {@code decode-first} is a first run
 * with a cache (the content hash before and after decoding, the decoding, the cache written);
 * {@code decode-cached} is every later run (the content hash over every file, then the cache
 * read). The images are photo-like (smooth gradients, texture and noise, so PNG compresses them
 * about as it does photographs), of several sizes around 160 × 120.
 */
final class DecodeBench {
    static final int SIDE = 32;

    private DecodeBench() {
    }

    /** The three rows over {@code images} generated PNGs, each the median of {@code reps} loads. */
    static List<BenchResult> rows(int images, int reps) {
        Path dir;
        try {
            dir = Files.createTempDirectory("curate-bench-decode");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Path source = dir.resolve("pairs");
            long bytes = generate(source, images);
            PairsOptions noCache = PairsOptions.defaults(null).withImage(SIDE, 3);
            Path cache = dir.resolve("cache");
            PairsOptions cached = noCache.withCacheDir(cache);
            Timing cold = Bench.repeat(reps, () -> check(PairsLoader.load(source, noCache, null), images, false));
            Timing first = Bench.repeat(reps, () -> {
                delete(cache);
                check(PairsLoader.load(source, cached, null), images, false);
            });
            Timing hit = Bench.repeat(reps, () -> check(PairsLoader.load(source, cached, null), images, true));
            String set = String.format(Locale.ROOT, "%d PNGs (%.1f MB) to %d x %d RGB", images, bytes / 1e6, SIDE, SIDE);
            return List.of(
                    row("decode-cold-N" + images, cold, images, set + ", no cache: every image decoded"),
                    row("decode-first-N" + images, first, images, set + ", first run: content hashed twice, decoded, cache written"),
                    row("decode-cached-N" + images, hit, images, set + ", cache hit: content hashed, cache read, nothing decoded"
                            + String.format(Locale.ROOT, "; %.1f%% of the cold time", 100 * hit.medianMs() / cold.medianMs())));
        } finally {
            delete(dir);
        }
    }

    private static BenchResult row(String name, Timing t, int images, String note) {
        return new BenchResult(name, t, Double.NaN, Double.NaN,
                String.format(Locale.ROOT, "%.0f images/s; %s", images / (t.medianMs() / 1e3), note));
    }

    private static void check(OwnPairs p, int images, boolean fromCache) {
        if (p.size() != images || p.fromCache() != fromCache) {
            throw new IllegalStateException("decode bench: loaded " + p.size() + " of " + images + " pairs, from cache "
                    + p.fromCache() + " (expected " + fromCache + ")");
        }
    }

    /** {@code n} PNGs with a caption each in four class folders; returns the bytes of the images. */
    static long generate(Path dir, int n) {
        SplittableRandom rng = new SplittableRandom(11);
        long total = 0;
        try {
            for (int i = 0; i < n; i++) {
                int w = 128 + rng.nextInt(65), h = 96 + rng.nextInt(49);
                BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                int r0 = rng.nextInt(256), g0 = rng.nextInt(256), b0 = rng.nextInt(256);
                double fx = 0.02 + 0.1 * rng.nextDouble(), fy = 0.02 + 0.1 * rng.nextDouble();
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        double wave = 40 * Math.sin(fx * x) * Math.cos(fy * y);
                        int noise = rng.nextInt(17) - 8;
                        img.setRGB(x, y, clamp(r0 + x * 60 / w + wave + noise) << 16
                                | clamp(g0 + y * 60 / h - wave + noise) << 8 | clamp(b0 + wave / 2 + noise));
                    }
                }
                Path folder = dir.resolve("class" + i % 4);
                Files.createDirectories(folder);
                Path png = folder.resolve(String.format(Locale.ROOT, "img%04d.png", i));
                ImageIO.write(img, "png", png.toFile());
                total += Files.size(png);
                Files.writeString(folder.resolve(String.format(Locale.ROOT, "img%04d.txt", i)),
                        "a picture of class " + i % 4 + " number " + i, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
