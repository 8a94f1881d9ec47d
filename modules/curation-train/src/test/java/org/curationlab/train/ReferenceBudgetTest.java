package org.curationlab.train;

import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A reference's budget: steps as given, else ceil(passes x images / batch); a budget given twice or out of range is one error. */
class ReferenceBudgetTest {
    @ParameterizedTest
    @CsvSource({
            // passes, images, batch, steps: the levels at the default 80 passes (2 000, 5 000, 10 000 images)
            "80, 2000, 256, 625",
            "80, 5000, 256, 1563",
            "80, 10000, 256, 3125",
            "80, 2000, 128, 1250",
            "80, 1280, 256, 400",
            "0.5, 100, 64, 1",
            "3, 90, 16, 17",
    })
    void passesBecomeStepsRoundedUp(double passes, int images, int batch, int steps) {
        assertEquals(steps, ReferenceBudget.of(null, passes, true, "--i", "--p").steps(images, batch));
    }

    @Test
    void theDefaultIsEightyPassesAndGivenStepsKeepTheirs() {
        assertEquals(80, ReferenceBudget.DEFAULT_PASSES);
        assertEquals(625, ReferenceBudget.of(null, null, false, "--i", "--p").steps(2000, 256));
        assertEquals(1000, ReferenceBudget.of(1000, null, false, "--i", "--p").steps(2000, 256), "steps as given, whatever the images");
        assertEquals(400, ReferenceBudget.of(400, 80.0, false, "--i", "--p").steps(10_000, 64), "a default passes value is not 'given'");
        assertEquals(80.0, ReferenceBudget.passesOf(625, 2000, 256));
        assertEquals(128.0, ReferenceBudget.passesOf(1000, 2000, 256));
    }

    @Test
    void aBatchOrImageCountThatMakesNoStepsIsAUserError() {
        ReferenceBudget passes = ReferenceBudget.of(null, null, false, "--i", "--p");
        assertEquals("--batch: 0 must be at least 2 (a contrastive batch needs negatives)",
                assertThrows(CurationException.class, () -> passes.steps(2000, 0)).getMessage());
        assertThrows(CurationException.class, () -> passes.steps(0, 256));
        assertThrows(CurationException.class, () -> ReferenceBudget.of(null, 1e9, true, "--i", "--p").steps(10_000, 2),
                "more steps than an int holds");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "400 | 40  | true  | give either --reference-iterations or --reference-passes, not both",
            "0   |     | false | --reference-iterations: 0 must be at least 1",
            "-3  |     | false | --reference-iterations: -3 must be at least 1",
            "    | 0   | true  | --reference-passes: 0.0 is not a positive number of passes",
            "    | -2  | true  | --reference-passes: -2.0 is not a positive number of passes",
            "    | NaN | true  | --reference-passes: NaN is not a positive number of passes",
            "    | Infinity | true | --reference-passes: Infinity is not a positive number of passes",
    })
    void aBadBudgetIsOneLineNamingTheFlag(Integer iterations, Double passes, boolean passesGiven, String message) {
        CurationException e = assertThrows(CurationException.class,
                () -> ReferenceBudget.of(iterations, passes, passesGiven, "--reference-iterations", "--reference-passes"));
        assertEquals(message, e.getMessage());
    }
}
