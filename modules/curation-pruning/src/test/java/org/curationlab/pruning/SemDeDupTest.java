package org.curationlab.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SemDeDupTest {

    /**
     * 1 000 distinct rows in 10 loose clusters (32-d) plus 300 jittered copies of random distinct
     * rows: copy = original + N(0, 0.02²) per coordinate, cosine ≈ 0.99 to its original.
     */
    private static Synthetic withDuplicates(long seed, int[] originalOf) {
        Synthetic base = Synthetic.clusters(10, 100, 32, 0.35, seed);
        int dups = originalOf.length;
        int d = base.d;
        float[] x = java.util.Arrays.copyOf(base.x, (base.n + dups) * d);
        SplittableRandom rng = new SplittableRandom(seed + 1000);
        for (int i = 0; i < dups; i++) {
            int o = rng.nextInt(base.n);
            originalOf[i] = o;
            double norm = 0;
            for (int j = 0; j < d; j++) {
                norm += base.x[o * d + j] * base.x[o * d + j];
            }
            double scale = Math.sqrt(norm / d);
            for (int j = 0; j < d; j++) {
                x[(base.n + i) * d + j] = (float) (base.x[o * d + j]
                        + 0.02 * scale * Synthetic.gaussian(rng));
            }
        }
        return Synthetic.of(x, base.n + dups, d);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void removesPlantedDuplicatesButNotDistinctRows(long seed) {
        int[] originalOf = new int[300];
        Synthetic s = withDuplicates(seed, originalOf);
        int distinct = s.n - originalOf.length;
        PruneResult r = new SemDeDup().prune(s.input(PruneOptions.defaults().with("k", 10).with("seed", seed)));
        boolean[] kept = new boolean[s.n];
        for (int i : r.kept()) {
            kept[i] = true;
        }
        // Group each original with its copies (an original may have been copied twice): a
        // perfect dedup keeps exactly one member per group, so a group of g rows whose k members
        // survive has had g − k of its g − 1 planted copies removed.
        int[] copies = new int[distinct];
        for (int o : originalOf) {
            copies[o]++;
        }
        int[] keptInGroup = new int[distinct];
        for (int i = 0; i < distinct; i++) {
            keptInGroup[i] = kept[i] ? 1 : 0;
        }
        for (int i = 0; i < originalOf.length; i++) {
            keptInGroup[originalOf[i]] += kept[distinct + i] ? 1 : 0;
        }
        int removedDup = 0;
        int distinctLost = 0;
        int unique = 0;
        for (int o = 0; o < distinct; o++) {
            if (copies[o] > 0) {
                assertTrue(keptInGroup[o] >= 1, "every duplicate group keeps a member: " + o);
                removedDup += copies[o] + 1 - keptInGroup[o];
            } else {
                unique++;
                distinctLost += kept[o] ? 0 : 1;
            }
        }
        assertTrue(removedDup >= 0.9 * originalOf.length, "removed " + removedDup + " of "
                + originalOf.length + " planted duplicates");
        assertTrue(distinctLost < 0.05 * unique, "lost " + distinctLost + " of " + unique
                + " distinct rows");
    }

    @Test
    void zeroEpsilonKeepsEverythingDistinct() {
        Synthetic s = Synthetic.clusters(4, 50, 8, 0.3, 5);
        PruneResult r = new SemDeDup().prune(s.input(PruneOptions.defaults().with("k", 4).with("epsilon", 0)));
        assertEquals(s.n, r.kept().length);
        assertEquals(s.n, r.clusters().stream().mapToInt(ClusterStats::kept).sum());
    }

    @Test
    void exactCopiesCollapseToOneAndTheLeastPrototypicalSurvives() {
        // Rows 0 and 2 are identical; row 1 sits at 45°. All in one cluster given by assignment.
        float[] x = {1, 0, 0.7071f, 0.7071f, 1, 0, 0.2f, 1};
        PruneInput in = PruneInput.of(x, 4, 2, PruneOptions.defaults().with("k", 1))
                .withAssignments(new int[] {0, 0, 0, 0});
        PruneResult r = new SemDeDup().prune(in);
        // Rows 0 and 2 tie on similarity to the centroid; the tie goes to the lower index.
        assertArrayEquals(new int[] {0, 1, 3}, r.kept());
    }
}
