package org.curationlab.pruning;

/**
 * One row of the per-cluster table a pruning run reports (DBP paper, §3): the cluster's size n_j,
 * its mean cosine distance to the centroid d_intra, the mean cosine distance of its centroid to the
 * nearest other centroids d_inter, the complexity C_j = d_inter · d_intra, and how many rows were
 * kept.
 */
public record ClusterStats(int cluster, int size, double dIntra, double dInter, double complexity,
                           int kept) {
}
