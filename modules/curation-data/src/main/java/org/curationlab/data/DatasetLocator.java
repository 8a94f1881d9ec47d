package org.curationlab.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the Fashion-MNIST files come from, in the order docs/data.md gives: {@code --data-dir}, the
 * environment variable {@code CURATE_DATA}, Debian's {@code /usr/share/datasets/fashion-mnist},
 * then the user cache. A folder the user named explicitly must hold the data: we never fall
 * through past it silently, since that would train on files the user did not ask for.
 */
public final class DatasetLocator {
    public static final String ENV = "CURATE_DATA";
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final String DEBIAN_PACKAGE = "dataset-fashion-mnist";
    public static final String OFFICIAL_DOWNLOAD = "https://github.com/zalandoresearch/fashion-mnist";

    private DatasetLocator() {
    }

    /** A folder holding all four files and how it was found ("--data-dir", "CURATE_DATA", ...). */
    public record Located(Path dir, String origin) {
    }

    public static Located locate(Path dataDirOption) {
        return locate(dataDirOption, System.getenv(ENV), DEBIAN_DIR, userCache());
    }

    static Located locate(Path dataDirOption, String env, Path debianDir, Path userCache) {
        if (dataDirOption != null) {
            requireComplete(dataDirOption, "--data-dir");
            return new Located(dataDirOption, "--data-dir");
        }
        if (env != null && !env.isBlank()) {
            Path dir = Path.of(env);
            requireComplete(dir, "environment variable " + ENV);
            return new Located(dir, ENV);
        }
        for (Located candidate : List.of(new Located(debianDir, "Debian package " + DEBIAN_PACKAGE),
                new Located(userCache, "user cache"))) {
            if (missingFiles(candidate.dir()).isEmpty()) {
                return candidate;
            }
        }
        throw new CurationException("Fashion-MNIST not found. Looked in --data-dir (not given), $" + ENV
                + " (not set), " + debianDir + " and " + userCache + ".\n"
                + "  Install it with:  apt-get install " + DEBIAN_PACKAGE + "\n"
                + "  or download the four *-ubyte.gz files from " + OFFICIAL_DOWNLOAD
                + " into a folder and pass --data-dir FOLDER (or set " + ENV + ").");
    }

    /** The file for a payload name: {@code name.gz} if present, else the plain {@code name}. */
    public static Path fileFor(Path dir, String name) {
        Path gz = dir.resolve(name + ".gz");
        return Files.exists(gz) ? gz : dir.resolve(name);
    }

    static Path userCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("curationlab").resolve("fashion-mnist");
    }

    private static List<String> missingFiles(Path dir) {
        List<String> missing = new ArrayList<>();
        for (String name : FashionMnist.FILES) {
            if (!Files.isRegularFile(fileFor(dir, name))) {
                missing.add(name + "[.gz]");
            }
        }
        return missing;
    }

    private static void requireComplete(Path dir, String source) {
        if (!Files.isDirectory(dir)) {
            throw new CurationException(source + ": " + dir + " is not a folder; expected one holding the four Fashion-MNIST "
                    + "files (install " + DEBIAN_PACKAGE + " or download them from " + OFFICIAL_DOWNLOAD + ")");
        }
        List<String> missing = missingFiles(dir);
        if (!missing.isEmpty()) {
            throw new CurationException(source + ": " + dir + " lacks " + String.join(", ", missing)
                    + " (the Fashion-MNIST files; install " + DEBIAN_PACKAGE + " or download them from "
                    + OFFICIAL_DOWNLOAD + ")");
        }
    }
}
