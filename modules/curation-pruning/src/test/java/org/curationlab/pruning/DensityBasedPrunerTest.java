package org.curationlab.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DensityBasedPrunerTest {

    /** Six equal clusters, three tight (spread 0.05) and three loose (spread 0.4). */
    private static final Synthetic POOL = Synthetic.clusters(new int[] {200, 200, 200, 200, 200, 200},
            16, new double[] {0.05, 0.4}, 11);

    private static PruneOptions options(double keep) {
        return PruneOptions.defaults().with("k", 6).with("keep", keep).with("seed", 1);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.01, 0.1, 0.25, 0.333, 0.5, 0.77, 0.9, 1.0})
    void keepsExactlyTheBudgetWithinClusterBounds(double keep) {
        PruneResult r = new DensityBasedPruner().prune(POOL.input(options(keep)));
        int n = (int) Math.round(keep * POOL.n);
        assertEquals(n, r.kept().length);
        assertEquals(n, r.clusters().stream().mapToInt(ClusterStats::kept).sum());
        for (ClusterStats c : r.clusters()) {
            assertTrue(c.kept() >= Math.min(1, c.size()) && c.kept() <= c.size(), c.toString());
        }
        for (int i = 1; i < r.kept().length; i++) {
            assertTrue(r.kept()[i - 1] < r.kept()[i], "ascending and distinct");
        }
    }

    @Test
    void complexClustersKeepMoreThanDenseOnes() {
        PruneResult r = new DensityBasedPruner().prune(POOL.input(options(0.4)));
        double minLoose = Double.POSITIVE_INFINITY;
        double maxTight = 0;
        for (ClusterStats c : r.clusters()) {
            double frac = c.kept() / (double) c.size();
            if (c.dIntra() > 0.2) {
                minLoose = Math.min(minLoose, frac);
            } else {
                maxTight = Math.max(maxTight, frac);
            }
        }
        assertTrue(minLoose > maxTight, "loose " + minLoose + " vs tight " + maxTight + "\n"
                + r.table());
    }

    @Test
    void keepsTheLeastPrototypicalRowsOfEachCluster() {
        PruneInput in = POOL.input(options(0.3));
        PruneResult r = new DensityBasedPruner().prune(in);
        Clustering cl = Clustering.of(in);
        boolean[] kept = new boolean[POOL.n];
        for (int i : r.kept()) {
            kept[i] = true;
        }
        float[] maxKept = new float[cl.k()];
        float[] minDropped = new float[cl.k()];
        java.util.Arrays.fill(maxKept, -2f);
        java.util.Arrays.fill(minDropped, 2f);
        for (int i = 0; i < POOL.n; i++) {
            int c = cl.assignments()[i];
            float s = cl.similarity()[i];
            if (kept[i]) {
                maxKept[c] = Math.max(maxKept[c], s);
            } else {
                minDropped[c] = Math.min(minDropped[c], s);
            }
        }
        for (int c = 0; c < cl.k(); c++) {
            assertTrue(maxKept[c] <= minDropped[c], "cluster " + c);
        }
    }

    @Test
    void probabilitiesAreASoftmaxOverNonEmptyClusters() {
        double[] p = DensityBasedPruner.clusterProbabilities(new double[] {0.1, 0.2, 5.0},
                new int[] {3, 3, 0}, 0.1);
        double e = Math.exp(1.0);
        assertArrayEquals(new double[] {1 / (1 + e), e / (1 + e), 0}, p, 1e-12);
        // Tiny τ must not overflow.
        double[] q = DensityBasedPruner.clusterProbabilities(new double[] {1, 2}, new int[] {1, 1},
                1e-6);
        assertArrayEquals(new double[] {0, 1}, q, 1e-12);
    }

    @Test
    void quotasFollowTheQuadraticProgramOnAKnownTable() {
        // Complexities chosen so that softmax(C/τ) = (0.7, 0.2, 0.1) at τ = 1.
        double[] c = {Math.log(0.7), Math.log(0.2), Math.log(0.1)};
        ClusterComplexity cc = new ClusterComplexity(new int[] {4, 10, 10}, new double[3],
                new double[3], c);
        PruneOptions o = PruneOptions.defaults().with("tau", 1).with("min-per-cluster", 0).with("k", 3);
        // p·N = (5.6, 1.6, 0.8) → projection (4, 2.4, 1.6) → largest remainder (4, 2, 2).
        assertArrayEquals(new int[] {4, 2, 2}, DensityBasedPruner.quotas(cc, o, 8, "t"));
    }

    @Test
    void keepingEverythingKeepsEveryRow() {
        PruneResult r = new DensityBasedPruner().prune(POOL.input(options(1.0)));
        assertEquals(POOL.n, r.kept().length);
    }

    @Test
    void infeasibleFloorNamesTheFlag() {
        PruneOptions o = options(0.002).with("min-per-cluster", 1); // N = 2 < 6 clusters
        CurationException e = assertThrows(CurationException.class,
                () -> new DensityBasedPruner().prune(POOL.input(o)));
        assertTrue(e.getMessage().contains("--min-per-cluster"), e.getMessage());
        PruneResult r = new DensityBasedPruner().prune(POOL.input(o.with("min-per-cluster", 0)));
        assertEquals(2, r.kept().length);
    }

    @Test
    void tableListsEveryCluster() {
        PruneResult r = new DensityBasedPruner().prune(POOL.input(options(0.5)));
        List<ClusterStats> rows = r.clusters();
        assertEquals(6, rows.size());
        for (ClusterStats c : rows) {
            assertEquals(c.dInter() * c.dIntra(), c.complexity(), 1e-12);
        }
        assertTrue(r.table().contains("d_intra"));
    }

    /**
     * DBP's quotas on a real clustering are the exact projection (active-set enumeration) of p·N
     * onto {Σx = N, lb ≤ x ≤ n}, rounded by largest remainder: with our bound lb_j = min(1, n_j) and
     * with the public code's lb_j = min(⌊0.5·N/k⌋, n_j − 1) (its cls_bal_ratio = 0.5), which the
     * same solver handles; docs/pruning.md says how the two bounds differ.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.3, 0.6})
    void quotasAreTheExactProjectionUnderOursAndThePapersLowerBound(double keep) {
        Synthetic s = Synthetic.clusters(new int[] {9, 40, 14, 30, 7}, 8, new double[] {0.05, 0.3, 0.6}, 21);
        PruneOptions o = PruneOptions.defaults().with("k", 5).with("nn", 2).with("keep", keep).with("tau", 0.05);
        PruneInput in = s.input(o);
        ClusterComplexity cc = ClusterComplexity.of(Clustering.of(in), o.nn());
        int total = in.keepCount();
        int[] n = cc.sizes();
        double[] p = DensityBasedPruner.clusterProbabilities(cc.complexity(), n, o.tau());
        double[] t = new double[n.length];
        double[] up = new double[n.length];
        double[] ours = new double[n.length];
        double[] paper = new double[n.length];
        for (int j = 0; j < n.length; j++) {
            t[j] = p[j] * total;
            up[j] = n[j];
            ours[j] = Math.min(1, n[j]);
            paper[j] = Math.min(Math.floor(0.5 * total / n.length), n[j] - 1);
        }
        int[] want = LargestRemainderRounding.round(QuotaProjectionTest.bruteForce(t, ours, up, total), toInt(ours), n, total);
        assertArrayEquals(want, DensityBasedPruner.quotas(cc, o, total, "test"));
        assertArrayEquals(QuotaProjectionTest.bruteForce(t, paper, up, total), QuotaProjection.project(t, paper, up, total), 1e-7);
    }

    private static int[] toInt(double[] x) {
        int[] r = new int[x.length];
        for (int j = 0; j < x.length; j++) {
            r[j] = (int) x[j];
        }
        return r;
    }
}
