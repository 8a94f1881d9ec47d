package org.curationlab.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `curate bench --profile --tower`: the ViT's step split by op, and a tower it cannot profile refused in one line. */
class BenchCommandTest {
    @Test
    void profilesTheVitStepByOp() {
        CliRun r = CliRun.of("bench", "--profile", "S", "--tower", "vit", "--steps", "1", "--threads", "1", "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().lines().allMatch(l -> l.startsWith("{\"name\":\"profile-train-vit-S-")), r.out());
        assertTrue(r.out().contains("\"name\":\"profile-train-vit-S-matmul\""), r.out());
    }

    @Test
    void aTowerWithoutKernelsIsRefused() {
        CliRun r = CliRun.of("bench", "--profile", "M", "--tower", "mlp");
        UserErrorsTest.assertUserError(r, "--tower: 'mlp' is not a tower --profile profiles; expected cnn or vit");
    }
}
