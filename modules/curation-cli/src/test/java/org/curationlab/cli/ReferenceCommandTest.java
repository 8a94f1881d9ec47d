package org.curationlab.cli;

import org.curationlab.data.CurationException;
import org.curationlab.data.CurationLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReferenceCommandTest {
    private static ReferenceCommand parsed(String... args) {
        ReferenceCommand cmd = new ReferenceCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd;
    }

    @Test
    void passesGiveEachLevelABudgetInProportionToItsImages() {
        // 80 passes of 256-example steps: 2 000 images -> 625 steps, 5 000 -> 1 563, 10 000 -> 3 125
        assertEquals(625, parsed("--passes", "80", "--out", "r.zip").iterations(CurationLevel.CURATED));
        assertEquals(1563, parsed("--passes", "80", "--out", "r.zip").iterations(CurationLevel.CURATED_PLUS));
        assertEquals(3125, parsed("--passes", "80", "--out", "r.zip").iterations(CurationLevel.CURATED_PLUS_PLUS));
        assertEquals(400, parsed("--passes", "80", "--reference-size", "1280", "--out", "r.zip").iterations(CurationLevel.CURATED));
        assertEquals(1600, parsed("--iterations", "1600", "--out", "r.zip").iterations(CurationLevel.CURATED_PLUS_PLUS));
    }

    /** With --reference-pairs, the passes are over the pairs the reference trains on (the source less its held-out 10%). */
    @ParameterizedTest
    @CsvSource({"3, 8, 65, 25", "1, 8, 32, 4", "0.5, 256, 700, 2", "80, 256, 2000, 625"})
    void passesOverYourPairsCountThePairsTrainedOn(String passes, String batch, int pairs, int iterations) {
        assertEquals(iterations, parsed("--passes", passes, "--batch", batch, "--out", "r.zip").iterations(pairs));
    }

    @Test
    void theDefaultBudgetIsEightyPassesAndGivenIterationsKeepTheirs() {
        // Not --iterations' 1 000: that over-trains the 2 000-pair curated set.
        assertEquals(625, parsed("--out", "r.zip").iterations(CurationLevel.CURATED));
        assertEquals(3125, parsed("--out", "r.zip").iterations(CurationLevel.CURATED_PLUS_PLUS));
        assertEquals(1250, parsed("--batch", "128", "--out", "r.zip").iterations(CurationLevel.CURATED), "passes count images, not steps");
        // The committed curated-M reference names 800 steps (results/references/curated-M.zip.json): rerun with them it takes them.
        assertEquals(800, parsed("--iterations", "800", "--out", "r.zip").iterations(CurationLevel.CURATED));
        assertEquals(1000, parsed("--iterations", "1000", "--out", "r.zip").iterations(CurationLevel.CURATED),
                "an explicit --iterations equal to the old default is still explicit");
    }

    @Test
    void passesWithIterationsOrNotPositiveIsOneClearError() {
        String both = assertThrows(CurationException.class,
                () -> parsed("--passes", "80", "--iterations", "100", "--out", "r.zip").iterations(CurationLevel.CURATED)).getMessage();
        assertTrue(both.contains("either --iterations or --passes"), both);
        String zero = assertThrows(CurationException.class,
                () -> parsed("--passes", "0", "--out", "r.zip").iterations(CurationLevel.CURATED)).getMessage();
        assertTrue(zero.contains("--passes: 0.0 is not a positive number"), zero);
    }
}
