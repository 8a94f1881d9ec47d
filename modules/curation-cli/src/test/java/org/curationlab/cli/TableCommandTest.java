package org.curationlab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableCommandTest {
    @TempDir
    Path tmp;

    private Path run(String name, double... finals) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        StringBuilder csv = new StringBuilder("iteration,zeroshot_top1,flops_total\n");
        for (int i = 0; i < finals.length; i++) {
            csv.append((i + 1) * 100).append(',').append(finals[i]).append(',').append((i + 1) * 1e12).append('\n');
        }
        Files.writeString(dir.resolve("eval.csv"), csv);
        return dir;
    }

    @Test
    void reportsTheMeanAndSdOfEachGroupsFinalRows() throws IOException {
        Path out = tmp.resolve("t/table.md");
        CliRun r = CliRun.of("table", "--run", "uniform=" + run("u0", 0.1, 0.70), "--run", "uniform=" + run("u1", 0.2, 0.74),
                "--run", "jest=" + run("j0", 0.3, 0.80), "--columns", "zeroshot_top1,flops_total", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        // uniform: mean 0.72, sd of {0.70, 0.74} = 0.0283; one jest run has no sd
        assertTrue(r.out().contains("| uniform | 2 | 200 | 0.720 ± 0.028 | 2.00e+12 |"), r.out());
        assertTrue(r.out().contains("| jest | 1 | 200 | 0.800 | 2.00e+12 |"), r.out());
        assertEquals(r.out(), Files.readString(out));
    }

    /** A run evaluated every 100 steps whose steps cost {@code flopsPerStep}; top-1 as given at iterations 0, 100, 200, ... */
    private Path towerRun(String name, double flopsPerStep, double... top1) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        StringBuilder csv = new StringBuilder("iteration,flops_total,zeroshot_top1,batch_clean\n");
        for (int i = 0; i < top1.length; i++) {
            csv.append(i * 100).append(',').append(i * 100 * flopsPerStep).append(',').append(top1[i]).append(',')
                    .append(i == 0 ? "NaN" : "1.0").append('\n');
        }
        Files.writeString(dir.resolve("eval.csv"), csv);
        return dir;
    }

    @Test
    void atEqualComputeEachRunIsInterpolatedBetweenTheRowsAroundThePoint() throws IOException {
        // the CNN spends 1e9 FLOPs a step, the ViT 2e9: at 3e11 FLOPs the CNN is at step 300, the ViT halfway from 100 to 200
        String cnn0 = "cnn=" + towerRun("c0", 1e9, 0.1, 0.3, 0.5, 0.6);
        String cnn1 = "cnn=" + towerRun("c1", 1e9, 0.1, 0.3, 0.7, 0.8);
        String vit = "vit=" + towerRun("v0", 2e9, 0.1, 0.4, 0.8);
        CliRun md = CliRun.of("table", "--run", cnn0, "--run", cnn1, "--run", vit, "--columns", "zeroshot_top1,batch_clean", "--at",
                "flops_total=3e11");
        assertEquals(0, md.exitCode(), md.err());
        assertTrue(md.out().startsWith("At flops_total = 3e11 "), md.out());
        assertTrue(md.out().contains("| cnn | 2 | 300 | 0.700 ± 0.141 | 1 |"), md.out());
        assertTrue(md.out().contains("| vit | 1 | 150 | 0.600 | 1 |"), md.out());
        Path out = tmp.resolve("at.csv");
        CliRun csv = CliRun.of("table", "--run", cnn0, "--run", vit, "--columns", "zeroshot_top1", "--at", "iteration=50", "--out",
                out.toString());
        assertEquals(0, csv.exitCode(), csv.err());
        assertEquals(List.of("group,at,at_value,runs,iteration,zeroshot_top1,zeroshot_top1_sd", "cnn,iteration,50,1,50,0.200000,",
                "vit,iteration,50,1,50,0.250000,"), Files.readString(out).lines().toList());
    }

    @Test
    void atASweepsCellsAndNaNAtABracketingRowStaysNaN() throws IOException {
        Path sweep = Files.createDirectories(tmp.resolve("sweep"));
        Files.writeString(sweep.resolve("results.csv"), """
                cell,seed,method,iteration,flops_total,zeroshot_top1,batch_clean
                m=uniform_s0_1a2b,0,uniform,0,0,0.1,NaN
                m=uniform_s0_1a2b,0,uniform,100,1e11,0.3,0.5
                m=uniform_s1_3c4d,1,uniform,0,0,0.1,NaN
                m=uniform_s1_3c4d,1,uniform,100,1e11,0.5,0.7
                """);
        CliRun r = CliRun.of("table", "--sweep", sweep.toString(), "--by", "method", "--columns", "zeroshot_top1,batch_clean",
                "--at", "flops_total=5e10", "--format", "csv");
        assertEquals(0, r.exitCode(), r.err());
        // halfway to 1e11: seed 0 at 0.2, seed 1 at 0.3; batch_clean is NaN at iteration 0, so at the point too (empty)
        assertEquals("uniform,flops_total,5e10,2,50,0.250000,0.0707107,,", r.out().lines().toList().get(1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "flops_total=5e11|--at flops_total=5e11: run 'cnn' (", // beyond the run's last row
            "flops_total=3e11|only; a point outside its rows is not extrapolated",
            "flops_total|is not COL=VALUE",
            "accuracy=3|no column 'accuracy'"})
    void aPointTheRunsDoNotReachIsAOneLineError(String at, String expected) throws IOException {
        CliRun r = CliRun.of("table", "--run", "cnn=" + towerRun("c", 1e9, 0.1, 0.3, 0.5), "--at", at);
        assertEquals(2, r.exitCode(), r.out());
        assertTrue(r.err().contains(expected) && r.err().strip().lines().count() == 1, r.err());
        assertTrue(r.clean(), r.err());
    }

    @Test
    void aDecreasingColumnNamesTheRun() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("d"));
        Files.writeString(dir.resolve("eval.csv"), "iteration,wall_s,zeroshot_top1\n0,0,0.1\n100,50,0.2\n200,10,0.3\n");
        CliRun r = CliRun.of("table", "--run", "cnn=" + dir, "--columns", "zeroshot_top1", "--at", "wall_s=20");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("run 'cnn' (") && r.err().contains("'wall_s' decreases from 50 to 10"), r.err());
    }

    @Test
    void stagesAreNotTakenAtAPoint() throws IOException {
        CliRun r = CliRun.of("table", "--run", "cnn=" + towerRun("s", 1e9, 0.1, 0.3), "--stages", "--at", "iteration=50");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("not with --at"), r.err());
    }

    @Test
    void anUnknownColumnNamesTheColumns() throws IOException {
        CliRun r = CliRun.of("table", "--run", "u=" + run("u0", 0.7), "--columns", "accuracy");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("no column 'accuracy'") && r.err().contains("zeroshot_top1"), r.err());
        assertTrue(r.clean(), r.err());
    }

    /** A column added to eval.csv since a run was made (select_s) is "-" for that run, not an error; a typo still is. */
    @Test
    void aColumnAddedSinceARunWasMadeIsEmptyForIt() throws IOException {
        CliRun r = CliRun.of("table", "--run", "old=" + run("o0", 0.7), "--columns", "zeroshot_top1,select_s");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("| old | 1 | 100 | 0.700 | - |"), r.out());
    }
}
