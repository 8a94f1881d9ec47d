package org.curationlab.cli;

import org.curationlab.harness.sweep.SweepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.curationlab.testing.CurationAssertions.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** {@code --set} and {@code --seed-offset} as regress, sweep and tune apply them to a spec. */
class SpecOverridesTest {
    @TempDir
    Path dir;

    private SweepSpec spec() throws IOException {
        Path f = dir.resolve("ci.yaml");
        Files.writeString(f, """
                name: ci
                fixed:
                  model: M
                  reference: results/references/curated-M.zip
                axes:
                  method: [uniform, learnability]
                  seed: [0, 1]
                """);
        return SweepSpec.load(f);
    }

    private static SpecOverrides of(long seedOffset, String... settings) {
        SpecOverrides o = new SpecOverrides();
        o.settings.addAll(List.of(settings));
        o.seedOffset = seedOffset;
        return o;
    }

    private static List<String> values(List<SweepSpec.Setting> axis) {
        return axis.stream().map(SweepSpec.Setting::value).toList();
    }

    @Test
    void aPlainValueFixesASettingAndReplacesItsAxis() throws IOException {
        SweepSpec s = of(0, "seed=0", "reference=none-M.zip").apply(spec());
        assertFalse(s.axes().containsKey("seed"));
        assertEquals("0", s.fixed().get("seed").value());
        assertEquals("none-M.zip", s.fixed().get("reference").value());
        assertEquals(List.of("uniform", "learnability"), values(s.axes().get("method")));
    }

    @Test
    void aListMakesAnAxisInPlaceOfAFixedValueOrAnotherAxis() throws IOException {
        SweepSpec s = of(0, "method=[uniform, hard-learner]", "model=[S,M]").apply(spec());
        assertEquals(List.of("uniform", "hard-learner"), values(s.axes().get("method")));
        assertEquals(List.of("S", "M"), values(s.axes().get("model")));
        assertFalse(s.fixed().containsKey("model"));
    }

    @Test
    void theSeedOffsetShiftsEverySeed() throws IOException {
        SweepSpec s = of(1000, "method=[uniform,learnability]").apply(spec());
        assertEquals(List.of("1000", "1001"), values(s.axes().get("seed")));
    }

    @Test
    void anEmptyListEntryIsOneClearError() {
        assertMessage(() -> of(0, "method=[uniform,,learnability]").apply(spec()), "--set", "method=[uniform,,learnability]", "empty value");
    }
}
