package org.curationlab.cli;

import org.curationlab.train.Metrics;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The progress bar says which step its zero-shot accuracy was measured at. */
class ProgressBarTest {
    static Metrics zeroShot(double top1) {
        return new Metrics(top1, 0, 0, 0, 0, 0);
    }

    @Test
    void theZeroShotAccuracyCarriesItsStep() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "reference curated");
        bar.step(1, 400, 5.0, 100);
        bar.evaluated(0, zeroShot(0.093));
        for (long s = 2; s <= 400; s++) {
            bar.step(s, 400, 1.0, 100);
            if (s == 200) {
                bar.evaluated(200, zeroShot(0.81));
            }
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(11, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("zero-shot - "), lines.get(0));
        assertTrue(lines.get(4).contains("160/400") && lines.get(4).contains("zero-shot 0.093 (step 0)"), lines.get(4));
        assertTrue(lines.get(10).contains("400/400") && lines.get(10).contains("zero-shot 0.810 (step 200)"), lines.get(10));
    }
}
