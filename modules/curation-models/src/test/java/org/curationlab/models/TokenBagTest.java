package org.curationlab.models;

import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBagTest {
    private static final ModelConfig CONFIG = ModelConfig.defaults(ImageTowerKind.MLP, ModelSize.S).withShape(16, 7, 4);

    @Test
    void eachRowIsTheCaptionsTokenCountsOverItsLength() {
        INDArray tokens = Nd4j.createFromArray(new int[][] {{3, 5, 3, 0}, {0, 0, 0, 0}, {6, 1, 2, 4}});
        float[][] expected = new float[3][7];
        expected[0][3] = 1f / 3 + 1f / 3;
        expected[0][5] = 1f / 3;
        for (int id : new int[] {6, 1, 2, 4}) {
            expected[2][id] = 1f / 4;
        }
        assertEquals(Nd4j.createFromArray(expected), TokenBag.of(tokens, CONFIG, "tokens"));
    }

    @Test
    void idsOfAnyNumericTypeGiveTheSameBag() {
        INDArray ints = Nd4j.createFromArray(new int[][] {{3, 5, 3, 0}, {6, 1, 2, 4}});
        INDArray bag = TokenBag.of(ints, CONFIG, "tokens");
        for (DataType type : new DataType[] {DataType.INT64, DataType.FLOAT, DataType.DOUBLE}) {
            assertEquals(bag, TokenBag.of(ints.castTo(type), CONFIG, "tokens"), type.toString());
        }
        assertEquals(bag, TokenBag.of(ints.dup('f'), CONFIG, "tokens"), "column-major ids");
    }

    @Test
    void anIdOutsideTheVocabularyOrNotWholeIsRefusedByPosition() {
        CurationException tooLarge = assertThrows(CurationException.class,
                () -> TokenBag.of(Nd4j.createFromArray(new int[][] {{1, 2, 0, 0}, {1, 7, 0, 0}}), CONFIG, "tokens"));
        assertTrue(tooLarge.getMessage().startsWith("tokens[1, 1] = 7 is not a token id in [0, 7)"), tooLarge.getMessage());
        CurationException wide = assertThrows(CurationException.class, () -> TokenBag.of(
                Nd4j.createFromArray(new long[][] {{1, 2, 0, 1L << 32}}), CONFIG, "tokens"));
        assertTrue(wide.getMessage().startsWith("tokens[0, 3] = 4.294967296E9"), wide.getMessage());
        CurationException half = assertThrows(CurationException.class,
                () -> TokenBag.of(Nd4j.createFromArray(new float[][] {{1, 2.5f, 0, 0}}), CONFIG, "tokens"));
        assertTrue(half.getMessage().startsWith("tokens[0, 1] = 2.5 is not"), half.getMessage());
    }
}
