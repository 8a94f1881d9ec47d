package org.curationlab.testing;

import org.curationlab.data.CurationException;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The assertions every module's tests share (from curation-data's test-jar): a user-facing error
 * is one {@link CurationException} whose message names what is wrong, and a number is within a
 * relative tolerance of what theory or a fixture says.
 */
public final class CurationAssertions {
    private CurationAssertions() {
    }

    /** {@code action} throws a CurationException whose message holds every fragment; returns it. */
    public static CurationException assertMessage(Executable action, String... fragments) {
        CurationException e = assertThrows(CurationException.class, action);
        assertMessageHolds(e, fragments);
        return e;
    }

    /** The message of {@code e} holds every fragment. */
    public static void assertMessageHolds(Throwable e, String... fragments) {
        for (String f : fragments) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(f), () -> "'" + f + "' missing in: " + e.getMessage());
        }
    }

    /** |actual − expected| ≤ relTol·|expected|, with both numbers in the failure message. */
    public static void assertRelative(double expected, double actual, double relTol, String what) {
        double rel = Math.abs(actual - expected) / Math.abs(expected);
        if (!(rel <= relTol)) {
            throw new AssertionError(what + ": expected " + expected + " ± " + (100 * relTol) + "%, got " + actual
                    + String.format(java.util.Locale.ROOT, " (%.2f%%)", 100 * rel));
        }
    }
}
