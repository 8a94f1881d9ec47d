package org.curationlab.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SphericalKMeansTest {

    private static Clustering fit(Synthetic s, int k, long seed) {
        float[] unit = Clustering.normalizeRows(s.x, s.n, s.d, "test");
        return new SphericalKMeans(k, seed, 100, 1e-7).fit(unit, s.n, s.d);
    }

    @Test
    void sameSeedGivesIdenticalClustering() {
        Synthetic s = Synthetic.clusters(12, 150, 16, 0.4, 3);
        Clustering a = fit(s, 12, 42);
        Clustering b = fit(s, 12, 42);
        assertArrayEquals(a.assignments(), b.assignments());
        assertArrayEquals(a.centroids(), b.centroids(), 0f);
        assertArrayEquals(a.similarity(), b.similarity(), 0f);
        assertEquals(a.iterations(), b.iterations());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void recoversWellSeparatedClusters(long seed) {
        // 8 random directions in 32-d are nearly orthogonal; spread 0.05 per coordinate keeps each
        // cluster within cosine ~0.96 of its centre, far from the others.
        Synthetic s = Synthetic.clusters(8, 100, 32, 0.05, seed);
        Clustering c = fit(s, 8, seed);
        // Perfect recovery up to relabelling: a one-to-one map between truth and found labels.
        Map<Integer, Integer> truthToFound = new HashMap<>();
        Map<Integer, Integer> foundToTruth = new HashMap<>();
        for (int i = 0; i < s.n; i++) {
            int t = s.truth[i];
            int f = c.assignments()[i];
            assertEquals(f, (int) truthToFound.computeIfAbsent(t, x -> f), "row " + i);
            assertEquals(t, (int) foundToTruth.computeIfAbsent(f, x -> t), "row " + i);
        }
        assertEquals(8, truthToFound.size());
    }

    @Test
    void centroidsAreUnitAndSimilaritiesMatchThem() {
        Synthetic s = Synthetic.clusters(5, 60, 8, 0.3, 9);
        float[] unit = Clustering.normalizeRows(s.x, s.n, s.d, "test");
        Clustering c = new SphericalKMeans(5, 1, 100, 1e-7).fit(unit, s.n, s.d);
        for (int j = 0; j < 5; j++) {
            assertEquals(1.0, Clustering.dot(c.centroids(), j, c.centroids(), j, s.d), 1e-5);
        }
        for (int i = 0; i < s.n; i++) {
            float own = Clustering.dot(unit, i, c.centroids(), c.assignments()[i], s.d);
            assertEquals(own, c.similarity()[i], 1e-5, "row " + i);
            for (int j = 0; j < 5; j++) {
                assertTrue(Clustering.dot(unit, i, c.centroids(), j, s.d) <= own + 1e-5,
                        "row " + i + " is assigned to its most similar centroid");
            }
        }
    }

    @Test
    void keepsEveryClusterAliveWhenPointsAreScarce() {
        // Exactly k distinct directions, each repeated: seeding and re-seeding must end with one
        // direction per cluster, none empty.
        int k = 6;
        int d = 6;
        int n = k * 5;
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            x[i * d + (i % k)] = 1f;
        }
        Clustering c = new SphericalKMeans(k, 7, 50, 0).fit(x, n, d);
        for (int size : c.sizes()) {
            assertEquals(5, size);
        }
    }

    @Test
    void emptyClusterIsReseededAtTheFarthestPoint() {
        // Four unit rows in the plane; cluster 2 has no member. Row 3 is the worst served (lowest
        // similarity to its centroid), so it becomes cluster 2's centroid.
        float[] unit = {1, 0, 0.8f, 0.6f, 0, 1, -0.6f, 0.8f};
        int[] labels = {0, 0, 1, 1};
        float[] sim = {0.95f, 0.95f, 0.9f, 0.3f};
        float[] centroids = new float[3 * 2];
        boolean reseeded = new SphericalKMeans(3, 0, 10, 0).update(unit, 4, 2, labels, sim, centroids);
        assertTrue(reseeded);
        assertArrayEquals(new float[] {-0.6f, 0.8f}, java.util.Arrays.copyOfRange(centroids, 4, 6));
        float[] c0 = java.util.Arrays.copyOfRange(centroids, 0, 2);
        assertEquals(1.0, c0[0] * c0[0] + c0[1] * c0[1], 1e-6);
    }

    @Test
    void weightedSamplingFollowsTheWeights() {
        double[] w = {0, 1, 0, 3};
        int[] draws = SphericalKMeans.sample(w, 4, 4000, new java.util.SplittableRandom(1));
        int[] counts = new int[4];
        for (int i : draws) {
            counts[i]++;
        }
        assertEquals(0, counts[0] + counts[2]);
        assertEquals(0.75, counts[3] / 4000.0, 0.03);
    }

    @Test
    void fromAssignmentsUsesNormalisedMemberMeans() {
        float[] unit = {1, 0, 0, 1, -1, 0};
        Clustering c = Clustering.fromAssignments(unit, 3, 2, new int[] {0, 0, 1}, 3);
        float h = (float) Math.sqrt(0.5);
        assertArrayEquals(new float[] {h, h, -1, 0, 0, 0}, c.centroids(), 1e-6f);
        assertArrayEquals(new float[] {h, h, 1}, c.similarity(), 1e-6f);
        assertArrayEquals(new int[] {2, 1, 0}, c.sizes());
    }
}
