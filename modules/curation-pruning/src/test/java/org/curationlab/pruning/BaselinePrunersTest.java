package org.curationlab.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SSP, reference-score filtering and random pruning. */
class BaselinePrunersTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.05, 0.2, 0.5, 0.63, 0.9})
    void sspKeepsTheSameFractionOfEveryCluster(double keep) {
        // Unequal clusters so the per-cluster shares keep·n_j are fractional.
        Synthetic s = Synthetic.clusters(new int[] {37, 120, 61, 250, 13}, 12,
                new double[] {0.1, 0.3}, 4);
        PruneResult r = new SelfSupervisedPrototypePruner().prune(s.input(
                PruneOptions.defaults().with("k", 5).with("keep", keep).with("seed", 2)));
        assertEquals(Math.round(keep * s.n), r.kept().length);
        for (ClusterStats c : r.clusters()) {
            assertTrue(Math.abs(c.kept() - keep * c.size()) < 1.0 + 1e-9,
                    "cluster " + c.cluster() + " keeps " + c.kept() + " of " + c.size());
        }
    }

    @Test
    void sspUsesGivenAssignments() {
        float[] x = {1, 0, 0.9f, 0.1f, 0.5f, 0.5f, 0, 1, 0.1f, 0.9f, 0.5f, 0.5f};
        PruneInput in = PruneInput.of(x, 6, 2, PruneOptions.defaults().with("k", 2).with("keep", 0.5))
                .withAssignments(new int[] {0, 0, 0, 1, 1, 1});
        PruneResult r = new SelfSupervisedPrototypePruner().prune(in);
        // Cluster 0's centroid points between (1,0), (0.9,0.1) and (0.5,0.5): the diagonal row 2
        // is least prototypical; symmetric for cluster 1 with row 5. 3 rows kept: 2 + 1 or 1 + 2.
        assertEquals(3, r.kept().length);
        assertTrue(contains(r.kept(), 2) && contains(r.kept(), 5));
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    @Test
    void scoreFilterKeepsTheTopScoresWithTiesByIndex() {
        float[] x = new float[6];
        java.util.Arrays.fill(x, 1f);
        double[] scores = {0.3, 0.9, 0.5, 0.9, 0.1, 0.5};
        PruneInput in = PruneInput.of(x, 6, 1, PruneOptions.defaults().with("keep", 0.5)).withScores(scores);
        assertArrayEquals(new int[] {1, 2, 3}, new ScoreFilter().prune(in).kept());
        PruneInput in4 = in.withOptions(in.options().with("keep", 4 / 6.0));
        assertArrayEquals(new int[] {1, 2, 3, 5}, new ScoreFilter().prune(in4).kept());
    }

    @Test
    void scoreFilterWithoutScoresSaysWhatIsMissing() {
        PruneInput in = PruneInput.of(new float[] {1, 2}, 2, 1, PruneOptions.defaults());
        CurationException e = assertThrows(CurationException.class, () -> new ScoreFilter().prune(in));
        assertTrue(e.getMessage().contains("--scores"), e.getMessage());
    }

    @Test
    void randomIsSeededAndKeepsTheBudget() {
        float[] x = new float[1000];
        java.util.Arrays.fill(x, 1f);
        PruneOptions o = PruneOptions.defaults().with("keep", 0.3).with("seed", 5);
        PruneInput in = PruneInput.of(x, 1000, 1, o);
        int[] a = new RandomPruner().prune(in).kept();
        int[] b = new RandomPruner().prune(in).kept();
        assertArrayEquals(a, b);
        assertEquals(300, a.length);
        for (int i = 1; i < a.length; i++) {
            assertTrue(a[i - 1] < a[i]);
        }
        int[] c = new RandomPruner().prune(in.withOptions(o.with("seed", 6))).kept();
        assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(c));
    }
}
