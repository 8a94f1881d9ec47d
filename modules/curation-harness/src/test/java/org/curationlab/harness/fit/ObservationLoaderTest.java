package org.curationlab.harness.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ObservationLoaderTest {

    private static final Map<String, String> GOOD = Map.of("flops", "1e9", "err", "0.42", "method", "jest", "seed", "1");

    @Test
    void loadsColumnsByName() {
        List<Observation> obs = ObservationLoader.load(List.of(GOOD), "flops", "err", "method", "seed");
        assertEquals(List.of(Observation.of(1e9, 0.42, "jest", "1")), obs);
        Observation noGroup = ObservationLoader.load(List.of(GOOD), "flops", "err", null, null).get(0);
        assertEquals(Observation.DEFAULT_GROUP, noGroup.groupOrDefault());
        assertEquals(null, noGroup.seed());
    }

    @Test
    void leavesOutTheUntrainedModelsRows() {
        Map<String, String> untrained = Map.of("iteration", "0", "flops", "3e11", "err", "0.9", "method", "jest", "seed", "1");
        Map<String, String> trained = Map.of("iteration", "100", "flops", "1e9", "err", "0.42", "method", "jest", "seed", "1");
        assertEquals(List.of(Observation.of(1e9, 0.42, "jest", "1")),
                ObservationLoader.load(List.of(untrained, trained), "flops", "err", "method", "seed"));
    }

    @Test
    void loadsTwoAxes() {
        Map<String, String> row = Map.of("params", "1e8", "tokens", "2e10", "loss", "2.1");
        Observation o = ObservationLoader.load(List.of(row), "params", "tokens", "loss", null, null).get(0);
        assertEquals(2e10, o.x2(), 0.0);
        assertTrue(o.hasX2());
    }

    static Stream<Arguments> badRows() {
        return Stream.of(
                Arguments.of(Map.of("err", "0.4", "method", "m", "seed", "1"), "row 2: missing column 'flops'"),
                Arguments.of(Map.of("flops", "1e9", "method", "m", "seed", "1"), "row 2: missing column 'err'"),
                Arguments.of(Map.of("flops", "1e9", "err", "0.4", "seed", "1"), "row 2: missing column 'method'"),
                Arguments.of(Map.of("flops", "1e9", "err", "0.4", "method", "m"), "row 2: missing column 'seed'"),
                Arguments.of(Map.of("flops", "lots", "err", "0.4", "method", "m", "seed", "1"), "row 2: column 'flops' has value 'lots', expected a number"),
                Arguments.of(Map.of("flops", "1e9", "err", "-0.1", "method", "m", "seed", "1"), "row 2: column 'err' has value '-0.1', expected a finite positive number"),
                Arguments.of(Map.of("flops", "0", "err", "0.4", "method", "m", "seed", "1"), "row 2: column 'flops' has value '0'"),
                Arguments.of(Map.of("flops", "1e9", "err", " ", "method", "m", "seed", "1"), "row 2: column 'err' is empty"));
    }

    @ParameterizedTest
    @MethodSource("badRows")
    void errorsNameRowColumnAndValue(Map<String, String> bad, String expectedMessageStart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ObservationLoader.load(List.of(GOOD, bad), "flops", "err", "method", "seed"));
        assertTrue(e.getMessage().startsWith(expectedMessageStart), e.getMessage());
    }

    @Test
    void formNamesParse() {
        assertEquals(Form.CHINCHILLA, Form.parse("Chinchilla"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Form.parse("exp"));
        assertTrue(e.getMessage().contains("'exp'"));
    }
}
