package org.curationlab.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.Test;

/**
 * Spherical k-means at the scale of a real pool: 50 000 × 64 with k = 100. Asserts completion
 * and sane output only; the wall time is printed for the record, never asserted (shared CI cores).
 */
@Tag("integration")
class SphericalKMeansScaleIT {

    @Test
    void clustersFiftyThousandRowsInSixtyFourDims() {
        Synthetic s = Synthetic.clusters(100, 500, 64, 0.15, 2024);
        float[] unit = Clustering.normalizeRows(s.x, s.n, s.d, "synthetic");
        // Load the native backend first so the printed time is the clustering, not ND4J's start-up.
        Nd4j.create(new float[] {1f}, new long[] {1, 1}, 'c').mmul(Nd4j.ones(DataType.FLOAT, 1, 1));
        long t0 = System.nanoTime();
        Clustering c = new SphericalKMeans(100, 0, 100, 1e-6).fit(unit, s.n, s.d);
        long t1 = System.nanoTime();
        PruneResult r = new DensityBasedPruner().prune(s.input(
                PruneOptions.defaults().with("keep", 0.3)));
        long t2 = System.nanoTime();
        System.out.printf("k-means 50000x64 k=100: %.2f s, %d iterations; full DBP (k-means +"
                + " quotas): %.2f s%n", (t1 - t0) / 1e9, c.iterations(), (t2 - t1) / 1e9);
        assertEquals(50_000, c.assignments().length);
        for (int size : c.sizes()) {
            assertTrue(size > 0);
        }
        assertEquals(15_000, r.kept().length);
    }
}
