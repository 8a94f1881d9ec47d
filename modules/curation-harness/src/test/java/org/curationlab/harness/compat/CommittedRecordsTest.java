package org.curationlab.harness.compat;

import com.fasterxml.jackson.databind.JsonNode;
import org.curationlab.harness.summary.ReferenceAccuracy;
import org.curationlab.harness.sweep.CellRuns;
import org.curationlab.harness.sweep.SweepCell;
import org.curationlab.harness.sweep.SweepSpec;
import org.curationlab.train.RunProvenance;
import org.curationlab.train.RunSpec;
import org.curationlab.train.results.ResultsTable;
import org.curationlab.train.settings.RunSchema;
import org.curationlab.train.settings.Setting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every record committed under results/ and every spec under experiments/ still reads with today's
 * settings schema: run.json files (and they write back byte for byte), the runs and settings of
 * sweep.json files, provenance.json settings under schema keys, results and evaluation CSVs, and
 * the sweep specs' cells. Tests run with the module as working directory.
 */
class CommittedRecordsTest {
    static final Path ROOT = Path.of("../..");

    static Stream<Path> files(String under, String name) throws IOException {
        try (Stream<Path> s = Files.walk(ROOT.resolve(under))) {
            List<Path> found = s.filter(p -> p.getFileName().toString().equals(name) || name.startsWith("*.")
                    && p.getFileName().toString().endsWith(name.substring(1))).sorted().toList();
            assertFalse(found.isEmpty(), "no " + name + " under " + under);
            return found.stream();
        }
    }

    static Stream<Path> runFiles() throws IOException {
        return files("results", "run.json");
    }

    static Stream<Path> sweepFiles() throws IOException {
        return files("results", "sweep.json");
    }

    static Stream<Path> provenanceFiles() throws IOException {
        return files("results", "provenance.json");
    }

    static Stream<Path> csvFiles() throws IOException {
        return Stream.concat(files("results", "results.csv"), files("results", "eval.csv"));
    }

    static Stream<Path> specFiles() throws IOException {
        try (Stream<Path> s = Files.list(ROOT.resolve("experiments"))) {
            return s.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().endsWith("multipliers.yaml"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("runFiles")
    void everyRunFileReadsAndWritesBackTheSame(Path file) throws IOException {
        RunSpec run = RunSpec.read(file);
        JsonNode saved = RunProvenance.json().readTree(file.toFile());
        com.fasterxml.jackson.databind.node.ObjectNode written =
                (com.fasterxml.jackson.databind.node.ObjectNode) RunProvenance.json().readTree(run.toJson());
        // Settings added after the file was written read at their defaults; the rest writes back byte for byte.
        for (String key : RunSchema.keys()) {
            if (!saved.has(key)) {
                Setting<?> s = RunSchema.find(key);
                if (s.quiet()) {
                    // a quiet setting (your pairs' decoding) is left out of run.json at its default
                    assertFalse(written.has(key), file + ": " + key + " written at its default");
                } else {
                    assertEquals(s.toJson(s.defaultValue()), written.get(key), file + ": " + key);
                    written.remove(key);
                }
            }
        }
        assertEquals(Files.readString(file), RunProvenance.json().writeValueAsString(written), file.toString());
    }

    @ParameterizedTest
    @MethodSource("sweepFiles")
    void everySweepsCellsReadAsRuns(Path file) throws IOException {
        JsonNode doc = RunProvenance.json().readTree(file.toFile());
        assertTrue(doc.path("cells").size() > 0, file.toString());
        for (JsonNode c : doc.path("cells")) {
            Map<String, String> settings = new LinkedHashMap<>();
            c.path("settings").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
            RunSpec typed = CellRuns.typed(SweepCell.of(settings, Map.of()));
            if (c.has("run")) {
                RunSpec recorded = RunSpec.fromJson(c.get("run").toString(), file + " " + c.path("id").asText());
                // The recorded run is the cell's settings (its threads and machine paths aside).
                settings.forEach((k, v) -> assertEquals(RunSchema.find(k).of(typed), RunSchema.find(k).of(recorded), file + ": " + k));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("provenanceFiles")
    void everyProvenanceReadsUnderSchemaKeys(Path file) {
        Map<String, JsonNode> s = RunProvenance.settings(file);
        // A reference trained on your own pairs reads no Fashion-MNIST folder, so it records no data-dir.
        boolean ownReference = s.containsKey("reference-pairs") && s.get("command").asText().equals("reference");
        for (String key : List.of("data-dir", "iterations", "batch", "eval-every", "eval-size", "seed", "multi-res")) {
            assertTrue(s.containsKey(key) || ownReference && key.equals("data-dir"), file + " has no " + key + ": " + s.keySet());
        }
        if (s.get("command").asText().equals("train")) {
            for (String key : List.of("method", "filter-ratio", "score-resolution", "selection")) {
                assertTrue(s.containsKey(key), file + " has no " + key + ": " + s.keySet());
            }
        } else if (ownReference) {
            // ...nor a curation level: it names the pairs it trained on, and their content hash.
            assertTrue(s.containsKey("reference-pairs-sha256") && s.containsKey("reference-pairs-count"), s.keySet().toString());
        } else {
            assertTrue(s.containsKey("curation-level") && s.containsKey("reference-size") && s.containsKey("noise"), s.keySet().toString());
        }
        // What a schema key holds reads as that setting (old files wrote some as text, e.g. "16").
        s.forEach((k, v) -> {
            Setting<?> setting = RunSchema.find(k);
            if (setting != null && !v.isNull()) {
                assertNotNull(setting.fromJson(v), file + ": " + k);
            }
        });
    }

    @Test
    void theReferenceACellUsedIsFoundInOldProvenance() {
        Path cell = ROOT.resolve("results/jest-methods");
        long named;
        try (Stream<Path> dirs = Files.list(cell)) {
            named = dirs.filter(Files::isDirectory).map(ReferenceAccuracy::namedIn).filter(n -> n != null && n.endsWith(".zip")).count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertTrue(named > 0, "no run of results/jest-methods names its reference checkpoint");
    }

    @ParameterizedTest
    @MethodSource("csvFiles")
    void everyResultsTableReads(Path file) {
        assertFalse(ResultsTable.read(file).rows().isEmpty(), file.toString());
    }

    @ParameterizedTest
    @MethodSource("specFiles")
    void everySpecsCellsAreTypedByTheSchema(Path file) throws IOException {
        boolean tune = Files.readString(file).lines().anyMatch(l -> l.startsWith("search:"));
        SweepSpec spec;
        try {
            spec = SweepSpec.load(file, tune);
        } catch (org.curationlab.data.CurationException e) {
            // A spec that names a tune's best.json not committed cannot expand its cells here.
            assertTrue(e.getMessage().contains("tuned:"), e.getMessage());
            return;
        }
        for (SweepCell cell : spec.cells()) {
            RunSpec run = CellRuns.typed(cell);
            cell.settings().forEach((k, v) -> assertNotNull(RunSchema.find(k), file + ": " + k));
            assertEquals(run, RunSpec.fromJson(run.toJson(), file.toString()));
        }
    }
}
