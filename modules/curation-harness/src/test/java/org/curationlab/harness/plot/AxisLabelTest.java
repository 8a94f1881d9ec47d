package org.curationlab.harness.plot;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AxisLabelTest {
    @Test
    void aKnownColumnShowsItsNameAndAnyOtherShowsItself() {
        assertEquals("total FLOPs", AxisLabel.of("flops_total"));
        assertEquals("zero-shot top-1", AxisLabel.of("zeroshot_top1"));
        assertEquals("iterations", AxisLabel.of("iteration"));
        assertEquals("batch_clean", AxisLabel.of("batch_clean"));
    }
}
