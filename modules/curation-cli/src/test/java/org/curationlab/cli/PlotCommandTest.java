package org.curationlab.cli;

import org.curationlab.harness.plot.CurvePlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlotCommandTest {
    @TempDir
    Path tmp;

    /** A sweep folder: cells at filter-ratio 0 and 0.5, two seeds, rows at iterations 100 and 200; top-1 = base + f/10 + it/1000. */
    private Path sweep(String name, double base) throws IOException {
        StringBuilder csv = new StringBuilder("cell,filter-ratio,seed,iteration,zeroshot_top1\n");
        for (String f : List.of("0.0", "0.5")) {
            for (int seed = 0; seed < 2; seed++) {
                for (int it = 100; it <= 200; it += 100) {
                    double top1 = base + Double.parseDouble(f) / 10 + it / 1000.0 + 0.01 * seed;
                    csv.append(String.format(Locale.ROOT, "f%s-s%d_ab,%s,%d,%d,%.4f%n", f, seed, f, seed, it, top1));
                }
            }
        }
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("results.csv"), csv);
        return dir;
    }

    private PlotCommand parsed(String... args) {
        PlotCommand cmd = new PlotCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd;
    }

    @Test
    void finalKeepsOnePointPerRunAndSeveralSweepsAreOneCurveEach() throws IOException {
        PlotCommand cmd = parsed("--sweep", sweep("web", 0.5).toString(), "--sweep", sweep("noisy", 0.3).toString(),
                "--x", "filter-ratio", "--y", "zeroshot_top1", "--final", "--out", tmp.resolve("f").toString());
        cmd.x = "filter-ratio";
        cmd.y = "zeroshot_top1";
        var groups = cmd.sweepGroups();
        assertEquals(List.of("web", "noisy"), List.copyOf(groups.keySet()));
        CurvePlot.Series web = cmd.series("web", groups.get("web"));
        // final rows only (iteration 200): 0.5 + f/10 + 0.2 + the seeds' mean offset 0.005
        assertArrayEquals(new double[]{0.0, 0.5}, web.x(), 1e-12);
        assertArrayEquals(new double[]{0.705, 0.755}, web.y(), 1e-9);
        assertEquals("web (n=2)", web.label());
    }

    @Test
    void withoutFinalEveryRowCountsAndTheFigureIsWritten() throws IOException {
        Path out = tmp.resolve("all");
        CliRun r = CliRun.of("plot", "--sweep", sweep("web", 0.5).toString(), "--by", "filter-ratio", "--x", "iteration", "--y",
                "zeroshot_top1", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.exists(tmp.resolve("all.png")));
        PlotCommand cmd = parsed("--sweep", tmp.resolve("web").toString(), "--by", "filter-ratio", "--x", "iteration", "--y", "zeroshot_top1",
                "--out", out.toString());
        CurvePlot.Series s = cmd.series("0.0", cmd.sweepGroups().get("0.0"));
        assertArrayEquals(new double[]{100, 200}, s.x(), 1e-12);
    }

    @Test
    void aFigureSetOfTwoSweepsIsOneClearError() throws IOException {
        CliRun r = CliRun.of("plot", "--sweep", sweep("a", 0.5).toString(), "--sweep", sweep("b", 0.5).toString(), "--out",
                tmp.resolve("set").toString());
        assertEquals(Curate.EXIT_INPUT, r.exitCode());
        assertTrue(r.err().contains("a figure set is drawn for one sweep"), r.err());
    }

    @Test
    void aMetricTheTableCannotPlotIsOneLineNamingItAndTheChoices() throws IOException {
        Path web = sweep("web", 0.5);
        CliRun r = CliRun.of("plot", "--sweep", web.toString(), "--metric", "i2t_r1", "--out", tmp.resolve("set").toString());
        assertEquals(Curate.EXIT_INPUT, r.exitCode());
        assertEquals("curate plot: error: --metric: 'i2t_r1' is not a numeric metric column of the sweep's results; choose one of "
                + "[zeroshot_top1]", r.err().strip());
        CliRun x = CliRun.of("plot", "--sweep", web.toString(), "--metric", "zeroshot_top1", "--x", "iteration", "--y", "zeroshot_top1",
                "--out", tmp.resolve("one").toString());
        assertEquals(Curate.EXIT_INPUT, x.exitCode());
        assertTrue(x.err().contains("--metric: applies to a sweep's figure set"), x.err());
        assertTrue(Files.notExists(tmp.resolve("set")) && Files.notExists(tmp.resolve("one.png")), "nothing written");
    }
}
