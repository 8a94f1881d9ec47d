package org.curationlab.cli;

import org.curationlab.data.DataWorld;
import org.curationlab.data.DatasetLocator;
import org.curationlab.data.NoiseSpec;
import org.curationlab.data.PairFlag;
import org.curationlab.data.PoolComposition;
import org.curationlab.data.PoolSpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The acceptance check on the real dataset, which CI installs from Debian. */
@Tag("integration")
class RealDatasetIntegrationTest {

    static void requireDataset() {
        if (!Files.isDirectory(DatasetLocator.DEBIAN_DIR)) {
            if (System.getenv("CI") != null) {
                fail("CI must install dataset-fashion-mnist (see .ci/run)");
            }
            Assumptions.abort("dataset-fashion-mnist is not installed here");
        }
    }

    @Test
    void infoOnTheRealDatasetMatchesTheRequestedNoise() {
        requireDataset();
        CliRun r = CliRun.of("data", "info", "--data-dir", DatasetLocator.DEBIAN_DIR.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("train       60000 images"), r.out());
        assertTrue(r.out().contains("test        10000 images"), r.out());

        DataWorld world = DataWorld.load(DatasetLocator.DEBIAN_DIR);
        for (NoiseSpec noise : new NoiseSpec[]{NoiseSpec.WEB, NoiseSpec.parse("misaligned=0.3,generic=0.1,corrupted=0.05,duplicate=0.15,longtail=0.8")}) {
            PoolComposition c = world.webPool(new PoolSpec(20_000, noise, 11)).composition();
            for (PairFlag f : PairFlag.values()) {
                assertEquals(noise.rate(f), c.fraction(f), 0.01, noise + ": " + f.label());
            }
        }
    }
}
