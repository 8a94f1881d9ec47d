package org.curationlab.pruning;

import static org.curationlab.testing.CurationAssertions.assertMessage;


import java.util.function.Supplier;
import java.util.stream.Stream;
import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every user-facing error is a CurationException whose message names what is wrong. */
class ValidationTest {

    private static final float[] X = {1, 0, 0, 1, 1, 1, 0.5f, 0.2f}; // 4 × 2

    private static PruneInput pool() {
        return PruneInput.of(X, 4, 2, PruneOptions.defaults().with("k", 2)).withSource("pool.npy");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.1, 1.5, Double.NaN})
    void keepOutsideUnitIntervalNamesTheFlag(double keep) {
        assertMessage(() -> PruneOptions.defaults().with("keep", keep), "--keep", String.valueOf(keep));
    }

    static Stream<Arguments> badOptions() {
        PruneOptions d = PruneOptions.defaults();
        return Stream.of(
                Arguments.of((Supplier<PruneOptions>) () -> d.with("k", 0), "--clusters"),
                Arguments.of((Supplier<PruneOptions>) () -> d.with("tau", 0), "--temperature"),
                Arguments.of((Supplier<PruneOptions>) () -> d.with("tau", Double.NaN), "--temperature"),
                Arguments.of((Supplier<PruneOptions>) () -> d.with("nn", 0), "--nn"),
                Arguments.of((Supplier<PruneOptions>) () -> d.with("epsilon", -0.1), "--epsilon"),
                Arguments.of((Supplier<PruneOptions>) () -> d.with("max-iterations", 0), "--max-iterations"),
                Arguments.of((Supplier<PruneOptions>) () -> d.with("tolerance", -1), "--tolerance"),
                Arguments.of((Supplier<PruneOptions>) () -> d.with("min-per-cluster", -1), "--min-per-cluster"));
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void badOptionsNameTheirFlag(Supplier<PruneOptions> make, String flag) {
        assertMessage(make::get, flag);
    }

    @Test
    void assignmentRowCountMismatch() {
        assertMessage(() -> pool().withAssignments(new int[] {0, 1, 0}), "assignments", "3", "4",
                "pool.npy");
    }

    @Test
    void scoreRowCountMismatch() {
        assertMessage(() -> pool().withScores(new double[] {1, 2, 3, 4, 5}), "scores", "5", "4",
                "pool.npy");
    }

    @Test
    void nonFiniteScoreNamesTheRow() {
        assertMessage(() -> pool().withScores(new double[] {1, Double.NaN, 3, 4}), "scores row 1");
    }

    @ParameterizedTest
    @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
    void nonFiniteEmbeddingNamesTheRow(float bad) {
        float[] x = X.clone();
        x[5] = bad;
        assertMessage(() -> new PruneInput("pool.npy", x, 4, 2, null, null, PruneOptions.defaults()),
                "pool.npy", "row 2", String.valueOf(bad));
    }

    @Test
    void matrixShapeMismatch() {
        assertMessage(() -> new PruneInput("pool.npy", X, 3, 2, null, null, null), "pool.npy",
                "3 × 2");
    }

    @Test
    void moreClustersThanRows() {
        PruneInput in = pool().withOptions(PruneOptions.defaults().with("k", 5));
        for (Pruner p : new Pruner[] {new DensityBasedPruner(), new SemDeDup(),
            new SelfSupervisedPrototypePruner()}) {
            assertMessage(() -> p.prune(in), "--clusters 5", "4 rows", "pool.npy");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 2, 7})
    void assignmentsOutOfRangeNameRowAndValue(int bad) {
        assertMessage(() -> pool().withAssignments(new int[] {0, 1, bad, 0}), "assignments row 2",
                String.valueOf(bad), "k=2");
    }

    @Test
    void zeroRowHasNoDirection() {
        float[] x = X.clone();
        x[2] = 0;
        x[3] = 0;
        PruneInput in = new PruneInput("pool.npy", x, 4, 2, null, null,
                PruneOptions.defaults().with("k", 2));
        assertMessage(() -> new DensityBasedPruner().prune(in), "pool.npy", "row 1", "zero");
    }

    @Test
    void budgetOfZeroRowsIsRefused() {
        PruneInput in = pool().withOptions(PruneOptions.defaults().with("k", 2).with("keep", 0.01));
        assertMessage(() -> new RandomPruner().prune(in), "--keep", "keeps no row");
    }

    @Test
    void emptyPoolIsRefused() {
        assertMessage(() -> new PruneInput("empty.npy", new float[0], 0, 2, null, null, null),
                "empty.npy", "empty");
    }
}
