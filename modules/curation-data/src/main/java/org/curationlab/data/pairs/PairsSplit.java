package org.curationlab.data.pairs;

import org.curationlab.data.CurationException;
import org.curationlab.data.Seeds;
import org.curationlab.data.io.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One source of your pairs cut in two, a curated part (a reference trains on it) and the rest (the
 * pool a run trains on), written as open_clip-style lists ({@code filepath}, {@code title}, and
 * {@code label} when the pairs have labels) that {@code --pairs} and {@code --reference-pairs} read.
 * The usable pairs (as the loader found them: skips left out, captions as decoded options cut them)
 * are shuffled with the seed and the first {@code round(fraction · n)} are curated. A list's images
 * must lie inside its folder, so each image is copied, byte for byte, to {@code out/images/}.
 *
 * @param curated pairs written to {@value #CURATED}
 * @param pool    pairs written to {@value #POOL}
 */
public record PairsSplit(int curated, int pool) {
    public static final String CURATED = "curated.tsv";
    public static final String POOL = "pool.tsv";
    public static final String RECIPE = "split.json";
    static final String IMAGES = "images";

    /**
     * Splits the pairs {@code loaded} from {@code source} (read with {@code options}) into
     * {@code out}, a folder that must not exist yet or be empty, and lie outside the source.
     */
    public static PairsSplit write(Path source, PairsOptions options, OwnPairs loaded, double fraction, long seed, Path out) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new CurationException("--fraction: " + fraction + " must lie strictly between 0 and 1 (the share of the pairs that is curated)");
        }
        int n = loaded.size();
        int k = (int) Math.round(n * fraction);
        if (k < 1 || k > n - 1) {
            throw new CurationException("--fraction: " + fraction + " of " + n + " pairs leaves " + (k < 1 ? "no curated pair" : "no pool pair"));
        }
        Path dir = out.toAbsolutePath().normalize();
        Path src = source.toAbsolutePath().normalize();
        if (dir.startsWith(Files.isDirectory(src) ? src : src.getParent())) {
            throw new CurationException("--out: " + out + " lies inside the source's folder " + (Files.isDirectory(src) ? src : src.getParent())
                    + "; the copied images would become pairs of it");
        }
        if (Files.isRegularFile(dir)) {
            throw new CurationException("--out: " + out + " is a file; give a folder to write the lists into");
        }
        try (var s = Files.isDirectory(dir) ? Files.list(dir) : java.util.stream.Stream.<Path>empty()) {
            if (s.findAny().isPresent()) {
                throw new CurationException("--out: " + out + " is not empty; give a new folder (the split is written whole or not at all)");
            }
        } catch (IOException e) {
            throw new CurationException("--out: " + out + " cannot be listed (" + e.getMessage() + ")", e);
        }
        Map<String, Candidate> byKey = new HashMap<>();
        for (Candidate c : PairSource.open(source, options).scan().candidates()) {
            byKey.put(c.key(), c);
        }
        int[][] parts = Seeds.split(n, k, Seeds.stream(seed, "data-split"));
        int[] curated = parts[0];
        int[] pool = parts[1];
        try {
            Files.createDirectories(dir);
            for (int i = 0; i < n; i++) {
                Candidate c = byKey.get(loaded.key(i));
                if (c == null) {
                    throw new CurationException("--pairs: " + source + " changed while it was being read (" + loaded.key(i)
                            + " is gone); run again once it is stable");
                }
                Path to = dir.resolve(imagePath(c)).normalize();
                if (!to.startsWith(dir.resolve(IMAGES))) {
                    throw new CurationException("--pairs: key '" + c.key() + "' would be written outside " + dir.resolve(IMAGES));
                }
                Files.createDirectories(to.getParent());
                try (InputStream in = c.image().open()) {
                    Files.copy(in, to);
                }
            }
            AtomicFiles.write(dir.resolve(CURATED), list(loaded, curated, byKey).getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(dir.resolve(POOL), list(loaded, pool, byKey).getBytes(StandardCharsets.UTF_8));
            Map<String, Object> recipe = new LinkedHashMap<>();
            recipe.put("source", src.toString());
            recipe.put("kind", loaded.kind());
            recipe.put("pairs-sha256", loaded.contentHash());
            recipe.put("pairs", n);
            recipe.put("skipped", loaded.skipped());
            recipe.put("fraction", fraction);
            recipe.put("seed", seed);
            recipe.put("curated", k);
            recipe.put("pool", n - k);
            recipe.put("caption-first-line", options.firstLine());
            recipe.put("labels", loaded.labelled());
            AtomicFiles.write(dir.resolve(RECIPE), new com.fasterxml.jackson.databind.ObjectMapper()
                    .writerWithDefaultPrettyPrinter().writeValueAsBytes(recipe));
        } catch (IOException e) {
            throw new CurationException("--out: " + out + " cannot be written (" + e.getMessage() + ")", e);
        }
        return new PairsSplit(k, n - k);
    }

    /** {@code images/KEY.EXT}: the key keeps the source's folders, the extension is the image file's own. */
    private static String imagePath(Candidate c) {
        String name = c.image() instanceof ImageRef.OnDisk d ? d.file().getFileName().toString() : c.where();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot).toLowerCase(java.util.Locale.ROOT);
        String key = c.key().replace('\\', '/');
        return IMAGES + "/" + (key.toLowerCase(java.util.Locale.ROOT).endsWith(ext) ? key : key + ext);
    }

    /** A tab-separated list with a header; a cell holding a tab, quote or line break is quoted, its quotes doubled. */
    private static String list(OwnPairs loaded, int[] ids, Map<String, Candidate> byKey) {
        StringBuilder b = new StringBuilder(loaded.labelled() ? "filepath\ttitle\tlabel\n" : "filepath\ttitle\n");
        for (int i : ids) {
            b.append(cell(imagePath(byKey.get(loaded.key(i))))).append('\t').append(cell(loaded.caption(i)));
            if (loaded.labelled()) {
                b.append('\t').append(cell(loaded.labelNames().get(loaded.label(i))));
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String cell(String s) {
        if (s.indexOf('\t') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
