package org.curationlab.data.pairs;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.curationlab.data.CurationException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Webdataset shards: one {@code .tar}, or a folder of them (searched recursively, in name order).
 * A sample is the entries sharing a key, the entry path up to the first dot of its file name:
 * {@code 000017.jpg} + {@code 000017.txt}. Other extensions ({@code .json}, {@code .cls}) are
 * metadata and ignored. A shard's samples are read into memory as it streams by.
 */
public final class TarPairSource implements PairSource {
    /** An entry larger than this is refused without being read (no image or caption is this big). */
    static final long MAX_ENTRY_BYTES = 256L << 20;

    private final Path path;
    private final PairsOptions options;

    TarPairSource(Path path, PairsOptions options) {
        this.path = path.toAbsolutePath().normalize();
        this.options = options;
    }

    @Override
    public String kind() {
        return "tar";
    }

    @Override
    public Path path() {
        return path;
    }

    static Stream<Path> shardsIn(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tar"))
                    .sorted().toList().stream();
        } catch (IOException e) {
            throw new CurationException("--pairs: " + dir + " cannot be listed (" + e.getMessage() + ")", e);
        }
    }

    private List<Path> shards() {
        return Files.isDirectory(path) ? shardsIn(path).toList() : List.of(path);
    }

    private Path base() {
        return Files.isDirectory(path) ? path : path.getParent();
    }

    /** Every shard by name and bytes. */
    @Override
    public String fingerprint() {
        ContentHash h = new ContentHash();
        for (Path shard : shards()) {
            h.file(base().relativize(shard).toString(), shard);
        }
        return h.hex();
    }

    @Override
    public Scan scan() {
        List<Candidate> out = new ArrayList<>();
        List<Skip> skips = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Path shard : shards()) {
            String shardName = base().relativize(shard).toString();
            // A sample's entries are adjacent in a well-formed shard; gather until the key changes.
            Map<String, byte[]> sample = new LinkedHashMap<>();
            String key = null;
            try (InputStream raw = new BufferedInputStream(Files.newInputStream(shard));
                 TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    if (e.isDirectory() || !e.isFile() && !e.isSymbolicLink() && !e.isLink()) {
                        continue;
                    }
                    String name = e.getName();
                    int slash = name.lastIndexOf('/');
                    int dot = name.indexOf('.', slash + 1);
                    String k = dot < 0 ? name : name.substring(0, dot);
                    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
                    if (!k.equals(key)) {
                        emit(shardName, key, sample, seen, out, skips);
                        sample.clear();
                        key = k;
                    }
                    if (!ext.equals("txt") && !IMAGE_EXTENSIONS.contains(ext)) {
                        continue;
                    }
                    if (e.isSymbolicLink() || e.isLink()) {
                        // A link is not followed: it may point anywhere, even out of the shard's folder.
                        skips.add(new Skip(shardName + ":" + name, Skip.Reason.ESCAPES_SOURCE,
                                "a link to '" + e.getLinkName() + "' in the tar, not a file; links are not followed"));
                        sample.put(ext, null);
                        continue;
                    }
                    if (e.getSize() > MAX_ENTRY_BYTES) {
                        skips.add(new Skip(shardName + ":" + name, Skip.Reason.TOO_LARGE,
                                e.getSize() + " bytes, more than " + MAX_ENTRY_BYTES));
                        sample.put(ext, null);
                        continue;
                    }
                    sample.put(ext, tar.readAllBytes());
                }
                emit(shardName, key, sample, seen, out, skips);
            } catch (IOException | IllegalArgumentException ex) {
                throw new CurationException("--pairs: " + shard + " is not a readable tar (" + ex.getMessage() + ")", ex);
            }
        }
        return new Scan(out, skips);
    }

    private void emit(String shard, String key, Map<String, byte[]> sample, Map<String, String> seen,
                      List<Candidate> out, List<Skip> skips) {
        if (key == null || sample.isEmpty()) {
            return;
        }
        String imageExt = null;
        List<String> extraImages = new ArrayList<>();
        for (String ext : sample.keySet()) {
            if (!ext.equals("txt")) {
                if (imageExt == null) {
                    imageExt = ext;
                } else {
                    extraImages.add(ext);
                }
            }
        }
        String where = shard + ":" + key + "." + (imageExt != null ? imageExt : "txt");
        if (sample.containsValue(null)) {
            return; // already skipped (too large, or a link)
        }
        for (String ext : extraImages) {
            skips.add(new Skip(shard + ":" + key + "." + ext, Skip.Reason.DUPLICATE_KEY, "key '" + key + "' also has " + key + "." + imageExt));
        }
        String first = seen.putIfAbsent(key, where);
        if (first != null) {
            skips.add(new Skip(where, Skip.Reason.DUPLICATE_KEY, "key '" + key + "' is also " + first));
            return;
        }
        if (imageExt == null) {
            skips.add(new Skip(where, Skip.Reason.NO_IMAGE, "no " + key + ".{png,jpg,jpeg} in the shard"));
            return;
        }
        if (!sample.containsKey("txt")) {
            skips.add(new Skip(where, Skip.Reason.NO_CAPTION, "no " + key + ".txt in the shard"));
            return;
        }
        try {
            String caption = CaptionText.of(sample.get("txt"), options.firstLine());
            out.add(new Candidate(key, where, new ImageRef.InMemory(sample.get(imageExt)), caption, null));
        } catch (BadItem b) {
            skips.add(b.at(shard + ":" + key + ".txt"));
        }
    }
}
