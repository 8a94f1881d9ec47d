package org.curationlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FitCommandTest {
    @TempDir
    Path tmp;

    /**
     * Two groups on saturating curves (the other one 4x faster in iterations), plus the untrained
     * row at iteration 0 whose flops_total is a one-off pre-scoring cost: it must not enter the fit.
     */
    private Path runs() throws IOException {
        StringBuilder csv = new StringBuilder("method,seed,iteration,flops_total,error\n");
        for (String g : new String[]{"uniform", "fast"}) {
            for (int seed = 0; seed < 3; seed++) {
                csv.append(String.format(Locale.ROOT, "%s,%d,0,%g,0.9%n", g, seed, 1e9));
                for (int it = 100; it <= 3200; it *= 2) {
                    double x = g.equals("fast") ? 4.0 * it : it;
                    double err = 0.1 + 5 * Math.pow(x, -0.5) * (1 + 0.01 * (seed - 1));
                    csv.append(String.format(Locale.ROOT, "%s,%d,%d,%g,%.6f%n", g, seed, it, 1e9 * (1 + it), err));
                }
            }
        }
        Path p = tmp.resolve("runs.csv");
        Files.writeString(p, csv);
        return p;
    }

    @Test
    void leavesOutTheUntrainedRowsAndMeasuresAtTheChosenTarget() throws IOException {
        Path out = tmp.resolve("fit.json");
        CliRun r = CliRun.of("fit", "--runs", runs().toString(), "--x", "flops_total", "--by", "method",
                "--baseline", "uniform", "--target", "final", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertEquals("final", json.get("multiplier_target").asText());
        JsonNode fast = json.get("fits").get(1);
        assertEquals(18, fast.get("n").asInt(), "six trained rows per seed, the iteration-0 rows left out");
        assertEquals(0.1, fast.get("e_inf").asDouble(), 0.01);
        // The fast group reaches uniform's final error 4x sooner in iterations, so ~4x in flops here.
        assertEquals(4.0, fast.get("compute_multiplier").asDouble(), 0.4);
        assertTrue(fast.get("x_baseline_empirical").asDouble() > 3e12, fast.toString());
    }

    @Test
    void aBadTargetIsOneClearError() throws IOException {
        CliRun r = CliRun.of("fit", "--runs", runs().toString(), "--x", "iteration", "--by", "method",
                "--baseline", "uniform", "--target", "last", "--out", tmp.resolve("f.json").toString());
        assertEquals(Curate.EXIT_INPUT, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("'last' is not best or final"), r.err());
        assertTrue(r.clean(), r.err());
    }

    /** --where over a table with other rows fits exactly what a table of the selected rows alone fits. */
    @Test
    void whereFitsTheSelectedRowsAsIfTheyWereTheirOwnTable() throws IOException {
        String own = Files.readString(runs());
        StringBuilder mixed = new StringBuilder("model,").append(own.lines().findFirst().orElseThrow()).append('\n');
        own.lines().skip(1).forEach(l -> mixed.append("A,").append(l).append('\n')
                .append("B,").append(l.replaceFirst(",[0-9.]+$", ",0.5")).append('\n'));
        Path table = Files.writeString(tmp.resolve("mixed.csv"), mixed);
        Path alone = tmp.resolve("alone.json");
        Path selected = tmp.resolve("selected.json");
        assertEquals(0, CliRun.of("fit", "--runs", runs().toString(), "--x", "iteration", "--by", "method", "--baseline", "uniform",
                "--out", alone.toString()).exitCode());
        CliRun r = CliRun.of("fit", "--runs", table.toString(), "--where", "model=A", "--x", "iteration", "--by", "method",
                "--baseline", "uniform", "--out", selected.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(Files.readString(alone), Files.readString(selected));
        CliRun none = CliRun.of("fit", "--runs", table.toString(), "--where", "model=C", "--x", "iteration", "--by", "method",
                "--out", tmp.resolve("none.json").toString());
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("--where: no row of") && none.clean(), none.err());
    }
}
