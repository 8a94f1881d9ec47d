package org.curationlab.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScoreMethodTest {
    @ParameterizedTest
    @CsvSource({"uniform,UNIFORM", "hard-learner,HARD_LEARNER", "easy-reference,EASY_REFERENCE",
        "learnability,LEARNABILITY", "' Learnability ',LEARNABILITY"})
    void parsesCliNames(String name, ScoreMethod expected) {
        assertEquals(expected, ScoreMethod.parse(name));
    }

    @Test
    void cliNameRoundTrips() {
        for (ScoreMethod m : ScoreMethod.values()) {
            assertEquals(m, ScoreMethod.parse(m.cliName()));
        }
    }

    @Test
    void unknownNameListsTheValidOnes() {
        CurationException e = assertThrows(CurationException.class, () -> ScoreMethod.parse("hard_learner"));
        assertTrue(e.getMessage().contains("'hard_learner'"), e.getMessage());
        assertTrue(e.getMessage().contains("uniform, hard-learner, easy-reference, learnability"), e.getMessage());
    }
}
