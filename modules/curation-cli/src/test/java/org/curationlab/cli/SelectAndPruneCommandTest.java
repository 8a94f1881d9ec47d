package org.curationlab.cli;

import org.curationlab.data.io.Npy;
import org.curationlab.pruning.Pruner;
import org.curationlab.pruning.Pruners;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SelectAndPruneCommandTest {
    @TempDir
    Path tmp;

    /** B×B logits from random unit embeddings: the diagonal pairs align best. */
    Path logits(String name, int b, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] m = new float[b * b];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < b; j++) {
                m[i * b + j] = (float) ((i == j ? 4 : 0) + rng.nextDouble() * 2 - 1) - 2;
            }
        }
        Path p = tmp.resolve(name);
        Npy.write(p, m, b, b);
        return p;
    }

    static List<Integer> lines(Path p) throws IOException {
        return Files.readAllLines(p).stream().map(Integer::parseInt).toList();
    }

    @Test
    void selectWritesBDistinctIndicesAndReportsAllSelectors() throws IOException {
        Path out = tmp.resolve("chosen.txt");
        CliRun r = CliRun.of("select", "--learner-logits", logits("l.npy", 16, 1).toString(),
                "--reference-logits", logits("r.npy", 16, 2).toString(), "--batch", "4", "--chunks", "2",
                "--seed", "3", "--out", out.toString(), "--report");
        assertEquals(0, r.exitCode(), r.err());
        List<Integer> chosen = lines(out);
        assertEquals(4, chosen.size());
        assertEquals(4, chosen.stream().distinct().count());
        assertTrue(chosen.stream().allMatch(i -> i >= 0 && i < 16));
        for (String row : List.of("joint", "independent", "random", "brute-force")) {
            assertTrue(r.out().contains(row), r.out());
        }
    }

    @Test
    void aBatchSmallerThanSixteenSelectsWithTheDefaultChunks() throws IOException {
        Path out = tmp.resolve("chosen.txt");
        CliRun r = CliRun.of("select", "--learner-logits", logits("l.npy", 16, 1).toString(),
                "--reference-logits", logits("r.npy", 16, 2).toString(), "--batch", "4", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(4, lines(out).stream().distinct().count());
    }

    @Test
    void selectNamesTheMissingOrMismatchedMatrix() {
        CliRun missing = CliRun.of("select", "--learner-logits", logits("l.npy", 8, 1).toString(), "--batch", "2", "--report");
        assertEquals(Curate.EXIT_INPUT, missing.exitCode());
        assertTrue(missing.err().contains("--reference-logits"), missing.err());
        CliRun sizes = CliRun.of("select", "--learner-logits", logits("a.npy", 8, 1).toString(),
                "--reference-logits", logits("b.npy", 6, 1).toString(), "--batch", "2", "--report");
        assertEquals(Curate.EXIT_INPUT, sizes.exitCode());
        assertTrue(sizes.err().contains("8x8") && sizes.err().contains("6x6"), sizes.err());
        Path rect = tmp.resolve("rect.npy");
        Npy.write(rect, new float[12], 3, 4);
        CliRun nonSquare = CliRun.of("select", "--learner-logits", rect.toString(), "--method", "hard-learner", "--batch", "2", "--report");
        assertEquals(Curate.EXIT_INPUT, nonSquare.exitCode());
        assertTrue(nonSquare.err().contains("rect.npy") && nonSquare.err().contains("square"), nonSquare.err());
        assertTrue(missing.clean() && sizes.clean() && nonSquare.clean());
    }

    /** 600 rows in 6 tight clusters on the unit sphere in 8 dimensions. */
    Path embeddings() {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 600, d = 8;
        float[] e = new float[n * d];
        for (int i = 0; i < n; i++) {
            int c = i % 6;
            for (int k = 0; k < d; k++) {
                e[i * d + k] = (k == c ? 1f : 0f) + 0.1f * (float) (rng.nextDouble() - 0.5);
            }
        }
        Path p = tmp.resolve("emb.npy");
        Npy.write(p, e, n, d);
        return p;
    }

    @Test
    void pruneKeepsTheRequestedFractionInAscendingOrder() throws IOException {
        Path emb = embeddings();
        for (String method : List.of("dbp", "ssp", "random")) {
            Path out = tmp.resolve(method + ".txt");
            CliRun r = CliRun.of("prune", "--method", method, "--embeddings", emb.toString(), "--keep", "0.3",
                    "--clusters", "6", "--nn", "3", "--out", out.toString());
            assertEquals(0, r.exitCode(), r.err());
            List<Integer> kept = lines(out);
            assertEquals(180, kept.size(), method);
            int[] sorted = kept.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
            assertEquals(Arrays.toString(sorted), Arrays.toString(kept.stream().mapToInt(Integer::intValue).toArray()), method + " ascending, distinct");
        }
    }

    /** An output named as one of the command's inputs is refused before anything is written: the input stays whole. */
    @Test
    void pruneAndSelectNeverWriteOverTheirInputs() throws IOException {
        Path emb = embeddings();
        byte[] before = Files.readAllBytes(emb);
        CliRun prune = CliRun.of("prune", "--method", "random", "--embeddings", emb.toString(), "--keep", "0.3", "--out", emb.toString());
        assertTrue(prune.exitCode() == Curate.EXIT_INPUT && prune.err().contains("--out: " + emb + " is one of this command's inputs"),
                prune.err());
        CliRun table = CliRun.of("prune", "--method", "dbp", "--embeddings", emb.toString(), "--clusters", "6", "--nn", "3",
                "--cluster-csv", emb.toString(), "--out", tmp.resolve("kept.txt").toString());
        assertTrue(table.exitCode() == Curate.EXIT_INPUT && table.err().contains("--cluster-csv: " + emb), table.err());
        assertArrayEquals(before, Files.readAllBytes(emb));
        CliRun select = CliRun.of("select", "--method", "easy-reference", "--reference-logits", emb.toString(), "--batch", "4",
                "--out", emb.toString());
        assertTrue(select.exitCode() == Curate.EXIT_INPUT && select.err().contains("--out: " + emb), select.err());
        assertArrayEquals(before, Files.readAllBytes(emb));
    }

    @Test
    void pruneRejectsBadInputNamingTheFileOrFlag() {
        Path emb = embeddings();
        CliRun keep = CliRun.of("prune", "--method", "dbp", "--embeddings", emb.toString(), "--keep", "1.5", "--out", tmp.resolve("o").toString());
        assertTrue(keep.exitCode() == Curate.EXIT_INPUT && keep.err().contains("--keep"), keep.err());
        CliRun k = CliRun.of("prune", "--method", "dbp", "--embeddings", emb.toString(), "--clusters", "601", "--out", tmp.resolve("o").toString());
        assertTrue(k.exitCode() == Curate.EXIT_INPUT && k.err().contains("--clusters"), k.err());
        CliRun missing = CliRun.of("prune", "--method", "ssp", "--embeddings", tmp.resolve("nope.npy").toString(), "--out", tmp.resolve("o").toString());
        assertTrue(missing.exitCode() == Curate.EXIT_INPUT && missing.err().contains("nope.npy"), missing.err());
        Path nan = tmp.resolve("nan.npy");
        float[] v = new float[20];
        v[7] = Float.NaN;
        Npy.write(nan, v, 10, 2);
        CliRun bad = CliRun.of("prune", "--method", "random", "--embeddings", nan.toString(), "--out", tmp.resolve("o").toString());
        assertTrue(bad.exitCode() == Curate.EXIT_INPUT && bad.err().contains("nan.npy"), bad.err());
        Path f64 = tmp.resolve("f64.npy");
        Npy.write(f64, new double[20], 10, 2);
        CliRun wrongType = CliRun.of("prune", "--method", "random", "--embeddings", f64.toString(), "--out", tmp.resolve("o").toString());
        assertTrue(wrongType.exitCode() == Curate.EXIT_INPUT && wrongType.err().contains("f64.npy"), wrongType.err());
        Path assignments = tmp.resolve("a.npy");
        Npy.write(assignments, new int[5], 5);
        CliRun rows = CliRun.of("prune", "--method", "ssp", "--embeddings", emb.toString(), "--assignments", assignments.toString(),
                "--out", tmp.resolve("o").toString());
        assertTrue(rows.exitCode() == Curate.EXIT_INPUT && rows.err().contains("a.npy"), rows.err());
        CliRun unknown = CliRun.of("prune", "--method", "kmedoids", "--embeddings", emb.toString(), "--out", tmp.resolve("o").toString());
        assertTrue(unknown.exitCode() == Curate.EXIT_INPUT && unknown.err().contains("kmedoids"), unknown.err());
        for (CliRun r : List.of(keep, k, missing, bad, wrongType, rows, unknown)) {
            assertTrue(r.clean(), r.err());
        }
    }

    @Test
    void prunePipelinesOnUserEmbeddingsAndWritesTheClusterTable() throws IOException {
        Path emb = embeddings();
        SplittableRandom rng = new SplittableRandom(9);
        double[] scores = new double[600];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = rng.nextDouble();
        }
        Path sc = tmp.resolve("scores.npy");
        Npy.write(sc, scores, 600);
        Path out = tmp.resolve("kept.txt");
        Path csv = tmp.resolve("clusters.csv");
        Path stages = tmp.resolve("stages.csv");
        CliRun r = CliRun.of("prune", "--method", "score:0.5+dbp:0.3", "--embeddings", emb.toString(), "--scores", sc.toString(),
                "--clusters", "6", "--nn", "3", "--out", out.toString(), "--cluster-csv", csv.toString(), "--stages-csv", stages.toString(),
                "--cluster-plot", tmp.resolve("quota").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(180, lines(out).size(), "the final fraction is of the original 600 rows");
        List<String> table = Files.readAllLines(csv);
        assertEquals("stage,method,cluster,size,d_intra,d_inter,complexity,kept,kept_fraction", table.get(0));
        assertEquals(7, table.size(), "one row per DBP cluster");
        assertEquals(180, table.stream().skip(1).mapToInt(l -> Integer.parseInt(l.split(",")[7])).sum(), "the quotas sum to the budget");
        assertEquals(300, table.stream().skip(1).mapToInt(l -> Integer.parseInt(l.split(",")[3])).sum(), "DBP clustered the 300 rows the score stage kept");
        List<String> st = Files.readAllLines(stages);
        assertTrue(st.get(1).startsWith("score:0.5,score,600,300,0.500000"), st.toString());
        assertTrue(st.get(2).startsWith("dbp:0.3,dbp,300,180,0.300000"), st.toString());
        assertTrue(Files.exists(tmp.resolve("quota.png")) && Files.exists(tmp.resolve("quota.svg")));
        assertTrue(r.out().contains("stage dbp:0.3, on the 300 rows the stages before it kept"), r.out());
    }

    @Test
    void aBadPipelineIsOneCleanErrorNamingTheFlag() {
        Path emb = embeddings();
        for (String[] c : List.of(new String[] {"score:0.3+dbp:0.5", "--method: 'dbp:0.5' in 'score:0.3+dbp:0.5' asks for 0.5"},
                new String[] {"semdedup+dpb", "--method: 'dpb' in 'semdedup+dpb' is not a pruner"},
                new String[] {"dbp:0", "--method: 'dbp:0': 0 is outside (0, 1]"})) {
            CliRun r = CliRun.of("prune", "--method", c[0], "--embeddings", emb.toString(), "--out", tmp.resolve("o").toString());
            assertTrue(r.exitCode() == Curate.EXIT_INPUT && r.err().contains(c[1]), r.err());
            assertTrue(r.clean(), r.err());
        }
        for (String[] c : List.of(new String[] {"--cluster-plot", "no stage of the pipeline sets cluster quotas (ssp and dbp do)"},
                new String[] {"--cluster-csv", "no stage of the pipeline clusters (ssp, dbp and semdedup do)"})) {
            CliRun r = CliRun.of("prune", "--method", "random", "--embeddings", emb.toString(), "--out", tmp.resolve("o").toString(),
                    c[0], tmp.resolve("c").toString());
            assertTrue(r.exitCode() == Curate.EXIT_INPUT && r.err().contains(c[0] + ": " + c[1]), r.err());
            assertTrue(r.clean(), r.err());
        }
        CliRun joint = CliRun.of("prune", "--method", "dbp", "--embeddings", emb.toString(), "--prune-embedding", "joint",
                "--out", tmp.resolve("o").toString());
        assertTrue(joint.exitCode() == Curate.EXIT_INPUT && joint.err().contains("--prune-embedding joint needs --reference"), joint.err());
        assertTrue(joint.clean(), joint.err());
    }

    @Test
    void helpListsEveryPrunerOfTheRegistryWithItsLine() {
        CliRun r = CliRun.of("prune", "--help");
        assertEquals(0, r.exitCode(), r.err());
        String help = r.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("One of " + String.join(", ", Pruners.NAMES)), r.out());
        for (Pruner p : Pruners.all()) {
            assertTrue(help.contains(p.name() + " " + p.summary()), p.name() + " is not listed with its line:\n" + r.out());
        }
    }
}
