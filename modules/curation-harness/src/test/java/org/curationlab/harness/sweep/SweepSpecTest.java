package org.curationlab.harness.sweep;

import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepSpecTest {
    @TempDir
    Path tmp;

    Path write(String text) throws IOException {
        Path p = tmp.resolve("spec.yaml");
        Files.writeString(p, text);
        return p;
    }

    static final String SPEC = """
            name: demo
            fixed:
              model: S
              noise: web,misaligned=0.4
            axes:
              method: [uniform, learnability]
              seed: [0, 1, 2]
            """;

    @Test
    void gridHasEveryCombinationOnceInAStableOrder() throws IOException {
        SweepSpec spec = SweepSpec.load(write(SPEC));
        List<SweepCell> cells = spec.cells();
        assertEquals(6, cells.size());
        Set<String> combos = cells.stream().map(c -> c.settings().get("method") + "/" + c.settings().get("seed")).collect(Collectors.toSet());
        assertEquals(6, combos.size());
        assertEquals(6, cells.stream().map(SweepCell::id).distinct().count());
        assertEquals(cells, SweepSpec.load(spec.file()).cells(), "expansion is deterministic");
        for (SweepCell c : cells) {
            assertEquals("S", c.settings().get("model"));
            assertEquals("web,misaligned=0.4", c.settings().get("noise"));
            assertEquals(Set.of("method", "seed"), c.axisValues().keySet());
            assertTrue(c.id().startsWith("method=" + c.settings().get("method") + ",seed=" + c.settings().get("seed") + "_"), c.id());
        }
    }

    @Test
    void cellIdDependsOnEverySettingButNotOnTheirOrder() {
        SweepCell a = SweepCell.of(Map.of("model", "S"), Map.of("seed", "1"));
        SweepCell b = SweepCell.of(Map.of("model", "M"), Map.of("seed", "1"));
        assertNotEquals(a.id(), b.id());
        assertEquals(a.id(), SweepCell.of(Map.of("model", "S"), Map.of("seed", "1")).id());
    }

    @Test
    void oneValueAxesGoAnywhere() throws IOException {
        Map<String, List<String>> cases = Map.of(
                "method: [uniform]\n  seed: [0, 1]", List.of("method=uniform,seed=0", "method=uniform,seed=1"),
                "seed: [0, 1]\n  method: [uniform]", List.of("seed=0,method=uniform", "seed=1,method=uniform"),
                "a: [x]\n  seed: [0, 1]\n  b: [y]", List.of("a=x,seed=0,b=y", "a=x,seed=1,b=y"),
                "a: [x]\n  b: [y]", List.of("a=x,b=y"));
        for (Map.Entry<String, List<String>> c : cases.entrySet()) {
            List<SweepCell> cells = SweepSpec.load(write("name: one\naxes:\n  " + c.getKey() + "\n")).cells();
            assertEquals(c.getValue(), cells.stream().map(SweepCell::slug).toList(), c.getKey());
        }
    }

    @Test
    void aGridAboveTheLimitIsRefusedNamingSpecAndCount() throws IOException {
        Path p = write("name: huge\naxes:\n  seed: [" + java.util.stream.IntStream.range(0, 1000).mapToObj(Integer::toString)
                .collect(Collectors.joining(", ")) + "]\n  lr: [" + java.util.stream.IntStream.range(0, 1000)
                .mapToObj(i -> "0." + (i + 1)).collect(Collectors.joining(", ")) + "]\n");
        CurationException e = assertThrows(CurationException.class, () -> SweepSpec.load(p).cells());
        assertTrue(e.getMessage().startsWith(p + ": ") && e.getMessage().contains("1000000 cells")
                && e.getMessage().contains(Integer.toString(SweepGrid.MAX_CELLS)), e.getMessage());
    }

    @Test
    void noAxesIsOneCell() throws IOException {
        List<SweepCell> cells = SweepSpec.load(write("name: one\nfixed:\n  model: S\n")).cells();
        assertEquals(1, cells.size());
        assertTrue(cells.get(0).id().startsWith("base_"));
    }

    /** A name is the folder runs/<name>: one path word, so no sweep writes beside or over runs/. */
    @ParameterizedTest
    @ValueSource(strings = {"'..'", "'.'", "a/b", "'../x'", "'/tmp/x'", "'a\\b'", "''", ".hidden", "-x", "'a b'", "[a]", "~"})
    void aNameThatIsNotOnePathWordIsRefusedWithFileLineAndValue(String name) throws IOException {
        Path p = write("fixed:\n  model: S\nname: " + name + "\n");
        CurationException e = assertThrows(CurationException.class, () -> SweepSpec.load(p));
        assertTrue(e.getMessage().startsWith(p + ":3: name: "), e.getMessage());
        String value = name.startsWith("'") ? name.substring(1, name.length() - 1) : name;
        assertTrue(e.getMessage().contains(name.equals("[a]") || name.equals("~") ? "no single value" : "'" + value + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("one path word"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tune-lr", "a.b_c-1", "1x", "v1.2"})
    void onePathWordNamesAreAccepted(String name) throws IOException {
        assertEquals(name, SweepSpec.load(write("name: " + name + "\n")).name());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "name: x\\nfixd:\\n  model: S\\n | 2 | unknown key 'fixd'",
            "name: x\\nfixed:\\n  model: [S, M]\\n | 3 | takes one value",
            "name: x\\naxes:\\n  seed: 3\\n | 3 | list of values",
            "name: x\\naxes:\\n  seed: []\\n | 3 | at least one value",
            "name: x\\naxes:\\n  seed:\\n    - 0\\n    - 0\\n | 5 | appears twice",
            "name: x\\nfixed:\\n  seed: 1\\naxes:\\n  seed: [0, 1]\\n | 5 | both fixed",
            "name: a/b\\n | 1 | name:",
    })
    void structuralErrorsNameFileAndLine(String text, int line, String fragment) throws IOException {
        Path p = write(text.replace("\\n", "\n"));
        CurationException e = assertThrows(CurationException.class, () -> SweepSpec.load(p));
        assertTrue(e.getMessage().startsWith(p + ":" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
