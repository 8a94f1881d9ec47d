package org.curationlab.pruning;

/**
 * Self-supervised prototype pruning, SSP (Sorscher et al. 2022, "Beyond neural scaling laws"):
 * in every cluster keep the least prototypical rows (lowest cosine similarity to the centroid),
 * the same fraction in every cluster. DBP's baseline: it prunes a dense, redundant concept as
 * hard as a sparse, complex one. The per-cluster shares keep·n_j are rounded by largest
 * remainder so the total is exactly N = round(keep · pool size).
 */
public final class SelfSupervisedPrototypePruner implements Pruner {

    @Override
    public String name() {
        return "ssp";
    }

    @Override
    public String summary() {
        return "the same fraction of every cluster, its least prototypical rows (Sorscher et al. 2022)";
    }

    @Override
    public boolean clusters() {
        return true;
    }

    @Override
    public boolean clustersChosenEmbedding() {
        return true;
    }

    @Override
    public boolean setsClusterQuotas() {
        return true;
    }

    @Override
    public PruneResult prune(PruneInput in) {
        int total = in.keepCount();
        Clustering cl = Clustering.of(in);
        ClusterComplexity cc = ClusterComplexity.of(cl, in.options().nn());
        int[] sizes = cc.sizes();
        double[] target = new double[sizes.length];
        for (int j = 0; j < sizes.length; j++) {
            target[j] = in.options().keep() * sizes[j];
        }
        // Σ keep·n_j = keep·pool differs from N only by the rounding of N; the projection spreads
        // that sub-row difference evenly before the integer rounding.
        int[] quotas = ClusterQuotas.integerQuotas(target, new int[sizes.length], sizes, total);
        int[] kept = ClusterQuotas.keepLeastPrototypical(cl, quotas);
        return new PruneResult(name(), in.rows(), kept, cc.table(quotas), in.options());
    }
}
