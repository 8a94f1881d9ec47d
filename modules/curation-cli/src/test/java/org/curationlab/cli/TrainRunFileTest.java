package org.curationlab.cli;

import org.curationlab.data.FashionMnistFixture;
import org.curationlab.train.EvalLog;
import org.curationlab.train.RunSpec;
import org.curationlab.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `curate train` builds a {@link RunSpec} from its options; `--run FILE` trains one from JSON, as sweep cells do. */
class TrainRunFileTest {
    @TempDir
    Path tmp;

    static RunSpec parsed(String... args) {
        TrainCommand train = new TrainCommand();
        new CommandLine(train).parseArgs(args);
        return train.toRun();
    }

    @Test
    void theOptionsDefaultsAreTheRunsDefaults() {
        assertEquals(RunSpec.defaults(), parsed("--out", "x"));
        RunSpec r = parsed("--out", "x", "--method", "learnability", "--filter-ratio", "0.5", "--greedy", "--pool-pruning", "dbp");
        assertEquals(RunSpec.defaults().with("method", "learnability").with("filter-ratio", 0.5).with("greedy", true)
                .with("pool-pruning", "dbp"), r);
    }

    @Test
    void everyTrainOptionIsAFieldOfTheRun() {
        List<String> options = new CommandLine(new TrainCommand()).getCommandSpec().options().stream()
                .map(o -> o.longestName().substring(2)).filter(n -> !List.of("out", "resume", "run", "help", "version").contains(n))
                .sorted().toList();
        assertEquals(options, RunSpec.keys().stream().sorted().toList());
    }

    @Test
    void aRunFileTrainsTheRowsItsOptionsTrain() throws Exception {
        String[] options = {"--data-dir", FashionMnistFixture.dir().toString(), "--pool-size", "200", "--tower", "mlp", "--model", "S",
                "--embed-dim", "32", "--iterations", "2", "--batch", "16", "--eval-every", "1", "--eval-size", "50", "--threads", "1",
                "--seed", "5"};
        List<String> flags = new java.util.ArrayList<>(List.of("train"));
        flags.addAll(List.of(options));
        flags.addAll(List.of("--out", tmp.resolve("flags").toString()));
        CliRun a = CliRun.of(flags.toArray(String[]::new));
        assertEquals(0, a.exitCode(), a.err());

        List<String> withOut = new java.util.ArrayList<>(List.of(options));
        withOut.addAll(List.of("--out", "x"));
        Path file = tmp.resolve("run.json");
        parsed(withOut.toArray(String[]::new)).write(file);
        CliRun b = CliRun.of("train", "--run", file.toString(), "--out", tmp.resolve("file").toString());
        assertEquals(0, b.exitCode(), b.err());
        assertEquals(rows(tmp.resolve("flags")), rows(tmp.resolve("file")));
    }

    @Test
    void aRunFileStandsAlone() throws Exception {
        Path file = tmp.resolve("run.json");
        Files.writeString(file, "{\"batch\": 64}");
        CliRun r = CliRun.of("train", "--run", file.toString(), "--batch", "32", "--out", tmp.resolve("o").toString());
        assertEquals(Curate.EXIT_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("--batch") && r.err().contains("--run"), r.err());
        assertTrue(r.clean(), r.err());

        Files.writeString(file, "{\"filter-ratio\": \"most\"}");
        CliRun bad = CliRun.of("train", "--run", file.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(Curate.EXIT_INPUT, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains(file + ": filter-ratio: 'most' is not a number"), bad.err());
        assertTrue(bad.clean(), bad.err());
    }

    private static List<Map<String, String>> rows(Path run) {
        return new EvalLog(run.resolve(Trainer.EVAL_CSV)).read().stream().map(r -> {
            Map<String, String> m = new LinkedHashMap<>(r);
            m.keySet().removeAll(EvalLog.TIMING);
            return m;
        }).toList();
    }
}
