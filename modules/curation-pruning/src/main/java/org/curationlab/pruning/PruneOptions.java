package org.curationlab.pruning;

import java.util.LinkedHashMap;
import java.util.Map;
import org.curationlab.data.CurationException;

/**
 * Hyperparameters of the pruners, immutable and printable so that a sweep can record exactly how
 * a pruned set was made. Invalid values throw a {@link CurationException} naming the CLI flag.
 *
 * @param keep          fraction of the pool to keep, in (0, 1]; N = round(keep · pool size)
 * @param k             number of k-means clusters (concepts)
 * @param tau           DBP softmax temperature over cluster complexities
 * @param nn            DBP: number of nearest other centroids averaged in d_inter (paper: 20)
 * @param epsilon       SemDeDup: drop an item whose cosine similarity to a kept one exceeds 1 − ε
 * @param seed          seed for k-means++ and random pruning
 * @param maxIterations k-means iteration cap
 * @param tolerance     k-means stops when the mean cosine similarity improves by less than this
 * @param minPerCluster DBP lower bound lb_j = min(minPerCluster, n_j) on the rows kept per cluster
 */
public record PruneOptions(double keep, int k, double tau, int nn, double epsilon, long seed,
                           int maxIterations, double tolerance, int minPerCluster) {

    /**
     * ε = 0.005 drops pairs with cosine above 0.995. The right ε depends on the embedding: in the
     * curated-M reference's 64-d space distinct items of one concept sit close (a quarter of the pool
     * has a distinct neighbour above 0.97), while a re-encoded copy stays above 0.995 (results/pruning/
     * duplicate-separation.txt); the SemDeDup paper's larger ε suit CLIP's richer space. τ = 0.1 because the
     * complexities C_j = d_inter · d_intra of unit embeddings are of order 0.01–0.5: a larger τ makes
     * p almost uniform (DBP degenerates to SSP), a much smaller one sends the whole budget to the few
     * most complex clusters. minPerCluster = 1 is the public DBP code's floor without class balance (it uses min(1, n_j − 1); with its balance ratio r, ⌊r·N/k⌋; see docs/pruning.md): every concept keeps at
     * least one item, so no concept disappears from the pruned pool.
     */
    public static PruneOptions defaults() {
        return new PruneOptions(0.5, 100, 0.1, 20, 0.005, 0L, 100, 1e-6, 1);
    }

    public PruneOptions {
        if (!(keep > 0 && keep <= 1)) {
            throw new CurationException("--keep " + keep + " is outside (0, 1]: it is the fraction"
                    + " of the pool to keep");
        }
        if (k < 1) {
            throw new CurationException("--clusters " + k + ": the number of clusters must be at least 1");
        }
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new CurationException("--temperature " + tau + ": the softmax temperature must be a"
                    + " positive finite number");
        }
        if (nn < 1) {
            throw new CurationException("--nn " + nn + ": d_inter needs at least 1 neighbouring"
                    + " centroid");
        }
        if (!(epsilon >= 0 && epsilon < 2)) {
            throw new CurationException("--epsilon " + epsilon + " is outside [0, 2): SemDeDup drops"
                    + " items with cosine similarity above 1 − ε");
        }
        if (maxIterations < 1) {
            throw new CurationException("--max-iterations " + maxIterations + " must be at least 1");
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new CurationException("--tolerance " + tolerance + " must be finite and >= 0");
        }
        if (minPerCluster < 0) {
            throw new CurationException("--min-per-cluster " + minPerCluster + " must be >= 0");
        }
    }

    /**
     * These options with one setting changed, named as in {@link #toProperties()} ({@code "keep"},
     * {@code "k"}, {@code "tau"}, ..., {@code "min-per-cluster"}); {@code value} is a number or its
     * text. The change goes through the same check as the constructor, so a bad value is the same
     * {@link CurationException} naming the flag.
     */
    public PruneOptions with(String key, Object value) {
        Map<String, String> p = toProperties();
        if (!p.containsKey(key)) {
            throw new IllegalArgumentException("PruneOptions has no setting '" + key + "'; its settings are " + p.keySet());
        }
        p.put(key, String.valueOf(value));
        return of(p);
    }

    /** The options a {@link #toProperties()} map records: its inverse, exact for every value (Double.toString round-trips). */
    public static PruneOptions of(Map<String, String> p) {
        try {
            return new PruneOptions(Double.parseDouble(p.get("keep")), Integer.parseInt(p.get("k")), Double.parseDouble(p.get("tau")),
                    Integer.parseInt(p.get("nn")), Double.parseDouble(p.get("epsilon")), Long.parseLong(p.get("seed")),
                    Integer.parseInt(p.get("max-iterations")), Double.parseDouble(p.get("tolerance")),
                    Integer.parseInt(p.get("min-per-cluster")));
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("not a complete PruneOptions record (a setting is missing or of the wrong type): " + p, e);
        }
    }

    /** Flag name to value, in a fixed order, for provenance records and result rows. */
    public Map<String, String> toProperties() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("keep", Double.toString(keep));
        m.put("k", Integer.toString(k));
        m.put("tau", Double.toString(tau));
        m.put("nn", Integer.toString(nn));
        m.put("epsilon", Double.toString(epsilon));
        m.put("seed", Long.toString(seed));
        m.put("max-iterations", Integer.toString(maxIterations));
        m.put("tolerance", Double.toString(tolerance));
        m.put("min-per-cluster", Integer.toString(minPerCluster));
        return m;
    }
}
