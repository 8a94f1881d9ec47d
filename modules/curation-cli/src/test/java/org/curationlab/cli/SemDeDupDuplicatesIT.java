package org.curationlab.cli;

import org.curationlab.data.DatasetLocator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 5's SemDeDup target on the real default web pool, with the committed curated-M reference:
 * at the default ε it resolves at least 90% of the injected near-duplicates (the copy or its
 * original goes) and removes under 5% of the other pairs. The flags are the ground truth.
 */
@Tag("integration")
class SemDeDupDuplicatesIT {
    static final Path REFERENCE = Path.of("../../results/references/curated-M.zip");

    @Test
    void defaultEpsilonRemovesTheNearDuplicatesAndLittleElse(@TempDir Path tmp) {
        RealDatasetIntegrationTest.requireDataset();
        assertTrue(Files.isRegularFile(REFERENCE), "the committed reference " + REFERENCE.toAbsolutePath());
        CliRun r = CliRun.of("prune", "--data-dir", DatasetLocator.DEBIAN_DIR.toString(), "--reference", REFERENCE.toString(),
                "--cache-dir", tmp.resolve("cache").toString(), "--method", "semdedup", "--out", tmp.resolve("kept.txt").toString());
        assertEquals(0, r.exitCode(), r.err());
        Matcher m = Pattern.compile("resolved \\(copy or original removed\\): (\\d+) of (\\d+) .*other pairs removed: (\\d+) of (\\d+)")
                .matcher(r.out());
        assertTrue(m.find(), r.out());
        double resolved = Double.parseDouble(m.group(1)) / Double.parseDouble(m.group(2));
        double othersRemoved = Double.parseDouble(m.group(3)) / Double.parseDouble(m.group(4));
        assertTrue(resolved >= 0.90, "near-duplicates resolved " + resolved);
        assertTrue(othersRemoved < 0.05, "other pairs removed " + othersRemoved);
    }
}
