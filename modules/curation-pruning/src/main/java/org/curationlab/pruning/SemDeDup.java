package org.curationlab.pruning;

import java.util.Arrays;

/**
 * SemDeDup (Abbas et al. 2023, "SemDeDup: data-efficient learning at web-scale through semantic
 * deduplication"): semantic near-duplicates land in the same k-means cluster, so duplicates are
 * only searched within a cluster (O(Σ n_j²) instead of O(N²)). Members are visited least
 * prototypical first (as in the paper's default, keeping the copy farthest from the centroid) and
 * a member is dropped when its cosine similarity to an already <em>kept</em> member exceeds 1 − ε.
 * Comparing against kept members only (rather than any earlier member) means a chain a≈b≈c with
 * a and c distinct does not lose c because b was dropped.
 *
 * <p>The number kept is set by ε, not by {@code keep}, which is ignored.
 */
public final class SemDeDup implements Pruner {

    @Override
    public String name() {
        return "semdedup";
    }

    @Override
    public String summary() {
        return "drops a row whose cosine to a row its cluster kept is above 1 - --epsilon (Abbas et al. 2023); takes no fraction";
    }

    @Override
    public String keptDecidedBy() {
        return "--epsilon decides what it removes";
    }

    @Override
    public boolean clusters() {
        return true;
    }

    @Override
    public PruneResult prune(PruneInput in) {
        Clustering cl = Clustering.of(in);
        float[] unit = Clustering.normalizeRows(in.embeddings(), in.rows(), in.dim(), in.source());
        int d = in.dim();
        float threshold = (float) (1.0 - in.options().epsilon());
        int[][] members = cl.membersLeastPrototypicalFirst();
        int[] keptPerCluster = new int[cl.k()];
        int[] kept = new int[in.rows()];
        int total = 0;
        for (int c = 0; c < members.length; c++) {
            int[] m = members[c];
            int[] keep = new int[m.length];
            int nk = 0;
            for (int i : m) {
                boolean duplicate = false;
                for (int t = 0; t < nk && !duplicate; t++) {
                    duplicate = Clustering.dot(unit, i, unit, keep[t], d) > threshold;
                }
                if (!duplicate) {
                    keep[nk++] = i;
                }
            }
            System.arraycopy(keep, 0, kept, total, nk);
            total += nk;
            keptPerCluster[c] = nk;
        }
        int[] out = Arrays.copyOf(kept, total);
        Arrays.sort(out);
        ClusterComplexity cc = ClusterComplexity.of(cl, in.options().nn());
        return new PruneResult(name(), in.rows(), out, cc.table(keptPerCluster), in.options());
    }
}
