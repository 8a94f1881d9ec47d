package org.curationlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile cases of reading result tables (issue 28, items 6 to 8): an unfinished cell, a last
 * line without its newline, and an --out that names the command's own input.
 */
class ResultsReadingTest {
    @TempDir
    Path tmp;

    static final String HEADER = "cell,cell_row,cell_rows,method,seed,iteration,zeroshot_top1,flops_total\n";

    /** A sweep of two methods x three seeds, 3 rows per cell; uniform seed 1 stopped after its first evaluation. */
    private Path sweep() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("sweep"));
        StringBuilder csv = new StringBuilder(HEADER);
        for (String m : new String[]{"uniform", "learnability"}) {
            for (int seed = 0; seed < 3; seed++) {
                int rows = m.equals("uniform") && seed == 1 ? 1 : 3;
                for (int r = 1; r <= rows; r++) {
                    double top1 = (m.equals("uniform") ? 0.5 : 0.6) + 0.1 * r + 0.01 * seed;
                    csv.append(String.format(Locale.ROOT, "%s-s%d,%d,3,%s,%d,%d,%.2f,%d%n", m, seed, r, m, seed, r * 10, top1, r * 1000));
                }
            }
        }
        Files.writeString(dir.resolve("results.csv"), csv);
        return dir;
    }

    @Test
    void anUnfinishedCellIsLeftOutOfTheTableAndNamed() throws IOException {
        CliRun r = CliRun.of("table", "--sweep", sweep().toString(), "--by", "method", "--columns", "zeroshot_top1");
        assertEquals(0, r.exitCode(), r.err());
        // uniform: seeds 0 and 2 only (0.80, 0.82), not seed 1's "final" 0.61 at step 10
        assertTrue(r.out().contains("| uniform | 2 | 30 | 0.810 ± 0.014 |"), r.out());
        assertTrue(r.err().contains("dropped cell uniform-s1: 1 of 3 rows (unfinished, line 5)"), r.err());
    }

    @Test
    void anUnfinishedCellIsLeftOutOfTheFigures() throws IOException {
        CliRun r = CliRun.of("plot", "--sweep", sweep().toString(), "--by", "method", "--x", "iteration", "--y", "zeroshot_top1",
                "--out", tmp.resolve("fig").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("dropped cell uniform-s1"), r.err());
    }

    @Test
    void aWholeLastLineWithoutItsNewlineCountsInFitAndTable() throws IOException {
        StringBuilder csv = new StringBuilder("method,seed,iteration,error\n");
        for (int seed = 0; seed < 2; seed++) {
            for (int it = 100; it <= 300; it += 100) {
                csv.append(String.format(Locale.ROOT, "uniform,%d,%d,%.4f%n", seed, it, 0.1 + 5 * Math.pow(it, -0.5)));
            }
        }
        Path runs = tmp.resolve("runs.csv");
        Files.writeString(runs, csv.toString().strip()); // six rows, the last without its newline
        Path out = tmp.resolve("fit.json");
        CliRun r = CliRun.of("fit", "--runs", runs.toString(), "--x", "iteration", "--by", "method", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(6, new ObjectMapper().readTree(out.toFile()).get("fits").get(0).get("n").asInt());
        assertTrue(r.err().contains("runs.csv: line 7 has no newline; kept"), r.err());

        Path run = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(run.resolve("eval.csv"), "iteration,zeroshot_top1\n100,0.5\n200,0.7");
        CliRun t = CliRun.of("table", "--run", "u=" + run, "--columns", "zeroshot_top1");
        assertTrue(t.out().contains("| u | 1 | 200 | 0.700 |"), t.out());
    }

    /** Commands whose --out names their own input, or a table of another kind: refused before anything is written. */
    static Stream<Function<Path, List<String>>> overwrites() {
        return Stream.of(
                d -> List.of("table", "--sweep", d.toString(), "--out", d.resolve("results.csv").toString()),
                d -> List.of("table", "--sweep", d.toString(), "--format", "md", "--out", d.resolve("results.csv").toString()),
                d -> List.of("table", "--run", "a=" + d.resolve("run"), "--out", d.resolve("run/eval.csv").toString()),
                d -> List.of("table", "--run", "a=" + d.resolve("run"), "--out", d.resolve("other.csv").toString().replace("other.csv", "run/../run/eval.csv")),
                d -> List.of("fit", "--runs", d.resolve("run/eval.csv").toString(), "--x", "iteration", "--out", d.resolve("run/eval.csv").toString()),
                d -> List.of("fit", "--runs", d.resolve("results.csv").toString(), "--x", "iteration", "--out", d.resolve("table.csv").toString()),
                d -> List.of("compare", "--sweep", d.toString(), "--by", "method", "--a", "learnability", "--b", "uniform",
                        "--out", d.resolve("results.csv").toString()),
                d -> List.of("plot", "--sweep", d.toString(), "--out", d.resolve("results.csv").toString()));
    }

    @ParameterizedTest
    @MethodSource("overwrites")
    void anOutThatWouldDestroyAnInputIsRefused(Function<Path, List<String>> command) throws IOException {
        Path d = sweep();
        Path run = Files.createDirectories(d.resolve("run"));
        Files.writeString(run.resolve("eval.csv"), "iteration,zeroshot_top1\n100,0.5\n");
        Files.writeString(d.resolve("table.csv"), "group,runs\nu,1\n");
        List<Path> files = List.of(d.resolve("results.csv"), run.resolve("eval.csv"), d.resolve("table.csv"));
        List<String> before = new ArrayList<>();
        for (Path f : files) {
            before.add(Files.readString(f));
        }
        CliRun r = CliRun.of(command.apply(d).toArray(String[]::new));
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--out: "), r.err());
        assertTrue(r.clean(), r.err());
        for (int i = 0; i < files.size(); i++) {
            assertEquals(before.get(i), Files.readString(files.get(i)), files.get(i) + " untouched");
        }
    }

    @Test
    void tableGroupsBySeveralColumnsAndWritesCsvByExtension() throws IOException {
        Path d = sweep();
        Path out = tmp.resolve("t.csv");
        CliRun r = CliRun.of("table", "--sweep", d.toString(), "--by", "method,seed", "--columns", "zeroshot_top1", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("method,seed,runs,iteration,zeroshot_top1,zeroshot_top1_sd", lines.get(0));
        assertEquals("uniform,0,1,30,0.800000,", lines.get(1));
        assertEquals(6 - 1, lines.size() - 1, "uniform seed 1 is unfinished");
        CliRun md = CliRun.of("table", "--sweep", d.toString(), "--by", "method,seed", "--columns", "zeroshot_top1");
        assertTrue(md.out().startsWith("| method | seed | runs | iterations | zeroshot_top1 |\n"), md.out());
        assertTrue(md.out().contains("| learnability | 2 | 1 | 30 | 0.920 |"), md.out());
    }

    @Test
    void compareGivesPairedTIntervalsAndTheCompositionSideBySide() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("pairs"));
        StringBuilder csv = new StringBuilder("cell,cell_row,cell_rows,method,seed,iteration,zeroshot_top1,batch_clean\n");
        double[] a = {0.70, 0.74, 0.75};
        double[] b = {0.60, 0.66, 0.66};
        for (int s = 0; s < 3; s++) {
            csv.append(String.format(Locale.ROOT, "l%d,1,1,learnability,%d,100,%.2f,0.9%n", s, s, a[s]));
            csv.append(String.format(Locale.ROOT, "u%d,1,1,uniform,%d,100,%.2f,0.5%n", s, s, b[s]));
        }
        Files.writeString(d.resolve("results.csv"), csv);
        CliRun r = CliRun.of("compare", "--sweep", d.toString(), "--by", "method", "--a", "learnability", "--b", "uniform");
        assertEquals(0, r.exitCode(), r.err());
        // differences 0.10, 0.08, 0.09: mean 0.09, sd 0.01, t(2, 0.975) = 4.3027, half width 0.0248
        assertTrue(r.out().contains("| learnability | uniform | 3 | +0.0900 | [+0.0652, +0.1148] | higher | 0.900 / 0.500 |"), r.out());
        assertTrue(r.out().startsWith("| method A | method B | seeds | mean A − B | 95% interval | A is | batch_clean (A / B) |"), r.out());
        CliRun c = CliRun.of("compare", "--sweep", d.toString(), "--by", "method", "--a", "*", "--b", "uniform", "--format", "csv");
        assertTrue(c.out().contains("learnability,uniform,3,0.0900000,0.0100000,0.0651586,0.114841,higher,0.900000,0.500000"), c.out());
        CliRun bad = CliRun.of("compare", "--sweep", d.toString(), "--by", "method", "--a", "jest", "--b", "uniform");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--a: no cell has method = 'jest' (there are [learnability, uniform])"), bad.err());
        assertFalse(bad.err().contains("\tat "));
    }

    @Test
    void compareMatchesRunFoldersInTheOrderGiven() throws IOException {
        List<String> args = new ArrayList<>(List.of("compare"));
        double[][] finals = {{0.60, 0.66, 0.66}, {0.70, 0.74, 0.75}};
        String[] labels = {"u", "l"};
        for (int g = 0; g < 2; g++) {
            for (int s = 0; s < 3; s++) {
                Path dir = Files.createDirectories(tmp.resolve(labels[g] + s));
                Files.writeString(dir.resolve("eval.csv"), String.format(Locale.ROOT,
                        "iteration,zeroshot_top1,batch_clean\n100,0.1,0.5\n200,%.2f,%.1f\n", finals[g][s], g == 0 ? 0.5 : 0.9));
                args.addAll(List.of("--run", labels[g] + "=" + dir));
            }
        }
        args.addAll(List.of("--a", "l", "--b", "u", "--out", tmp.resolve("c.md").toString()));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("| l | u | 3 | +0.0900 | [+0.0652, +0.1148] | higher | 0.900 / 0.500 |"), r.out());
        assertEquals(r.out(), Files.readString(tmp.resolve("c.md")));
    }
}
