package org.curationlab.harness.sweep;

import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sweep's cells share the threads the user gave it, not the whole machine. */
class SweepThreadsTest {
    @Test
    void theBudgetIsCurateThreadsThenOmpNumThreadsThenTheCores() {
        assertEquals(8, SweepRunner.threadBudget(Map.of(), 8));
        assertEquals(1, SweepRunner.threadBudget(Map.of("OMP_NUM_THREADS", "1"), 8));
        assertEquals(2, SweepRunner.threadBudget(Map.of("CURATE_THREADS", "2", "OMP_NUM_THREADS", "8"), 8));
        CurationException e = assertThrows(CurationException.class, () -> SweepRunner.threadBudget(Map.of("CURATE_THREADS", "many"), 8));
        assertTrue(e.getMessage().startsWith("CURATE_THREADS: 'many'"), e.getMessage());
    }
}
