package org.curationlab.cli;

import org.curationlab.data.FashionMnistFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 28 at the command line: settings that would die late or train something else than
 * recorded are refused up front, and --resume refuses a run with other settings; each one line
 * naming the flag, exit 2.
 */
class ResumeAndLimitsTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--batch 0 | --batch: 0 must be at least 2",
            "--batch 64 --lr 1e300 | --lr: 1.0E300 is larger than 10",
            "--batch 64 --multi-res 0.007 | --multi-res: 0.007 of --batch 64 rounds to 0 of its 64 pairs at 14x14",
            "--batch 64 --patch 7 | --patch: the cnn tower has no patches; patch sizes need --tower vit",
            "--batch 64 --tower vit --patch 5 | --patch: patch size 5 does not tile the 28x28 image for the vit tower; use one of [4, 7, 14]",
            "--batch 64 --tower vit --flexi 4,9 | --flexi: patch size 9 does not tile the 28x28 image for the vit tower; use one of [4, 7, 14]",
            "--batch 64 --embed-dim 100000000 | --embed-dim 100000000: a projection matrix of the model would hold",
            "--batch 64 --embed-dim 10000000 | --embed-dim 10000000: a projection matrix of the model needs",
    })
    void refusedBeforeTraining(String flags, String message) {
        String[] args = ("train --model S --pool-size 2000 --eval-size 1000 --out " + tmp.resolve("run") + " " + flags).split(" ");
        UserErrorsTest.assertUserError(CliRun.of(args), message);
    }

    /** A reference is a run too: its arrays are checked before anything is allocated. */
    @Test
    void aReferenceTooLargeForMemoryIsRefusedBeforeTraining() {
        String[] args = ("reference --curation-level curated --model S --data-dir " + FashionMnistFixture.dir() + " --embed-dim 100000000"
                + " --out " + tmp.resolve("ref.zip")).split(" ");
        UserErrorsTest.assertUserError(CliRun.of(args), "--embed-dim 100000000: a projection matrix of the model would hold");
    }

    List<String> train(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--data-dir", FashionMnistFixture.dir().toString(), "--pool-size", "200",
                "--tower", "mlp", "--iterations", "2", "--batch", "16", "--eval-every", "1", "--eval-size", "50",
                "--out", out.toString()));
        args.addAll(List.of(extra));
        return args;
    }

    @Test
    void resumeWithAnotherModelIsRefusedAndTheProvenanceKept() throws IOException {
        Path out = tmp.resolve("run");
        CliRun first = CliRun.of(train(out, "--model", "S", "--threads", "1").toArray(String[]::new));
        assertEquals(0, first.exitCode(), first.err());
        byte[] provenance = Files.readAllBytes(out.resolve("provenance.json"));
        CliRun again = CliRun.of(train(out, "--model", "M", "--threads", "1", "--resume").toArray(String[]::new));
        UserErrorsTest.assertUserError(again, out + ": --resume continues the run this folder holds", "--model: saved S, now M");
        assertArrayEquals(provenance, Files.readAllBytes(out.resolve("provenance.json")));
        CliRun same = CliRun.of(train(out, "--model", "S", "--threads", "2", "--resume").toArray(String[]::new));
        assertEquals(0, same.exitCode(), same.err());
    }

    @Test
    void aRunFileWithAKeyTwiceIsRefusedNamingTheKey() throws IOException {
        Path file = tmp.resolve("run.json");
        Files.writeString(file, "{\"batch\": 64,\n \"batch\": 32}");
        UserErrorsTest.assertUserError(CliRun.of("train", "--run", file.toString(), "--out", tmp.resolve("o").toString()),
                file + ": ", "'batch'");
    }

    @Test
    void referenceResumeWithOtherSettingsIsRefusedByFlag() {
        Path ref = tmp.resolve("refs/curated-S.zip");
        List<String> args = new ArrayList<>(List.of("reference", "--data-dir", FashionMnistFixture.dir().toString(), "--curation-level",
                "curated", "--reference-size", "60", "--tower", "mlp", "--model", "S", "--iterations", "2", "--batch", "16",
                "--eval-every", "1", "--eval-size", "50", "--out", ref.toString()));
        List<String> first = new ArrayList<>(args);
        first.addAll(List.of("--threads", "1", "--lr", "0.002"));
        CliRun r = CliRun.of(first.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        List<String> again = new ArrayList<>(args);
        again.addAll(List.of("--threads", "2", "--lr", "0.01", "--resume"));
        UserErrorsTest.assertUserError(CliRun.of(again.toArray(String[]::new)), "--lr: saved 0.002, now 0.01");
        List<String> same = new ArrayList<>(args);
        same.addAll(List.of("--threads", "2", "--lr", "0.002", "--resume"));
        CliRun ok = CliRun.of(same.toArray(String[]::new));
        assertEquals(0, ok.exitCode(), ok.err());
    }
}
