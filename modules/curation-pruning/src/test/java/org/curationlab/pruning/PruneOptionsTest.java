package org.curationlab.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link PruneOptions#with}: one setting changed by its record name, every other value kept to the bit. */
class PruneOptionsTest {

    @Test
    void withChangesOneSettingAndKeepsTheOthersExactly() {
        double keep = Math.nextUp(0.1 + 0.2); // a value whose decimal text must round-trip exactly
        PruneOptions o = PruneOptions.defaults().with("keep", keep).with("tolerance", 1e-300).with("seed", Long.MIN_VALUE);
        assertEquals(new PruneOptions(keep, 100, 0.1, 20, 0.005, Long.MIN_VALUE, 100, 1e-300, 1), o);
        assertEquals(o.with("k", 7), new PruneOptions(keep, 7, 0.1, 20, 0.005, Long.MIN_VALUE, 100, 1e-300, 1));
        assertEquals(o, PruneOptions.of(o.toProperties()), "of is the inverse of toProperties");
        assertEquals(o.with("nn", 3), o.with("nn", "3"), "a number or its text");
    }

    @Test
    void aSettingItDoesNotHaveOrAValueOfTheWrongTypeIsAProgrammingError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PruneOptions.defaults().with("clusters", 4));
        assertTrue(e.getMessage().contains("no setting 'clusters'") && e.getMessage().contains("min-per-cluster"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PruneOptions.defaults().with("k", 4.5));
        assertThrows(IllegalArgumentException.class, () -> PruneOptions.of(Map.of("keep", "0.5")));
    }
}
