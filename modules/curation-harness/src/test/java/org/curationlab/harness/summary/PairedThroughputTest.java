package org.curationlab.harness.summary;

import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Paired sweep timings on 1 worker against 2: ratios pair by pair, medians, the training span and the rest. */
class PairedThroughputTest {
    @TempDir
    Path tmp;

    @Test
    void ratiosArePairByPairAndSpansSumEachCellsLastRow() throws IOException {
        Path runs = Files.writeString(tmp.resolve("runs.csv"), "pair,workers,wall_s\n1,1,40.0\n1,2,20.0\n2,1,30.0\n2,2,25.0\n");
        Path sweeps = Files.createDirectories(tmp.resolve("sweeps"));
        sweep(sweeps, "w1-p1.csv", 10, 12);  // span 22 / 1
        sweep(sweeps, "w2-p1.csv", 14, 16);  // span 30 / 2 = 15
        sweep(sweeps, "w1-p2.csv", 8, 10);   // 18
        sweep(sweeps, "w2-p2.csv", 12, 12);  // 12
        PairedThroughput t = PairedThroughput.read(runs, sweeps);
        assertArrayEquals(new double[]{2.0, 1.2}, t.speedUps(), 1e-12);
        assertArrayEquals(new double[]{22, 18}, t.span(1), 1e-12);
        assertArrayEquals(new double[]{15, 12}, t.span(2), 1e-12);
        assertArrayEquals(new double[]{18, 12}, t.overhead(1), 1e-12);
        assertEquals(10.0, t.cellMedian(1), 1e-12, "cells 8 10 10 12: the mean of the middle two");
        assertEquals(13.0, t.cellMedian(2), 1e-12);
        String md = t.markdown("Title.");
        assertTrue(md.startsWith("Title.\n\n| | 1 worker | 2 workers | speed-up (1 / 2, pair by pair) |\n"), md);
        assertTrue(md.contains("| pair 1 | 40.0 s | 20.0 s | 2.00x |\n| pair 2 | 30.0 s | 25.0 s | 1.20x |\n"), md);
        assertTrue(md.contains("| **median** | **35.0 s** | **22.5 s** | **1.60x** (min 1.20, max 2.00) |"), md);
        assertTrue(md.contains("| training span (cells' seconds / workers) | 20.0 s | 13.5 s |"), md);
        assertTrue(md.contains("Speed-up of the training span alone: 1.48x (a cell trains 1.30x slower"), md); // 20 / 13.5, 13 / 10
    }

    @Test
    void aPairWithoutItsTwoWorkerRunIsNamed() throws IOException {
        Path runs = Files.writeString(tmp.resolve("runs.csv"), "pair,workers,wall_s\n1,1,40.0\n");
        CurationException e = assertThrows(CurationException.class, () -> PairedThroughput.read(runs, tmp));
        assertTrue(e.getMessage().contains("pair 1 has no run on 2 worker(s)"), e.getMessage());
    }

    private static void sweep(Path dir, String name, double a, double b) throws IOException {
        Files.writeString(dir.resolve(name), "cell,iteration,wall_s\n\"seed=0,noise=none_1\",0,0\n\"seed=0,noise=none_1\",200," + a
                + "\n\"seed=1,noise=none_2\",0,0\n\"seed=1,noise=none_2\",200," + b + "\n");
    }
}
