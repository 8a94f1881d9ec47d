package org.curationlab.harness.summary;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Fixed decimals as Python's f"{v:.{digits}f}" prints them: the exact binary value, ties to even. */
class DecimalsTest {
    @ParameterizedTest
    @CsvSource({"0.125, 2, 0.12", "0.375, 2, 0.38", "2.675, 2, 2.67", "51.05, 1, 51.0", "-0.04, 1, -0.0", "1.3949999, 2, 1.39",
            "60.5, 0, 60", "0.8125, 3, 0.812", "NaN, 2, nan"})
    void numbersRoundOnTheirBinaryValueWithTiesToEven(double v, int digits, String expected) {
        assertEquals(expected, Decimals.fixed(v, digits));
    }
}
