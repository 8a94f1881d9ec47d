package org.curationlab.harness.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Averages seeds: one point per (group, x, x2) with the mean error over its replicates. The
 * frontier and the "best observed error" of the compute multiplier are taken on these means, so a
 * single lucky seed does not set them. This assumes x identifies the run configuration within a
 * group (one curve per method); where several configurations share an x, take the per-seed
 * frontier first ({@link ParetoFrontier#perSeed}).
 */
public final class Replicates {

    private Replicates() {
    }

    /** Mean y over observations sharing group, x and x2, in order of first appearance; seed is null. */
    public static List<Observation> meanOverSeeds(List<Observation> points) {
        Map<List<Object>, double[]> sums = new LinkedHashMap<>();
        Map<List<Object>, Observation> first = new LinkedHashMap<>();
        for (Observation o : points) {
            List<Object> key = Arrays.asList(o.group(), o.x(), o.x2());
            sums.computeIfAbsent(key, k -> new double[2]);
            double[] s = sums.get(key);
            s[0] += o.y();
            s[1] += 1;
            first.putIfAbsent(key, o);
        }
        List<Observation> out = new ArrayList<>(sums.size());
        for (Map.Entry<List<Object>, double[]> e : sums.entrySet()) {
            Observation o = first.get(e.getKey());
            out.add(new Observation(o.x(), o.x2(), e.getValue()[0] / e.getValue()[1], o.group(), null));
        }
        return out;
    }

    /** Lowest seed-averaged error: the baseline's "best observed" y* of the compute multiplier. */
    public static double bestMeanError(List<Observation> points) {
        return meanOverSeeds(points).stream().mapToDouble(Observation::y).min()
                .orElseThrow(() -> new IllegalArgumentException("no observations to take the best error of"));
    }
}
