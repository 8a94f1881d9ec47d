package org.curationlab.harness.multiplier;

import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code metric:} measures the multipliers on another accuracy column, e.g. recall on your own pairs that have no classes. */
class MultiplierMetricTest {
    @TempDir
    Path dir;

    /** Uniform and learnability, two seeds: i2t_r1 follows the curve (learnability twice as fast), zero-shot stays flat. */
    private Path table() throws Exception {
        StringBuilder csv = new StringBuilder("cell,method,seed,iteration,flops_total,flops_train,zeroshot_top1,i2t_r1,wall_s\n");
        for (int s = 0; s < 2; s++) {
            for (String m : List.of("uniform", "learnability")) {
                var curve = Records.curve(m.equals("uniform") ? 1 : 2, 0.001 * s);
                for (int it = 0; it <= 600; it += 100) {
                    csv.append(String.format(Locale.ROOT, "%s%d,%s,%d,%d,%.6g,%.6g,0.050000,%.6f,%.6g%n", m, s, m, s, it, 1e9 * it, 1e9 * it,
                            it == 0 ? 0.1 : curve.applyAsDouble(it), 0.1 * it));
                }
            }
        }
        return Files.writeString(dir.resolve("results.csv"), csv);
    }

    private Path spec(String metric) throws Exception {
        return Files.writeString(dir.resolve("m.yaml"), """
                bootstrap: {resamples: 50, seed: 3}
                %s
                conditions:
                  - section: own pairs
                    name: learnability
                    runs: %s
                    baseline: {where: {method: uniform}}
                    other: {where: {method: learnability}}
                """.formatted(metric == null ? "" : "metric: " + metric, table()));
    }

    @Test
    void recallIsMeasuredInPlaceOfZeroShotAndTheTableSaysSo() throws Exception {
        MultiplierTable table = MultiplierTable.of(MultiplierSpec.load(spec("i2t_r1")));
        ConditionResult r = table.rows().get(0);
        assertEquals("i2t_r1", r.metric());
        assertEquals(2.0, r.iterations().value(), 0.05);
        assertNull(r.referenceTop1(), "a reference records zero-shot top-1 only");
        String md = table.markdown();
        assertTrue(md.contains("| uniform i2t_r1, final (best, where higher) | method i2t_r1 | reference i2t_r1 |"), md);
        assertTrue(!md.contains("top-1"), md);

        // Without metric: zero-shot top-1, flat here, so the method never does better than the bar it starts at.
        MultiplierTable zeroShot = MultiplierTable.of(MultiplierSpec.load(spec(null)));
        assertEquals(ConditionResult.TOP1, zeroShot.rows().get(0).metric());
        assertEquals(0.05, zeroShot.rows().get(0).baselineTop1().mean(), 1e-9);
        assertTrue(zeroShot.markdown().contains("| uniform top-1, final"), zeroShot.markdown());
    }

    @Test
    void anUnknownMetricIsRefusedInOneLine() throws Exception {
        Path s = spec("recall");
        String m = assertThrows(CurationException.class, () -> MultiplierSpec.load(s)).getMessage();
        assertEquals(s + ": metric: 'recall' is not one of zeroshot_top1, probe_10shot, i2t_r1, i2t_r5, t2i_r1, t2i_r5", m);
    }
}
