package org.curationlab.bench;

import org.curationlab.models.ImageTowerKind;
import org.curationlab.models.ModelSize;
import org.curationlab.train.RunSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loop row on your own pairs: the real curate train loop over generated RGB PNGs, the cache warm. */
class LoopBenchTest {
    /** Two whole training runs (one untimed, writing the cache), so slow: with the integration tests. */
    @Test
    @Tag("integration")
    void theLoopOnYourPairsRunsTheRealTrainLoopAgainstTheRgbStep() {
        RunSpec base = RunSpec.defaults().with("eval-size", 50).with("threads", 1).with("seed", 0).with("warmup", 1);
        BenchResult rgb = new BenchResult("train-M-rgb32", 10.0, Double.NaN, Double.NaN, "n");
        List<BenchResult> rows = LoopBench.onOwnPairs(1, rgb, base, 40, 2, 16);
        assertEquals(List.of("loop-M-rgb32", "step-M-rgb32"), rows.stream().map(BenchResult::name).toList());
        BenchResult r = rows.get(0);
        BenchResult step = rows.get(1);
        assertTrue(step.ms() > 0 && Double.isFinite(step.ms()) && step.timing().repeats() == 1, "bare step " + step.ms());
        assertEquals(r.flops(), step.flops(), "the bare step is the loop's model: the same FLOPs per step");
        assertEquals(1, r.timing().repeats());
        assertTrue(r.ms() > 0 && Double.isFinite(r.ms()), "ms per step " + r.ms());
        // The ledger's training FLOPs: an RGB 32x32 step costs more than the grey 28x28 one of the same batch.
        var grey = Bench.model(ImageTowerKind.CNN, ModelSize.M);
        assertTrue(r.flops() > Bench.trainStepFlops(grey, 16), r.flops() + " FLOPs per step");
        assertTrue(r.note().startsWith("curate train --pairs, 40 generated PNGs to 32 x 32 RGB, decoded-pairs cache warm, uniform, "
                + "batch 16, 2 steps per repeat, evaluation excluded (wall_s / steps)"), r.note());
        assertTrue(r.note().matches(".*; \\d+\\.\\d\\dx the step-M-rgb32 step timed after each run; \\d+\\.\\d\\dx the train-M-rgb32 "
                + "step of this run"), r.note());
    }
}
