package org.curationlab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultipliersCommandTest {
    @TempDir
    Path tmp;

    /** Uniform and a method twice as fast in iterations, three seeds each, as a sweep's rows. */
    private Path runs() throws IOException {
        StringBuilder csv = new StringBuilder("cell,method,seed,iteration,flops_total,zeroshot_top1,wall_s\n");
        for (String m : new String[]{"uniform", "learnability"}) {
            for (int seed = 0; seed < 3; seed++) {
                for (int it = 0; it <= 800; it += 100) {
                    double t = m.equals("learnability") ? 2.0 * it : it;
                    double top1 = it == 0 ? 0.1 : 0.9 - 0.5 * Math.sqrt(100 / t) + 0.002 * (seed - 1);
                    csv.append(String.format(Locale.ROOT, "%s%d,%s,%d,%d,%g,%.6f,%g%n", m, seed, m, seed, it, 1e9 * it, top1, 0.1 * it));
                }
            }
        }
        Path p = tmp.resolve("results.csv");
        Files.writeString(p, csv);
        return p;
    }

    private Path spec(String where) throws IOException {
        Path p = tmp.resolve("m.yaml");
        Files.writeString(p, """
                bootstrap: {resamples: 100}
                conditions:
                  - section: test
                    name: learnability
                    runs: %s
                    baseline: {where: {method: uniform}}
                    other: {where: {method: %s}}
                """.formatted(runs(), where));
        return p;
    }

    @Test
    void writesTheCsvAndTheMarkdownAndPrintsTheTable() throws IOException {
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("multipliers", spec("learnability").toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        var csv = org.curationlab.train.results.ResultsTable.read(out.resolve("multipliers.csv"));
        assertEquals(1, csv.rows().size());
        // twice as fast in iterations, at the same cost per step: 2x in both, measured between evaluations
        assertEquals(2.0, csv.rows().get(0).number("iterations_multiplier"), 0.05);
        assertEquals(2.0, csv.rows().get(0).number("flops_multiplier"), 0.05);
        assertEquals(1.0, csv.rows().get(0).number("step_cost"), 1e-9);
        String md = Files.readString(out.resolve("multipliers.md"));
        assertTrue(md.contains("| test | learnability | 3 |"), md);
        assertEquals(md, r.out().substring(0, md.length()), "the table printed is the table written");
    }

    @Test
    void aConditionMatchingNoRowsIsOneClearErrorAndWritesNothing() throws IOException {
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("multipliers", spec("learnabilty").toString(), "--out", out.toString());
        assertEquals(Curate.EXIT_INPUT, r.exitCode());
        assertTrue(r.err().contains("condition 'learnability': other: no row of") && r.err().contains("method holds [learnability, uniform]"),
                r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertFalse(Files.exists(out.resolve("multipliers.csv")));
    }
}
