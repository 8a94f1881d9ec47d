package org.curationlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The Fashion-MNIST subset that ships with the tests (60 train and 20 test images per class,
 * written by {@code curate data subset}; MIT notice beside it). Shared with the other modules'
 * tests through the test-jar, so it is copied out of the classpath into a folder once per JVM.
 */
public final class FashionMnistFixture {
    private static Path dir;
    private static DataWorld world;

    private FashionMnistFixture() {
    }

    /** A folder holding the subset's four IDX files, SHA256SUMS and NOTICE. */
    public static synchronized Path dir() {
        if (dir == null) {
            try {
                Path d = Files.createTempDirectory("fashion-mnist-subset");
                d.toFile().deleteOnExit();
                for (String name : new String[]{FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS,
                        FashionMnist.TEST_IMAGES, FashionMnist.TEST_LABELS}) {
                    copy(name + ".gz", d);
                }
                copy(FashionMnist.CHECKSUM_FILE, d);
                copy("NOTICE", d);
                dir = d;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    /** The data world over the subset (built once per JVM). */
    public static synchronized DataWorld world() {
        if (world == null) {
            world = DataWorld.of(FashionMnist.load(dir(), "test fixture"));
        }
        return world;
    }

    private static void copy(String name, Path d) throws IOException {
        try (InputStream in = FashionMnistFixture.class.getResourceAsStream("/fashion-mnist-subset/" + name)) {
            if (in == null) {
                throw new IOException("fixture resource missing: " + name);
            }
            Path target = d.resolve(name);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            target.toFile().deleteOnExit();
        }
    }
}
