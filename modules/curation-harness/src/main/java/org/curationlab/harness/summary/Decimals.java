package org.curationlab.harness.summary;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers to a fixed count of decimals as the results notebook's tables print them, rounded on the
 * exact binary value with a tie to even (as C's and Python's printf do: 0.125 is 0.12), where Java's
 * {@code %.2f} rounds the shortest decimal half up (0.13) and would change committed tables.
 */
public final class Decimals {
    private Decimals() {
    }

    /** {@code v} to {@code digits} decimals; a negative that rounds to zero keeps its sign; nan, inf, -inf as Python writes them. */
    public static String fixed(double v, int digits) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "nan" : (v > 0 ? "inf" : "-inf");
        }
        String s = new BigDecimal(v).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
        return v < 0 && !s.startsWith("-") ? "-" + s : s;
    }
}
