package org.curationlab.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SigmoidPairLossTest {
    @ParameterizedTest
    @CsvSource({
        "0,     0.6931471805599453",
        "1,     1.3132616875182228",
        "-1,    0.31326168751822286",
        "20,    20.000000002061153",
        "-20,   2.0611536181902037E-9",
        "800,   800",
        "-800,  0",
    })
    void softplusMatchesHandValues(double x, double expected) {
        // Relative tolerance: the far tails must keep their magnitude, not just be "near 0".
        assertEquals(expected, SigmoidPairLoss.softplus(x), 1e-14 * Math.max(1.0, Math.abs(expected)));
    }

    @Test
    void softplusKeepsTheTinyTail() {
        assertEquals(Math.exp(-100), SigmoidPairLoss.softplus(-100), 1e-12 * Math.exp(-100));
    }

    @Test
    void pairLossUsesPlusOneOnTheDiagonalAndMinusOneOffIt() {
        // l = [[2, -1], [3, 0.5]]: diagonal softplus(−l), off-diagonal softplus(l).
        PairMatrix logits = PairMatrix.of("logits", new float[] {2f, -1f, 3f, 0.5f});
        PairMatrix loss = SigmoidPairLoss.lossMatrix(logits);
        assertEquals(Math.log1p(Math.exp(-2)), loss.get(0, 0), 1e-6);
        assertEquals(Math.log1p(Math.exp(-1)), loss.get(0, 1), 1e-6);
        assertEquals(Math.log1p(Math.exp(3)), loss.get(1, 0), 1e-6);
        assertEquals(Math.log1p(Math.exp(-0.5)), loss.get(1, 1), 1e-6);
        assertEquals(SigmoidPairLoss.pairLoss(3, false), loss.get(1, 0), 1e-6);
    }
}
