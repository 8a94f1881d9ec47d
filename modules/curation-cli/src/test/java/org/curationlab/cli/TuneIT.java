package org.curationlab.cli;

import org.curationlab.data.FashionMnistFixture;
import org.curationlab.harness.tune.TunedSettings;
import org.curationlab.train.results.ResultsTable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real tiny tune with an obvious winner: 40 steps at a learning rate of 1e-7 leave the towers
 * where they started, 40 steps at 0.005 train them, so the tune must pick 0.005, record the
 * searched lr as a column of its results.csv, and a sweep naming its best.json must run at it.
 */
@Tag("integration")
class TuneIT {
    @TempDir
    Path tmp;

    @Test
    void aTinyTuneFindsTheLearningRateThatTrainsAndASweepUsesIt() throws IOException {
        Path spec = tmp.resolve("tune.yaml");
        Files.writeString(spec, """
                name: tiny-tune
                fixed:
                  data-dir: %s
                  model: S
                  tower: mlp
                  batch: 16
                  iterations: 40
                  eval-every: 20
                  eval-size: 50
                  pool-size: 200
                  noise: none
                  warmup: 2
                axes:
                  seed: [0]
                search:
                  kind: grid
                  objective: zeroshot_top1
                  space:
                    lr: [0.0000001, 0.005]
                """.formatted(FashionMnistFixture.dir().toAbsolutePath()));
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("tune", spec.toString(), "--out", out.toString(), "--jobs", "2");
        assertEquals(0, r.exitCode(), r.out() + r.err());

        ResultsTable table = ResultsTable.read(out.resolve("results.csv"));
        assertTrue(table.has("lr"), table.columns().toString());
        TunedSettings best = TunedSettings.read(out.resolve(TunedSettings.FILE));
        assertEquals(Map.of("lr", "0.005"), best.groups().get(0).best(), r.out());
        assertEquals(2, best.groups().get(0).candidates().size(), r.out());

        Path sweep = tmp.resolve("sweep.yaml");
        Files.writeString(sweep, "name: tuned\ntuned: " + out.resolve(TunedSettings.FILE) + "\nfixed:\n  model: S\n");
        CliRun dry = CliRun.of("sweep", sweep.toString(), "--dry-run");
        assertEquals(0, dry.exitCode(), dry.err());
        // The dry run prints each cell's non-default settings as JSON: the tuned rate is among them.
        assertTrue(dry.out().contains("\"lr\":0.005"), dry.out());
    }
}
