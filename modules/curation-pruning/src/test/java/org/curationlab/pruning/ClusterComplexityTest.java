package org.curationlab.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterComplexityTest {

    private static final double TOL = 1e-6;

    /**
     * Three clusters in the plane at 0°, 90° and 180°. Cluster 0 is two points at ±60° (centroid
     * 0°, d_intra = 1 − cos 60° = 0.5); clusters 1 and 2 are single points (d_intra = 0). Centroid
     * distances: 0–90° is 1, 0–180° is 2, 90–180° is 1.
     */
    private static Clustering plane() {
        double c = Math.cos(Math.PI / 3);
        double s = Math.sin(Math.PI / 3);
        float[] unit = {(float) c, (float) s, (float) c, (float) -s, 0, 1, -1, 0};
        return Clustering.fromAssignments(unit, 4, 2, new int[] {0, 0, 1, 2}, 3);
    }

    @ParameterizedTest
    @CsvSource({
        // nn, d_inter of clusters 0, 1, 2
        "1, 1.0, 1.0, 1.0",
        "2, 1.5, 1.0, 1.5",
        "20, 1.5, 1.0, 1.5", // fewer than nn other centroids: all of them
    })
    void interDistanceAveragesTheNearestCentroids(int nn, double d0, double d1, double d2) {
        ClusterComplexity cc = ClusterComplexity.of(plane(), nn);
        assertArrayEquals(new double[] {0.5, 0, 0}, cc.dIntra(), TOL);
        assertArrayEquals(new double[] {d0, d1, d2}, cc.dInter(), TOL);
        assertArrayEquals(new double[] {0.5 * d0, 0, 0}, cc.complexity(), TOL);
    }

    @Test
    void emptyClustersAreLeftOutOfNeighbours() {
        float[] unit = {1, 0, 0.6f, 0.8f};
        ClusterComplexity cc = ClusterComplexity.of(
                Clustering.fromAssignments(unit, 2, 2, new int[] {0, 2}, 3), 20);
        // Cluster 1 is empty; its zero centroid must not count as a neighbour at distance 1.
        assertArrayEquals(new double[] {0.4, 0, 0.4}, cc.dInter(), TOL);
        assertArrayEquals(new int[] {1, 0, 1}, cc.sizes());
    }
}
