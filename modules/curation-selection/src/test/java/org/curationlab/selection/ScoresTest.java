package org.curationlab.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScoresTest {
    @ParameterizedTest
    @CsvSource({"uniform,uniform", "hard-learner,hard-learner", "easy-reference,easy-reference",
        "learnability,learnability", "' Learnability ',learnability"})
    void parsesCliNames(String name, String expected) {
        assertEquals(expected, Scores.parse(name).name());
    }

    @Test
    void namesRoundTripAndAreDistinct() {
        for (Score s : Scores.all()) {
            assertSame(s, Scores.parse(s.name()));
            assertEquals(s.name(), s.toString());
            assertFalse(s.summary().isBlank(), s.name());
        }
        assertEquals(Scores.all().size(), new HashSet<>(Scores.all().stream().map(Score::name).toList()).size());
    }

    @Test
    void unknownNameListsTheValidOnes() {
        CurationException e = assertThrows(CurationException.class, () -> Scores.parse("hard_learner"));
        assertTrue(e.getMessage().contains("'hard_learner'"), e.getMessage());
        assertTrue(e.getMessage().contains("uniform, hard-learner, easy-reference, learnability"), e.getMessage());
    }

    @Test
    void helpTextReadsTheRegistry() {
        List<String> names = new ArrayList<>();
        new Scores.Names().forEach(names::add);
        assertEquals(String.join(", ", names), Scores.names());
    }

    /** What the scorers rely on: a linear score must be linear, and a model a score does not read must not matter. */
    @Test
    void declaredPropertiesHold() {
        double[][] losses = {{0.0, 0.0}, {2.5, 0.5}, {0.1, 3.0}, {7.0, 7.0}};
        for (Score s : Scores.all()) {
            for (double[] a : losses) {
                if (!s.usesLearner()) {
                    assertEquals(s.of(0.0, a[1]), s.of(a[0], a[1]), 0.0, s.name());
                }
                if (!s.usesReference()) {
                    assertEquals(s.of(a[0], 0.0), s.of(a[0], a[1]), 0.0, s.name());
                }
                for (double[] b : losses) {
                    if (s.linear()) {
                        assertEquals(s.of(a[0], a[1]) + s.of(b[0], b[1]), s.of(a[0] + b[0], a[1] + b[1]), 1e-12, s.name());
                    }
                }
            }
        }
    }
}
