package org.curationlab.data;

import org.curationlab.data.io.IdxReader;
import org.curationlab.data.io.IdxReader.IdxArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The real images everything trains and evaluates on: Fashion-MNIST's 60k train and 10k test
 * split, read from IDX files and verified by checksum (docs/data.md).
 *
 * <p>Checksums are taken of the decompressed bytes, so the official gzip files and Debian's
 * re-compressed copies both verify. A folder may carry a {@code SHA256SUMS} file of its own (the
 * test fixture subset does); otherwise the official checksums apply.
 */
public record FashionMnist(ImageSet train, ImageSet test, Path dir, String origin, String checksumSource) {

    /** The four payloads, by their official file names without {@code .gz}. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    public static final String[] FILES = {TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS};

    /** SHA-256 of the decompressed official files (Fashion-MNIST, Zalando Research, MIT licence). */
    static final Map<String, String> OFFICIAL_SHA256 = Map.of(
            TRAIN_IMAGES, "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            TRAIN_LABELS, "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            TEST_IMAGES, "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            TEST_LABELS, "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

    public static final String CHECKSUM_FILE = "SHA256SUMS";

    /** Finds the dataset with {@link DatasetLocator} and loads it. */
    public static FashionMnist load(Path dataDirOption) {
        DatasetLocator.Located where = DatasetLocator.locate(dataDirOption);
        return load(where.dir(), where.origin());
    }

    /** Loads and verifies the four files in {@code dir}. */
    public static FashionMnist load(Path dir, String origin) {
        Map<String, String> expected = expectedChecksums(dir);
        String checksumSource = Files.exists(dir.resolve(CHECKSUM_FILE))
                ? dir.resolve(CHECKSUM_FILE).toString() : "official Fashion-MNIST";
        IdxArray trainX = verify(IdxReader.readImages(DatasetLocator.fileFor(dir, TRAIN_IMAGES), ImageSet.SIDE, ImageSet.SIDE), expected, TRAIN_IMAGES);
        IdxArray trainY = verify(IdxReader.readLabels(DatasetLocator.fileFor(dir, TRAIN_LABELS), FashionClass.COUNT), expected, TRAIN_LABELS);
        IdxArray testX = verify(IdxReader.readImages(DatasetLocator.fileFor(dir, TEST_IMAGES), ImageSet.SIDE, ImageSet.SIDE), expected, TEST_IMAGES);
        IdxArray testY = verify(IdxReader.readLabels(DatasetLocator.fileFor(dir, TEST_LABELS), FashionClass.COUNT), expected, TEST_LABELS);
        return new FashionMnist(split(trainX, trainY), split(testX, testY), dir, origin, checksumSource);
    }

    private static ImageSet split(IdxArray images, IdxArray labels) {
        if (images.count() != labels.count()) {
            throw new CurationException(images.file() + " holds " + images.count() + " images but "
                    + labels.file() + " holds " + labels.count() + " labels; they must match");
        }
        return new ImageSet(images.data(), labels.data());
    }

    private static IdxArray verify(IdxArray a, Map<String, String> expected, String name) {
        String want = expected.get(name);
        if (want == null) {
            throw new CurationException(a.file().getParent().resolve(CHECKSUM_FILE) + ": has no checksum for " + name);
        }
        if (!want.equalsIgnoreCase(a.sha256())) {
            throw new CurationException(a.file() + ": checksum mismatch (SHA-256 of the decompressed data is "
                    + a.sha256() + ", expected " + want + "); the file is corrupt or not Fashion-MNIST."
                    + " Reinstall it (apt-get install --reinstall dataset-fashion-mnist) or download it again.");
        }
        return a;
    }

    /** The folder's own {@code SHA256SUMS} ("hex  name" per line, names without .gz) or the official sums. */
    static Map<String, String> expectedChecksums(Path dir) {
        Path sums = dir.resolve(CHECKSUM_FILE);
        if (!Files.exists(sums)) {
            return OFFICIAL_SHA256;
        }
        Map<String, String> out = new HashMap<>();
        try {
            int lineNo = 0;
            for (String line : Files.readAllLines(sums)) {
                lineNo++;
                String t = line.trim();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] parts = t.split("\\s+\\*?");
                if (parts.length != 2 || !parts[0].matches("[0-9a-fA-F]{64}")) {
                    throw new CurationException(sums + ": line " + lineNo + " is not '<sha256 hex>  <file name>'");
                }
                out.put(parts[1].replaceFirst("\\.gz$", ""), parts[0].toLowerCase(Locale.ROOT));
            }
        } catch (IOException e) {
            throw new CurationException(sums + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return out;
    }
}
