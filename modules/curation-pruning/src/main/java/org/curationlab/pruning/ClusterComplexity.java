package org.curationlab.pruning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * DBP's concept complexity (Abbas et al. 2024, §3): a cluster is complex when its members are
 * spread out (large d_intra) and it is far from other concepts (large d_inter); dense clusters
 * close to others are redundant and can be pruned harder.
 * <ul>
 *   <li>{@code dIntra[j]} = mean over members of the cosine distance 1 − cos(x, c_j);</li>
 *   <li>{@code dInter[j]} = mean cosine distance from c_j to its {@code nn} nearest other
 *       non-empty centroids (all of them if there are fewer);</li>
 *   <li>{@code complexity[j]} = dInter[j] · dIntra[j].</li>
 * </ul>
 * Empty clusters get 0 everywhere. With a single non-empty cluster d_inter is 0: there is no other
 * concept to be far from, and the softmax over one cluster does not depend on C anyway.
 */
public record ClusterComplexity(int[] sizes, double[] dIntra, double[] dInter, double[] complexity) {

    public static ClusterComplexity of(Clustering cl, int nn) {
        int k = cl.k();
        int d = cl.dim();
        int[] sizes = cl.sizes();
        double[] intra = new double[k];
        int[] a = cl.assignments();
        float[] sim = cl.similarity();
        for (int i = 0; i < a.length; i++) {
            intra[a[i]] += 1.0 - sim[i];
        }
        List<Integer> live = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            if (sizes[j] > 0) {
                intra[j] /= sizes[j];
                live.add(j);
            }
        }
        double[] inter = new double[k];
        int m = live.size();
        int take = Math.min(nn, m - 1);
        float[] c = cl.centroids();
        double[] dist = new double[Math.max(0, m - 1)];
        for (int j : live) {
            if (take == 0) {
                break;
            }
            int t = 0;
            for (int l : live) {
                if (l != j) {
                    dist[t++] = 1.0 - Clustering.dot(c, j, c, l, d);
                }
            }
            Arrays.sort(dist);
            double s = 0;
            for (int i = 0; i < take; i++) {
                s += dist[i];
            }
            inter[j] = s / take;
        }
        double[] complexity = new double[k];
        for (int j = 0; j < k; j++) {
            complexity[j] = inter[j] * intra[j];
        }
        return new ClusterComplexity(sizes, intra, inter, complexity);
    }

    /** The per-cluster table rows, given how many of each cluster were kept. */
    public List<ClusterStats> table(int[] kept) {
        List<ClusterStats> rows = new ArrayList<>(sizes.length);
        for (int j = 0; j < sizes.length; j++) {
            rows.add(new ClusterStats(j, sizes[j], dIntra[j], dInter[j], complexity[j], kept[j]));
        }
        return rows;
    }
}
