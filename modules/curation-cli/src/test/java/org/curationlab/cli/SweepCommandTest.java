package org.curationlab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spec checking through `curate train`'s own parsing, without running any cell. */
class SweepCommandTest {
    @TempDir
    Path tmp;

    Path spec(String text) throws IOException {
        Path p = tmp.resolve("spec.yaml");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void dryRunPrintsEveryCellWithItsRun() throws IOException {
        Path p = spec("""
                name: demo
                fixed:
                  model: S
                  greedy: true
                  noise: web,misaligned=0.4
                axes:
                  method: [uniform, learnability]
                  seed: [0, 1]
                """);
        CliRun r = CliRun.of("sweep", p.toString(), "--dry-run");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("4 cells -> " + Path.of("runs", "demo")), r.out());
        assertTrue(r.out().contains("  {\"noise\":\"web,misaligned=0.4\",\"seed\":1,\"model\":\"S\",\"method\":\"learnability\",\"greedy\":true}"),
                r.out());
        assertTrue(!Files.exists(tmp.resolve("results")));
    }

    @Test
    void setReplacesAnAxisAndSeedOffsetShiftsTheSeeds() throws IOException {
        Path p = spec("name: demo\nfixed:\n  model: S\naxes:\n  method: [uniform, learnability]\n  seed: [0, 1, 2]\n");
        CliRun one = CliRun.of("sweep", p.toString(), "--dry-run", "--set", "seed=0", "--set", "model=L");
        assertEquals(0, one.exitCode(), one.err());
        assertTrue(one.out().contains("2 cells"), one.out());
        assertTrue(one.out().contains("  {\"model\":\"L\"}") && one.out().contains("  {\"model\":\"L\",\"method\":\"learnability\"}"), one.out());
        CliRun shifted = CliRun.of("sweep", p.toString(), "--dry-run", "--seed-offset", "1000");
        assertTrue(shifted.out().contains("6 cells") && shifted.out().contains("\"seed\":1002"), shifted.out());
        assertTrue(!shifted.out().contains("\"seed\":0,") && !shifted.out().contains("\"seed\":0}"), shifted.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"seed | KEY=VALUE", "=3 | KEY=VALUE", "iterations=lots | :1: iterations"})
    void aBadSetNamesTheFlag(String set, String fragment) throws IOException {
        Path p = spec("name: demo\naxes:\n  seed: [0, 1]\n");
        CliRun r = CliRun.of("sweep", p.toString(), "--dry-run", "--set", set);
        assertEquals(Curate.EXIT_INPUT, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains(fragment), r.err());
        assertTrue(r.clean(), r.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "iterations: lots | 3 | iterations: 'lots' is not a whole number",
            "filter-ratio: 1.5 | 3 | --filter-ratio",
            "modle: S | 3 | unknown setting",
            "greedy: maybe | 3 | not true or false",
            "out: x | 3 | set by the sweep",
            "noise: web,bogus=0.1 | 3 | noise",
            "model: XXL | 3 | --model",
    })
    void badFixedSettingsNameFileAndLine(String setting, int line, String fragment) throws IOException {
        Path p = spec("name: bad\nfixed:\n  " + setting + "\naxes:\n  seed: [0, 1]\n");
        CliRun r = CliRun.of("sweep", p.toString(), "--dry-run");
        assertEquals(Curate.EXIT_INPUT, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains(p + ":" + line + ": "), r.err());
        assertTrue(r.err().contains(fragment), r.err());
        assertTrue(r.clean(), r.err());
    }

    @Test
    void anUnknownMethodOnAnAxisNamesTheLineOfThatValue() throws IOException {
        Path p = spec("name: bad\naxes:\n  method:\n    - uniform\n    - learnabilty\n");
        CliRun r = CliRun.of("sweep", p.toString(), "--dry-run");
        assertEquals(Curate.EXIT_INPUT, r.exitCode());
        assertTrue(r.err().contains(p + ":5: method: --method:"), r.err());
        assertTrue(r.err().contains("learnabilty"), r.err());
    }

    @Test
    void aFolderHoldingASweepNeedsResume() throws IOException {
        Path p = spec("name: again\nfixed:\n  model: S\n");
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("results.csv"), "cell,cell_row,cell_rows\n");
        CliRun r = CliRun.of("sweep", p.toString(), "--out", out.toString());
        assertEquals(Curate.EXIT_INPUT, r.exitCode());
        assertTrue(r.err().contains("--resume"), r.err());
    }

    /** A sweep or tune named ".." would write beside runs/ (into the repository), "." into runs/ itself. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"sweep | '..'", "sweep | '.'", "sweep | ../elsewhere", "tune | '..'", "tune | a/b"})
    void aNameThatIsNotOnePathWordIsRefusedBeforeAnythingIsWritten(String verb, String name) throws IOException {
        Path p = spec("fixed:\n  model: S\nname: " + name + "\naxes:\n  seed: [0]\n"
                + (verb.equals("tune") ? "search:\n  space:\n    lr: [0.001, 0.002]\n" : ""));
        CliRun r = CliRun.of(verb, p.toString(), "--dry-run");
        assertEquals(Curate.EXIT_INPUT, r.exitCode(), r.out() + r.err());
        String value = name.replace("'", "");
        assertTrue(r.err().contains(p + ":3: name: '" + value + "' must be one path word"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.clean(), r.err());
    }

    @Test
    void quickSpecValidates() {
        Path quick = Path.of("../../experiments/quick.yaml");
        CliRun r = CliRun.of("sweep", quick.toString(), "--dry-run");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("\"method\":\"learnability\""), r.out());
    }

    @Test
    void cellsInheritTheSweepsMemoryLimitsOrGetTheLaunchersDefaults() {
        assertEquals(java.util.List.of("-Xmx3g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=5g"),
                SweepCommand.memoryOptions(java.util.List.of("-Dfile.encoding=UTF-8", "-Xmx3g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=5g")));
        java.util.List<String> defaults = SweepCommand.memoryOptions(java.util.List.of("-Dfile.encoding=UTF-8"));
        assertEquals(JvmMemory.options(), defaults);
        assertTrue(defaults.stream().anyMatch(a -> a.startsWith("-Dorg.bytedeco.javacpp.maxphysicalbytes=")), defaults.toString());
    }

    @Test
    void theDefaultsAreTheRepositorysJvmMemoryOptionsWhichTheseTestsRunWith() throws IOException {
        java.util.List<String> file = JvmMemory.parse(Files.readString(Path.of("../../jvm-memory.options")));
        assertEquals(file, JvmMemory.options(), "curate.jar's copy is the repository's file");
        assertTrue(file.stream().anyMatch(a -> a.startsWith("-Xmx")), file.toString());
        java.util.List<String> self = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        assertTrue(self.containsAll(file), "surefire's argLine reads the same file: " + self);
        assertEquals(java.util.List.of("-Xmx1g", "-Da=b"), JvmMemory.parse("# comment\n -Xmx1g   -Da=b # trailing\n\n"));
    }
}
