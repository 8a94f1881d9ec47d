package org.curationlab.pruning;

import java.util.Arrays;

/**
 * Shared last step of SSP and DBP: given integer quotas per cluster, keep that many of each
 * cluster's least prototypical members (SSP, Sorscher et al. 2022: the items farthest from their
 * centroid carry the most information once the data set is large; the prototypical ones are
 * redundant).
 */
final class ClusterQuotas {

    private ClusterQuotas() {
    }

    /** Projects fractional targets to bounds with Σ = total, then rounds exactly. */
    static int[] integerQuotas(double[] target, int[] lower, int[] upper, int total) {
        double[] lo = Arrays.stream(lower).asDoubleStream().toArray();
        double[] up = Arrays.stream(upper).asDoubleStream().toArray();
        double[] x = QuotaProjection.project(target, lo, up, total);
        return LargestRemainderRounding.round(x, lower, upper, total);
    }

    static int[] keepLeastPrototypical(Clustering cl, int[] quotas) {
        int[][] members = cl.membersLeastPrototypicalFirst();
        int total = Arrays.stream(quotas).sum();
        int[] kept = new int[total];
        int t = 0;
        for (int c = 0; c < members.length; c++) {
            System.arraycopy(members[c], 0, kept, t, quotas[c]);
            t += quotas[c];
        }
        Arrays.sort(kept);
        return kept;
    }
}
