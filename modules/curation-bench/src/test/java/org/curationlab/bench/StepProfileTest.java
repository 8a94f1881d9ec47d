package org.curationlab.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepProfileTest {
    @Test
    void readsTheProfilersPerOpLines() {
        String text = """
                Total time spent: 5003 ms.
                CustomOp conv2d (7325441780195652299)  >>>  perc: 22.030922 Time spent: 1102 ms
                CustomOp conv2d_bp (-8365086728038655116)  >>>  perc: 58.177166 Time spent: 2910 ms
                ScalarOp relu (39)  >>>  perc: 0.90174353 Time spent: 45 ms
                """;
        List<StepProfile.OpTime> ops = StepProfile.parse(text, 3);
        assertEquals(3, ops.size());
        assertEquals("conv2d_bp", ops.get(0).op());
        assertEquals(970.0, ops.get(0).msPerStep(), 1e-9);
        assertEquals(0.58177166, ops.get(0).share(), 1e-9);
        assertEquals("relu", ops.get(2).op());
    }

    @Test
    void profilesARealStep() {
        StepProfile.Result r = StepProfile.run(org.curationlab.models.ModelSize.S, 32, 1);
        assertTrue(r.ops().stream().anyMatch(o -> o.op().equals("conv2d_bp")), r.ops().toString());
        double total = r.ops().stream().mapToDouble(StepProfile.OpTime::share).sum();
        assertEquals(1.0, total, 0.02, "shares sum to one");
    }
}
