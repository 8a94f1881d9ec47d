package org.curationlab.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class GumbelTopKTest {
    @Test
    void topReturnsTheLargestFirstAndSkipsExcluded() {
        double[] keys = {0.5, 3, -1, 3, 2, 7};
        boolean[] excluded = {false, false, false, false, false, true};
        // Tie between 1 and 3 goes to the lower index.
        assertArrayEquals(new int[] {1, 3, 4}, GumbelTopK.top(keys, excluded, 3));
        assertArrayEquals(new int[] {5, 1, 3, 4, 0, 2}, GumbelTopK.top(keys, null, 6));
    }

    @Test
    void firstDrawFollowsTheSoftmax() {
        double[] scores = {0.0, 1.0, 2.0};
        double z = 1 + Math.E + Math.exp(2);
        int[] counts = new int[3];
        SplittableRandom rng = new SplittableRandom(42);
        int draws = 30_000;
        for (int t = 0; t < draws; t++) {
            counts[GumbelTopK.sample(scores, null, 1, rng)[0]]++;
        }
        // Binomial standard error is below 0.003 at this count; 0.01 is over 3 sigma.
        for (int i = 0; i < 3; i++) {
            assertEquals(Math.exp(scores[i]) / z, counts[i] / (double) draws, 0.01, "item " + i);
        }
    }
}
