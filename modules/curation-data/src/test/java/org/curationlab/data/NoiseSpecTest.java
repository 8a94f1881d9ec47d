package org.curationlab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoiseSpecTest {
    @Test
    void presetsAndOverridesReadLeftToRight() {
        assertEquals(NoiseSpec.WEB, NoiseSpec.parse("web"));
        assertEquals(NoiseSpec.NONE, NoiseSpec.parse("none"));
        NoiseSpec s = NoiseSpec.parse("web, misaligned=0.5");
        assertEquals(0.5, s.misaligned(), 0);
        assertEquals(NoiseSpec.WEB.generic(), s.generic(), 0);
        NoiseSpec only = NoiseSpec.parse("misaligned=0.5");
        assertEquals(0.5, only.misaligned(), 0);
        assertEquals(0, only.generic(), 0);
        assertEquals(0, only.longtail(), 0);
    }

    @Test
    void textFormRoundTrips() {
        NoiseSpec s = new NoiseSpec(0.25, 0.1, 0, 0.05, 0.5);
        assertEquals(s, NoiseSpec.parse(s.toString()));
    }

    @Test
    void cleanRateIsWhatIsLeft() {
        assertEquals(0.5, NoiseSpec.WEB.rate(PairFlag.CLEAN), 1e-12);
        assertEquals(0.25, NoiseSpec.WEB.scaled(0.5).noiseRate(), 1e-12);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "misaligned=1.5|misaligned=1.5 is outside [0, 1]",
            "generic=-0.1|generic=-0.1 is outside [0, 1]",
            "longtail=2|longtail=2.0 is outside [0, 1]",
            "misaligned=0.6,generic=0.5|sum to 1.100, above 1",
            "blurry=0.1|unknown noise kind 'blurry'",
            "misaligned=lots|misaligned='lots' is not a number",
            "misaligned|neither a preset",
    })
    void badSpecsNameTheFlagAndTheFault(String spec, String fragment) {
        CurationException e = assertThrows(CurationException.class, () -> NoiseSpec.parse(spec));
        assertTrue(e.getMessage().startsWith("--noise"), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
