package org.curationlab.pruning;

import org.curationlab.data.CurationException;

/**
 * Density-based pruning, DBP (Abbas et al. 2024, "Effective pruning of web-scale datasets based on
 * complexity of concept clusters"): the pruning rate is concept-specific. Clusters that are
 * spread out and far from other concepts (high complexity C_j = d_inter · d_intra, see
 * {@link ClusterComplexity}) keep more of their rows, dense clusters near other concepts keep
 * fewer. Steps:
 * <ol>
 *   <li>p = softmax(C / τ) over the non-empty clusters;</li>
 *   <li>quotas x = the exact projection of p·N onto {Σx = N, lb_j ≤ x_j ≤ n_j}
 *       ({@link QuotaProjection}), with lb_j = min(minPerCluster, n_j), rounded by largest
 *       remainder so Σx = N exactly ({@link LargestRemainderRounding});</li>
 *   <li>in each cluster keep its x_j least prototypical rows, as SSP does.</li>
 * </ol>
 * N = round(keep · pool size). The paper runs SemDeDup (and a CLIP-score filter) first: {@link PruningPipeline}.
 */
public final class DensityBasedPruner implements Pruner {

    @Override
    public String name() {
        return "dbp";
    }

    @Override
    public String summary() {
        return "more of the complex clusters (softmax of d_inter * d_intra at --temperature), each cluster's least prototypical rows (Abbas et al. 2024)";
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
        int[] quotas = quotas(cc, in.options(), total, in.source());
        int[] kept = ClusterQuotas.keepLeastPrototypical(cl, quotas);
        return new PruneResult(name(), in.rows(), kept, cc.table(quotas), in.options());
    }

    /** Softmax of complexities at temperature τ; empty clusters get probability 0. */
    public static double[] clusterProbabilities(double[] complexity, int[] sizes, double tau) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < sizes.length; j++) {
            if (sizes[j] > 0) {
                max = Math.max(max, complexity[j] / tau);
            }
        }
        double[] p = new double[sizes.length];
        double z = 0;
        for (int j = 0; j < sizes.length; j++) {
            if (sizes[j] > 0) {
                p[j] = Math.exp(complexity[j] / tau - max); // shifted: no overflow at small τ
                z += p[j];
            }
        }
        for (int j = 0; j < p.length; j++) {
            p[j] /= z;
        }
        return p;
    }

    /** Integer rows to keep per cluster, Σ = total, lb_j ≤ x_j ≤ n_j. */
    static int[] quotas(ClusterComplexity cc, PruneOptions o, int total, String source) {
        int[] sizes = cc.sizes();
        int k = sizes.length;
        double[] p = clusterProbabilities(cc.complexity(), sizes, o.tau());
        double[] target = new double[k];
        int[] lower = new int[k];
        long sumLower = 0;
        int live = 0;
        for (int j = 0; j < k; j++) {
            target[j] = p[j] * total;
            lower[j] = Math.min(o.minPerCluster(), sizes[j]);
            sumLower += lower[j];
            live += sizes[j] > 0 ? 1 : 0;
        }
        if (sumLower > total) {
            throw new CurationException("--min-per-cluster " + o.minPerCluster() + " over " + live
                    + " non-empty clusters of " + source + " needs at least " + sumLower
                    + " rows, but --keep " + o.keep() + " keeps only " + total
                    + "; lower --min-per-cluster (0 is allowed) or --clusters, or raise --keep");
        }
        return ClusterQuotas.integerQuotas(target, lower, sizes, total);
    }
}
