package org.curationlab.data;

import org.curationlab.data.io.IdxWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a small class-balanced subset of Fashion-MNIST (the first images of each class, in
 * index order) as IDX files with a {@code SHA256SUMS} and the MIT notice: the test fixture, and
 * small data for anyone trying the toolkit out.
 */
public final class FashionMnistSubset {
    static final String NOTICE = """
            Fashion-MNIST subset, written by `curate data subset` from the official Fashion-MNIST files.
            Fashion-MNIST: Copyright (c) 2017 Zalando SE, https://tech.zalando.com
            Licensed under the MIT License: permission is hereby granted, free of charge, to any person
            obtaining a copy of this software and associated documentation files, to deal in the Software
            without restriction, subject to the condition that the copyright notice and this permission
            notice are included in all copies or substantial portions of the Software. THE SOFTWARE IS
            PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.
            Source: %s
            """;

    private FashionMnistSubset() {
    }

    public static void write(FashionMnist data, int perClassTrain, int perClassTest, Path out) {
        if (perClassTrain <= 0 || perClassTest <= 0) {
            throw new CurationException("--train-per-class and --test-per-class must be positive");
        }
        try {
            Files.createDirectories(out);
            Map<String, String> sums = new LinkedHashMap<>();
            writeSplit(data.train(), perClassTrain, out, FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS, sums);
            writeSplit(data.test(), perClassTest, out, FashionMnist.TEST_IMAGES, FashionMnist.TEST_LABELS, sums);
            StringBuilder sb = new StringBuilder();
            sums.forEach((name, sha) -> sb.append(sha).append("  ").append(name).append('\n'));
            Files.writeString(out.resolve(FashionMnist.CHECKSUM_FILE), sb.toString());
            Files.writeString(out.resolve("NOTICE"), NOTICE.formatted(DatasetLocator.OFFICIAL_DOWNLOAD));
        } catch (IOException e) {
            throw new CurationException(out + ": cannot be written (" + e.getMessage() + ")", e);
        }
    }

    private static void writeSplit(ImageSet set, int perClass, Path out, String imagesName, String labelsName,
                                   Map<String, String> sums) {
        int[] taken = new int[FashionClass.COUNT];
        int[] counts = set.classCounts();
        for (int c = 0; c < FashionClass.COUNT; c++) {
            if (counts[c] < perClass) {
                throw new CurationException("the source split holds " + counts[c] + " images of class '"
                        + FashionClass.of(c).displayName() + "', fewer than the " + perClass + " asked for");
            }
        }
        int n = perClass * FashionClass.COUNT;
        byte[] pixels = new byte[n * ImageSet.PIXELS];
        byte[] labels = new byte[n];
        int at = 0;
        for (int i = 0; i < set.count() && at < n; i++) {
            int c = set.label(i);
            if (taken[c] < perClass) {
                taken[c]++;
                System.arraycopy(set.pixels(), i * ImageSet.PIXELS, pixels, at * ImageSet.PIXELS, ImageSet.PIXELS);
                labels[at++] = (byte) c;
            }
        }
        sums.put(imagesName, IdxWriter.writeGzip(out.resolve(imagesName + ".gz"), new int[]{n, ImageSet.SIDE, ImageSet.SIDE}, pixels));
        sums.put(labelsName, IdxWriter.writeGzip(out.resolve(labelsName + ".gz"), new int[]{n}, labels));
    }
}
