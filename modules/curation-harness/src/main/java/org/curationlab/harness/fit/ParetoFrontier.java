package org.curationlab.harness.fit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Lower envelope of (compute, error) points: when a curve mixes model sizes or schedules, only the
 * best error reachable at each compute describes the method (Kaplan et al. 2020 Fig. 1; Cherti et
 * al. 2023). Two variants:
 * <ul>
 *   <li>{@link #runningMinimum}: the Pareto-optimal points — sorted by increasing x, a point is kept
 *       iff its error is strictly below every point with smaller or equal x. This is the default of
 *       {@link ScalingFits}: it is parameter-free and monotone by construction.</li>
 *   <li>{@link #binnedMinimum}: the minimum error in each bin of log10 x, for dense sweeps where
 *       the running minimum would keep too few points; not necessarily monotone.</li>
 * </ul>
 * With seeds, take the envelope within each seed and pool them ({@link #perSeed}): averaging seeds
 * first would merge different configurations that happen to share an x (two model sizes at equal
 * compute), and an envelope over pooled seeds would select the luckiest seed at every x.
 */
public final class ParetoFrontier {

    private ParetoFrontier() {
    }

    /** {@link #runningMinimum} within each seed (null seed = one replicate set), pooled, ordered by seed then x. */
    public static List<Observation> perSeed(List<Observation> points) {
        TreeMap<String, List<Observation>> bySeed = new TreeMap<>();
        for (Observation o : points) {
            bySeed.computeIfAbsent(o.seed() == null ? "" : "s:" + o.seed(), k -> new ArrayList<>()).add(o);
        }
        List<Observation> out = new ArrayList<>();
        for (List<Observation> replicate : bySeed.values()) {
            out.addAll(runningMinimum(replicate));
        }
        return out;
    }

    /** Points that lower the running minimum of y over increasing x (ties in x: the lowest y), ascending x. */
    public static List<Observation> runningMinimum(List<Observation> points) {
        List<Observation> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(Observation::x).thenComparingDouble(Observation::y));
        List<Observation> out = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (Observation o : sorted) {
            if (o.y() < best) {
                out.add(o);
                best = o.y();
            }
        }
        return out;
    }

    /**
     * The lowest-y point of each bin {@code floor(log10(x) · binsPerDecade)}, ascending x.
     *
     * @param binsPerDecade bins per factor of 10 in x, e.g. 4
     */
    public static List<Observation> binnedMinimum(List<Observation> points, double binsPerDecade) {
        if (!(binsPerDecade > 0) || Double.isInfinite(binsPerDecade)) {
            throw new IllegalArgumentException("binsPerDecade must be a finite positive number, got " + binsPerDecade);
        }
        TreeMap<Long, Observation> bins = new TreeMap<>();
        for (Observation o : points) {
            // the tiny offset keeps exact powers of ten (1e3 → 3.0 − ulp) in their own bin
            long bin = (long) Math.floor(Math.log10(o.x()) * binsPerDecade + 1e-9);
            bins.merge(bin, o, (a, b) -> b.y() < a.y() ? b : a);
        }
        return new ArrayList<>(bins.values());
    }
}
