package org.curationlab.cli;

import org.curationlab.data.FashionMnistFixture;
import org.curationlab.data.WordTokenizer;
import org.curationlab.models.ImageTowerKind;
import org.curationlab.models.ModelConfig;
import org.curationlab.models.ModelSize;
import org.curationlab.models.TwoTowerModel;
import org.curationlab.train.EvalLog;
import org.curationlab.train.results.ResultsTable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real {@code curate train} process halted mid-run (as by kill -9), then resumed with another
 * model: refused, its provenance untouched; resumed with other threads: the uninterrupted rows.
 * A sweep resumed onto a replaced reference file: refused before any cell runs, naming the file
 * and both hashes.
 */
@Tag("integration")
class ResumeRefusalIT {
    @TempDir
    Path tmp;

    List<String> train(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--data-dir", FashionMnistFixture.dir().toString(), "--pool-size", "200",
                "--tower", "mlp", "--iterations", "6", "--batch", "16", "--eval-every", "2", "--eval-size", "50", "--seed", "3",
                "--out", out.toString()));
        args.addAll(List.of(extra));
        return args;
    }

    @Test
    void aHaltedRunResumesOnlyWithItsOwnSettings() throws Exception {
        Path whole = tmp.resolve("whole");
        assertEquals(0, CliRun.of(train(whole, "--model", "S", "--threads", "1").toArray(String[]::new)).exitCode());
        Path cut = tmp.resolve("cut");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcurationlab.crash-at=after-row@2", "-cp", System.getProperty("java.class.path"), Curate.class.getName()));
        cmd.addAll(train(cut, "--model", "S", "--threads", "1"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(137, p.exitValue(), "halted at the crash point");

        byte[] provenance = Files.readAllBytes(cut.resolve("provenance.json"));
        CliRun other = CliRun.of(train(cut, "--model", "M", "--threads", "1", "--lr", "0.01", "--resume").toArray(String[]::new));
        UserErrorsTest.assertUserError(other, "--model: saved S, now M; --lr: saved 0.002, now 0.01");
        assertArrayEquals(provenance, Files.readAllBytes(cut.resolve("provenance.json")));

        CliRun same = CliRun.of(train(cut, "--model", "S", "--threads", "2", "--resume").toArray(String[]::new));
        assertEquals(0, same.exitCode(), same.err());
        List<Map<String, String>> a = ResultsTable.read(whole.resolve("eval.csv")).maps();
        List<Map<String, String>> b = ResultsTable.read(cut.resolve("eval.csv")).maps();
        assertEquals(4, b.size());
        for (int i = 0; i < a.size(); i++) {
            for (String col : a.get(i).keySet()) {
                if (!EvalLog.TIMING.contains(col)) {
                    assertEquals(a.get(i).get(col), b.get(i).get(col), "row " + i + " column " + col);
                }
            }
        }
    }

    @Test
    void aSweepResumedOntoAReplacedReferenceIsRefused() throws Exception {
        Path ref = tmp.resolve("ref.zip");
        model(1).save(ref);
        String before = sha256(ref);
        Path spec = tmp.resolve("spec.yaml");
        Files.writeString(spec, """
                name: replaced-reference
                fixed:
                  data-dir: %s
                  model: S
                  tower: mlp
                  embed-dim: 32
                  batch: 16
                  iterations: 2
                  eval-every: 1
                  eval-size: 50
                  pool-size: 200
                  method: learnability
                  filter-ratio: 0.5
                  reference: %s
                  cache-dir: %s
                axes:
                  seed: [0]
                """.formatted(FashionMnistFixture.dir().toAbsolutePath(), ref, tmp.resolve("cache")));
        Path out = tmp.resolve("sweep");
        CliRun first = CliRun.of("sweep", spec.toString(), "--out", out.toString(), "--jobs", "1");
        assertEquals(0, first.exitCode(), first.out() + first.err());
        // The cell is run again on resume (as if the sweep had died before recording it), onto another reference.
        Files.delete(out.resolve("results.csv"));
        Path saved = tmp.resolve("ref-saved.zip");
        Files.copy(ref, saved);
        model(2).save(ref);
        String after = sha256(ref);
        CliRun replaced = CliRun.of("sweep", spec.toString(), "--out", out.toString(), "--jobs", "1", "--resume");
        assertEquals(Curate.EXIT_INPUT, replaced.exitCode(), replaced.out() + replaced.err());
        assertTrue(replaced.err().contains("--reference: " + ref + " has SHA-256 " + after), replaced.err());
        assertTrue(replaced.err().contains("a reference with SHA-256 " + before), replaced.err());
        assertFalse(Files.exists(out.resolve("results.csv")) && Files.readAllLines(out.resolve("results.csv")).size() > 1, "no cell ran");

        Files.copy(saved, ref, StandardCopyOption.REPLACE_EXISTING);
        CliRun restored = CliRun.of("sweep", spec.toString(), "--out", out.toString(), "--jobs", "1", "--resume");
        assertEquals(0, restored.exitCode(), restored.out() + restored.err());
    }

    static TwoTowerModel model(long seed) {
        WordTokenizer tok = WordTokenizer.standard();
        return TwoTowerModel.create(ModelConfig.defaults(ImageTowerKind.MLP, ModelSize.S).withShape(32, tok.vocabSize(), tok.maxTokens())
                .withSeed(seed));
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
