package org.curationlab.data.pairs;

import org.curationlab.data.CurationException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A folder, searched recursively, of images each with a same-named {@code .txt} caption beside it
 * ({@code cat/frog.png} + {@code cat/frog.txt}). An item's key is its path without extension;
 * with {@code --label-from folder} its label is the name of the folder it sits in.
 */
public final class FolderPairSource implements PairSource {
    private final Path root;
    private final PairsOptions options;

    FolderPairSource(Path root, PairsOptions options) {
        this.root = root.toAbsolutePath().normalize();
        this.options = options;
    }

    @Override
    public String kind() {
        return "folder";
    }

    @Override
    public Path path() {
        return root;
    }

    /**
     * Every image and caption by name and bytes; other files by name (they only change what is
     * skipped), and so are links out of the folder (with where they lead: they are skipped, and
     * never read, not even to be hashed).
     */
    @Override
    public String fingerprint() {
        ContentHash h = new ContentHash();
        Path realRoot = realPath(root, root);
        for (Path f : files()) {
            String ext = PairSource.extension(f);
            Path real = realPath(f, realRoot);
            if (!real.startsWith(realRoot)) {
                h.name(rel(f)).text(real.toString());
            } else if (ext.equals("txt") || IMAGE_EXTENSIONS.contains(ext)) {
                h.file(rel(f), f);
            } else {
                h.name(rel(f));
            }
        }
        return h.hex();
    }

    @Override
    public Scan scan() {
        // Group the files by path without extension: frog.png, frog.txt and frog.ogg are one stem.
        Map<String, List<Path>> byStem = new TreeMap<>();
        for (Path f : files()) {
            String rel = root.relativize(f).toString().replace('\\', '/');
            int dot = rel.lastIndexOf('.');
            int slash = rel.lastIndexOf('/');
            String stem = dot > slash ? rel.substring(0, dot) : rel;
            byStem.computeIfAbsent(stem, k -> new ArrayList<>()).add(f);
        }
        List<Candidate> out = new ArrayList<>();
        List<Skip> skips = new ArrayList<>();
        Path realRoot = realPath(root, root);
        for (Map.Entry<String, List<Path>> e : byStem.entrySet()) {
            String stem = e.getKey();
            // A symbolic link out of the folder is refused, as a CSV's path out of its folder is.
            Path outside = e.getValue().stream().filter(f -> !realPath(f, realRoot).startsWith(realRoot)).findFirst().orElse(null);
            if (outside != null) {
                skips.add(new Skip(rel(outside), Skip.Reason.ESCAPES_SOURCE,
                        "a symbolic link to " + realPath(outside, realRoot) + ", outside " + root));
                continue;
            }
            Path caption = null;
            List<Path> images = new ArrayList<>();
            Path other = null;
            for (Path f : e.getValue()) {
                String ext = PairSource.extension(f);
                if (ext.equals("txt")) {
                    caption = f;
                } else if (IMAGE_EXTENSIONS.contains(ext)) {
                    images.add(f);
                } else if (other == null) {
                    other = f;
                }
            }
            if (images.isEmpty()) {
                if (caption != null) {
                    skips.add(other != null
                            ? new Skip(rel(other), Skip.Reason.UNKNOWN_FORMAT, "." + PairSource.extension(other) + " beside the caption " + rel(caption))
                            : new Skip(rel(caption), Skip.Reason.NO_IMAGE, "no " + stem + ".{png,jpg,jpeg,...} beside it"));
                }
                continue;
            }
            for (int k = 1; k < images.size(); k++) {
                skips.add(new Skip(rel(images.get(k)), Skip.Reason.DUPLICATE_KEY, "key '" + stem + "' is also " + rel(images.get(0))));
            }
            Path image = images.get(0);
            if (caption == null) {
                skips.add(new Skip(rel(image), Skip.Reason.NO_CAPTION, "no " + stem + ".txt beside it"));
                continue;
            }
            String text;
            try {
                text = CaptionText.of(Files.readAllBytes(caption), options.firstLine());
            } catch (BadItem b) {
                skips.add(b.at(rel(caption)));
                continue;
            } catch (IOException io) {
                skips.add(new Skip(rel(caption), Skip.Reason.MISSING_FILE, "cannot be read: " + io.getMessage()));
                continue;
            }
            String label = null;
            if (options.labelFrom() == PairsOptions.LabelFrom.FOLDER) {
                Path parent = image.getParent();
                label = parent.equals(root) ? root.getFileName() + "" : parent.getFileName().toString();
            }
            out.add(new Candidate(stem, rel(image), new ImageRef.OnDisk(image), text, label));
        }
        return new Scan(out, skips);
    }

    /** Where {@code p} really is; {@code otherwise} when that cannot be told (gone since listed: the read below says so). */
    private static Path realPath(Path p, Path otherwise) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return otherwise;
        }
    }

    private String rel(Path f) {
        return root.relativize(f).toString();
    }

    /** Every regular, non-hidden file under the root, in a stable order. */
    private List<Path> files() {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !root.relativize(p).toString().startsWith(".") && !root.relativize(p).toString().contains("/."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new CurationException("--pairs: " + root + " cannot be listed (" + e.getMessage() + ")", e);
        }
    }
}
