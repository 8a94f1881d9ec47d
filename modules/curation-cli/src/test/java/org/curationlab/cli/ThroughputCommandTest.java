package org.curationlab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThroughputCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesTheTableWithItsTitleAndPrintsIt() throws IOException {
        Path runs = Files.writeString(tmp.resolve("runs.csv"), "pair,workers,wall_s\n1,1,40.0\n1,2,20.0\n");
        Path sweeps = Files.createDirectories(tmp.resolve("sweeps"));
        for (String name : new String[]{"w1-p1.csv", "w2-p1.csv"}) {
            Files.writeString(sweeps.resolve(name), "cell,iteration,wall_s\na,0,0\na,200,10\nb,0,0\nb,200,12\n");
        }
        Path out = tmp.resolve("report/table.md");
        CliRun r = CliRun.of("throughput", "--runs", runs.toString(), "--sweeps", sweeps.toString(), "--out", out.toString(), "--title", "T.");
        assertEquals(0, r.exitCode(), r.err());
        String md = Files.readString(out);
        assertEquals(md, r.out());
        assertTrue(md.startsWith("T.\n\n| | 1 worker |"), md);
        assertTrue(md.contains("| pair 1 | 40.0 s | 20.0 s | 2.00x |"), md);
    }

    @Test
    void aMissingSweepsFolderIsOneLineNamingTheFlag() throws IOException {
        Path runs = Files.writeString(tmp.resolve("runs.csv"), "pair,workers,wall_s\n1,1,40.0\n1,2,20.0\n");
        CliRun r = CliRun.of("throughput", "--runs", runs.toString(), "--sweeps", tmp.resolve("nope").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--sweeps:") && r.clean(), r.err());
    }
}
