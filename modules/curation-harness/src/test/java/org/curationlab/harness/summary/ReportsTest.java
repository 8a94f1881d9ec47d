package org.curationlab.harness.summary;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report tables computed in Java: paired t intervals and what pruning stages kept. */
class ReportsTest {
    @TempDir
    Path tmp;

    @Test
    void thePairedIntervalIsStudentsT() {
        Map<String, double[]> pairs = new LinkedHashMap<>();
        pairs.put("seed=0", new double[]{0.70, 0.60});
        pairs.put("seed=1", new double[]{0.74, 0.66});
        pairs.put("seed=2", new double[]{0.75, 0.66});
        PairedComparison p = new PairedComparison("a", "b", List.of(), pairs, Map.of());
        assertEquals(0.09, p.difference().mean(), 1e-12);
        assertEquals(0.01, p.difference().sd(), 1e-12);
        // t(2) at 0.975 is 4.302652729911275 (published tables: 4.303)
        assertEquals(4.302652729911275 * 0.01 / Math.sqrt(3), p.halfWidth(0.95), 1e-9); // Hipparchus inverts the cdf to ~1e-9
        assertEquals("higher", p.verdict(0.95));
        PairedComparison one = new PairedComparison("a", "b", List.of(), Map.of("seed=0", new double[]{1, 0}), Map.of());
        assertTrue(Double.isNaN(one.halfWidth(0.95)));
        assertEquals(2, PairedComparison.markdown(List.of(one), "x", List.of(), "seeds", 0.95, List.of()).lines().count(),
                "one pair: no line under the header");
    }

    @Test
    void theFullPoolIsCountedAsItIsBuilt() {
        Map<String, Long> web = StageComposition.fullPool(
                "size=20000;noise=misaligned=0.2,generic=0.1,corrupted=0.1,duplicate=0.1,longtail=0.5;seed=0", tmp);
        assertEquals(Map.of("clean", 10000L, "misaligned", 4000L, "generic", 2000L, "corrupted", 2000L, "duplicate", 2000L), web);
    }

    @Test
    void eachStageIsTheMeanOverTheGroupsCells() throws IOException {
        Path a = cell("a", 100, 60);
        Path b = cell("b", 100, 61);
        String md = StageComposition.markdown(Map.of("dbp:0.3", List.of(a, b)), "pipeline");
        assertTrue(md.startsWith("| pipeline | stage | kept | of pool | clean | misaligned | generic | corrupted | duplicate |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"), md);
        assertTrue(md.contains("| dbp:0.3 | dbp:0.3 | 100 | 0.30 | 60 | 40 | 0 | 0 | 0 |"), md); // clean (60 + 61) / 2 = 60.5 → 60, a tie to even
    }

    private Path cell(String name, int kept, int clean) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("provenance.json"), "{\"settings\": {\"pool\": \"size=1000;noise=web;seed=0\", \"pruning_stages\": ["
                + "{\"stage\": \"dbp:0.3\", \"kept\": " + kept + ", \"kept_of_pool\": 0.3, \"kept_by_kind\": {\"clean\": " + clean
                + ", \"misaligned\": 40}}]}}");
        return dir;
    }
}
