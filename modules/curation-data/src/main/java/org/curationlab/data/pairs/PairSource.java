package org.curationlab.data.pairs;

import org.curationlab.data.CurationException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A place pairs come from: a CSV/TSV list, a folder of images with sidecar captions, or
 * webdataset tar shards. {@link #open} tells them apart by what the path is.
 */
public sealed interface PairSource permits CsvPairSource, FolderPairSource, TarPairSource {
    /** Image file extensions a source takes as images (ImageIO reads them, with TwelveMonkeys for WebP). */
    Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp", "webp");

    /** "csv", "folder" or "tar". */
    String kind();

    Path path();

    /**
     * What the decoded result depends on besides the decoding options: a {@link ContentHash} of
     * the names and bytes of the files read, so that checking the cache needs no decoding.
     */
    String fingerprint();

    /** Finds the candidates (captions read, images not yet decoded) and what was left out. */
    Scan scan();

    static PairSource open(Path path, PairsOptions options) {
        if (!Files.exists(path)) {
            throw new CurationException("--pairs: " + path + " does not exist");
        }
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isDirectory(path)) {
            boolean tars = TarPairSource.shardsIn(path).findAny().isPresent();
            boolean images;
            try (Stream<Path> s = Files.walk(path)) {
                images = s.anyMatch(p -> Files.isRegularFile(p) && IMAGE_EXTENSIONS.contains(extension(p)));
            } catch (IOException e) {
                throw new CurationException("--pairs: " + path + " cannot be listed (" + e.getMessage() + ")", e);
            }
            if (tars && images) {
                throw new CurationException("--pairs: " + path + " holds both .tar shards and loose images; point it at one kind");
            }
            return tars ? new TarPairSource(path, options) : new FolderPairSource(path, options);
        }
        if (name.endsWith(".tar")) {
            return new TarPairSource(path, options);
        }
        if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt")) {
            return new CsvPairSource(path, options);
        }
        throw new CurationException("--pairs: " + path + " is not a .csv/.tsv list, a .tar shard or a folder");
    }

    /** The lower-cased text after the last dot of the file name, or "". */
    static String extension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
