package org.curationlab.cli;

import org.curationlab.train.results.ResultsCsv;
import org.curationlab.data.FashionMnistFixture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real sweep process, SIGKILLed once a cell is in results.csv, then resumed: every cell's rows
 * appear exactly once, in whole lines, and the killed sweep's cells do not outlive it.
 */
@Tag("integration")
class SweepKillResumeIT {
    @TempDir
    Path tmp;

    static final int CELLS = 4;

    Process sweep(Path spec, Path out, boolean resume) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Curate.class.getName(), "sweep", spec.toString(),
                "--out", out.toString(), "--jobs", "1"));
        if (resume) {
            cmd.add("--resume");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(tmp.resolve("sweep.log").toFile()));
        pb.environment().put("CURATE_CACHE", tmp.resolve("cache").toString());
        return pb.start();
    }

    @Test
    void killedSweepResumesWithEveryCellExactlyOnce() throws Exception {
        Path spec = tmp.resolve("spec.yaml");
        Files.writeString(spec, """
                name: kill-resume
                fixed:
                  data-dir: %s
                  model: S
                  tower: mlp
                  batch: 16
                  iterations: 6
                  eval-every: 2
                  eval-size: 50
                  pool-size: 200
                  warmup: 2
                axes:
                  seed: [0, 1]
                  noise: [none, "web,misaligned=0.3"]
                """.formatted(FashionMnistFixture.dir().toAbsolutePath()));
        Path out = tmp.resolve("out");
        Path results = out.resolve("results.csv");

        Process first = sweep(spec, out, false);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (cellsIn(results) < 1) {
            assertTrue(first.isAlive(), "the sweep ended before it could be killed: " + log());
            assertTrue(System.nanoTime() < deadline, "no cell finished in time: " + log());
            Thread.sleep(100);
        }
        List<ProcessHandle> children = first.descendants().toList();
        first.destroyForcibly();
        first.waitFor();
        for (ProcessHandle child : children) {
            child.onExit().get(20, TimeUnit.SECONDS);
            assertFalse(child.isAlive(), "a cell outlived its killed sweep");
        }
        int before = cellsIn(results);
        assertTrue(before < CELLS, "the kill came too late to test resuming: " + before + " cells done");

        Process again = sweep(spec, out, true);
        assertTrue(again.waitFor(10, TimeUnit.MINUTES), "the resumed sweep did not finish");
        assertEquals(0, again.exitValue(), log());

        String text = Files.readString(results);
        assertTrue(text.endsWith("\n"), "torn last line");
        List<String> lines = text.lines().toList();
        List<String> header = ResultsCsv.parseLine(lines.get(0));
        Map<String, Set<String>> iterationsByCell = new HashMap<>();
        Map<String, Integer> rowsByCell = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = ResultsCsv.parseLine(line);
            assertEquals(header.size(), cells.size(), "torn or malformed line: " + line);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), cells.get(i));
            }
            String cell = row.get("cell");
            assertTrue(iterationsByCell.computeIfAbsent(cell, k -> new HashSet<>()).add(row.get("iteration")),
                    "row doubled: " + line);
            rowsByCell.merge(cell, 1, Integer::sum);
            assertEquals("4", row.get("cell_rows"));
            assertFalse(row.get("zeroshot_top1").isEmpty());
        }
        assertEquals(CELLS, iterationsByCell.size(), "cells: " + iterationsByCell.keySet());
        iterationsByCell.values().forEach(its -> assertEquals(Set.of("0", "2", "4", "6"), its));
        assertTrue(header.containsAll(List.of("cell", "seed", "noise", "model", "iteration", "flops_total")), header.toString());
        assertTrue(Files.exists(out.resolve("sweep.json")));
        assertTrue(Files.exists(out.resolve("spec.yaml")));
        assertFalse(Files.exists(out.resolve("failed.jsonl")), log());
    }

    private String log() throws IOException {
        Path p = tmp.resolve("sweep.log");
        return Files.exists(p) ? Files.readString(p) : "(no log)";
    }

    /** Cells wholly in results.csv: those whose last row (cell_row == cell_rows) is written. */
    private static int cellsIn(Path results) throws IOException {
        if (!Files.exists(results)) {
            return 0;
        }
        List<String> lines = Files.readString(results).lines().toList();
        if (lines.isEmpty()) {
            return 0;
        }
        List<String> header = ResultsCsv.parseLine(lines.get(0));
        int row = header.indexOf("cell_row");
        int of = header.indexOf("cell_rows");
        int n = 0;
        for (String l : lines.subList(1, lines.size())) {
            List<String> c = ResultsCsv.parseLine(l);
            if (c.size() == header.size() && c.get(row).equals(c.get(of))) {
                n++;
            }
        }
        return n;
    }
}
