package org.curationlab.pruning;

import java.util.Arrays;
import java.util.List;
import org.curationlab.data.CurationException;

/**
 * Reference-score filtering, the CLIP-score baseline (docs/pruning.md): keep the N = round(keep · pool)
 * rows with the highest score, typically the reference model's image-text alignment. Ties go to
 * the lower row index so the result does not depend on sort stability.
 */
public final class ScoreFilter implements Pruner {

    @Override
    public String name() {
        return "score";
    }

    @Override
    public String summary() {
        return "the rows of highest score (--scores, or the reference's image-text alignment): the CLIP-score filter";
    }

    @Override
    public PruneResult prune(PruneInput in) {
        double[] s = in.scores();
        if (s == null) {
            throw new CurationException("score filtering needs one score per row of " + in.source()
                    + " (--scores FILE.npy); none were given");
        }
        int total = in.keepCount();
        Integer[] order = new Integer[in.rows()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> s[a] != s[b] ? Double.compare(s[b], s[a])
                : Integer.compare(a, b));
        int[] kept = new int[total];
        for (int i = 0; i < total; i++) {
            kept[i] = order[i];
        }
        Arrays.sort(kept);
        return new PruneResult(name(), in.rows(), kept, List.of(), in.options());
    }
}
