package org.curationlab.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NativeBuildTest {
    private static final String SKYLAKE_X = "fpu sse2 avx avx2 fma avx512f avx512dq avx512cd avx512bw avx512vl";

    @ParameterizedTest(name = "{0} with {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        // CPU flags | builds present | extension
        SKYLAKE_X + "                          | both   | -onednn-avx512",
        SKYLAKE_X + " avx512ifma avx512vbmi    | both   | -onednn-avx512",
        SKYLAKE_X + "                          | avx2   | -onednn-avx2",
        "fpu sse2 avx avx2 fma                 | both   | -onednn-avx2",
        // Knights Landing: AVX-512F without BW/DQ/VL cannot run a Skylake-X build.
        "fpu avx avx2 fma avx512f avx512cd avx512er avx512pf | both | -onednn-avx2",
        "fpu sse2 avx                          | both   | ",
        "fpu sse2 avx avx2 fma                 | avx512 | ",
        "                                      | both   | "})
    void choosesTheWidestBuildTheCpuRuns(String flags, String present, String expected) {
        Set<NativeBuild.Build> builds = switch (present) {
            case "both" -> EnumSet.allOf(NativeBuild.Build.class);
            case "avx2" -> EnumSet.of(NativeBuild.Build.ONEDNN_AVX2);
            default -> EnumSet.of(NativeBuild.Build.ONEDNN_AVX512);
        };
        Set<String> cpu = flags == null ? Set.of() : Set.of(flags.trim().split("\\s+"));
        assertEquals(expected, NativeBuild.extensionFor(cpu, builds));
    }

    @Test
    void readsTheFlagsOfProcCpuinfo() {
        String cpuinfo = "processor\t: 0\nmodel name\t: Xeon\nflags\t\t: fpu avx2 avx512f\nbugs\t\t: spectre\n"
                + "processor\t: 1\nflags\t\t: fpu\n";
        assertEquals(Set.of("fpu", "avx2", "avx512f"), NativeBuild.flags(cpuinfo));
        assertEquals(Set.of(), NativeBuild.flags("processor : 0\n"));
    }

    @Test
    void theOverrideNamesABuildOrAuto() {
        assertNull(NativeBuild.override(null));
        assertNull(NativeBuild.override(" auto "));
        assertEquals("-onednn-avx2", NativeBuild.override("onednn-avx2"));
        assertEquals("-onednn-avx512", NativeBuild.override("-onednn-avx512"));
        CurationException e = assertThrows(CurationException.class, () -> NativeBuild.override("avx1024"));
        assertTrue(e.getMessage().startsWith("CURATE_ND4J_BUILD = 'avx1024'; expected auto, onednn-avx512, onednn-avx2"),
                e.getMessage());
    }

    @Test
    void aChildInheritsTheChoiceUnlessToldOtherwise() {
        String before = System.getProperty(NativeBuild.PROPERTY);
        try {
            System.setProperty(NativeBuild.PROPERTY, "-onednn-avx2");
            Map<String, String> env = new HashMap<>();
            NativeBuild.inherit(env);
            assertEquals("onednn-avx2", env.get(NativeBuild.ENV));
            env.put(NativeBuild.ENV, "onednn-avx512");
            NativeBuild.inherit(env);
            assertEquals("onednn-avx512", env.get(NativeBuild.ENV));
        } finally {
            if (before == null) {
                System.clearProperty(NativeBuild.PROPERTY);
            } else {
                System.setProperty(NativeBuild.PROPERTY, before);
            }
        }
    }

    @Test
    void theLoadedBuildIsNamed() {
        // Loads ND4J (the tests pin the AVX2 build through the property).
        org.nd4j.linalg.factory.Nd4j.create(1);
        String loaded = NativeBuild.loaded();
        assertTrue(loaded.startsWith("linux-x86_64"), loaded);
        String pinned = System.getProperty(NativeBuild.PROPERTY);
        if (pinned != null && !pinned.isEmpty()) {
            assertEquals("linux-x86_64" + pinned, loaded);
        }
    }
}
