package org.curationlab.harness.fit;

import org.hipparchus.stat.descriptive.rank.Percentile;
import org.hipparchus.stat.descriptive.rank.Percentile.EstimationType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Percentile bootstrap over seeds. Observations sharing a seed are one replicate (one training run
 * traced over its checkpoints, so its points are correlated); resampling whole seeds keeps that
 * correlation, which resampling points would ignore and so give too narrow intervals. Resampling
 * is stratified by group: each group draws as many seeds as it has, with replacement, so every
 * curve is present in every resample. Observations without a seed are each their own replicate.
 *
 * <p>Deterministic for a given seed: groups and replicate ids are visited in sorted order and the
 * stream is {@link java.util.Random}, whose algorithm is fixed by its specification. With few seeds
 * (3 seeds give 10 distinct resamples per group) the intervals are coarse; they say how much the
 * fit depends on which seeds were run, not the full sampling error.
 */
public final class Bootstrap {

    public static final int DEFAULT_RESAMPLES = 200;
    public static final double DEFAULT_LEVEL = 0.95;

    /** A closed interval [lo, hi]. */
    public record Interval(double lo, double hi) {
        public boolean contains(double v) {
            return v >= lo && v <= hi;
        }
    }

    /**
     * @param intervals per estimator key, from the finite values among the resamples
     * @param resamples resamples drawn
     * @param failed    resamples whose estimator threw (e.g. too few distinct x left); left out
     */
    public record Result(Map<String, Interval> intervals, int resamples, int failed) {
    }

    private Bootstrap() {
    }

    public static Result overSeeds(List<Observation> observations, Function<List<Observation>, Map<String, Double>> estimator,
                                   long seed) {
        return overSeeds(observations, estimator, DEFAULT_RESAMPLES, DEFAULT_LEVEL, seed);
    }

    /**
     * @param estimator maps a resample to named values (parameters, multipliers); NaN values are skipped
     * @param level     central coverage of each interval, e.g. 0.95
     */
    public static Result overSeeds(List<Observation> observations, Function<List<Observation>, Map<String, Double>> estimator,
                                   int resamples, double level, long seed) {
        if (resamples < 1) {
            throw new IllegalArgumentException("bootstrap resamples must be >= 1, got " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("bootstrap level must be in (0, 1), got " + level);
        }
        List<List<List<Observation>>> strata = replicatesByGroup(observations);
        Random rng = new Random(seed);
        Map<String, List<Double>> values = new LinkedHashMap<>();
        int failed = 0;
        for (int r = 0; r < resamples; r++) {
            List<Observation> resample = new ArrayList<>(observations.size());
            for (List<List<Observation>> replicates : strata) {
                for (int k = 0; k < replicates.size(); k++) {
                    resample.addAll(replicates.get(rng.nextInt(replicates.size())));
                }
            }
            Map<String, Double> estimate;
            try {
                estimate = estimator.apply(resample);
            } catch (RuntimeException e) {
                failed++;
                continue;
            }
            for (Map.Entry<String, Double> e : estimate.entrySet()) {
                if (e.getValue() != null && Double.isFinite(e.getValue())) {
                    values.computeIfAbsent(e.getKey(), key -> new ArrayList<>()).add(e.getValue());
                }
            }
        }
        Map<String, Interval> intervals = new LinkedHashMap<>();
        double tail = (1 - level) / 2;
        for (Map.Entry<String, List<Double>> e : values.entrySet()) {
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            intervals.put(e.getKey(), new Interval(quantile(v, tail), quantile(v, 1 - tail)));
        }
        return new Result(intervals, resamples, failed);
    }

    /**
     * The {@code p} quantile (0 &lt; p &lt; 1) by linear interpolation between order statistics:
     * Hyndman–Fan type 7, numpy's default, which is Hipparchus's {@link EstimationType#R_7}.
     */
    static double quantile(double[] values, double p) {
        return new Percentile().withEstimationType(EstimationType.R_7).evaluate(values, p * 100);
    }

    private static List<List<List<Observation>>> replicatesByGroup(List<Observation> observations) {
        TreeMap<String, TreeMap<String, List<Observation>>> byGroup = new TreeMap<>();
        int index = 0;
        for (Observation o : observations) {
            // zero-padded so unseeded points sort in input order
            String replicate = o.seed() != null ? "s:" + o.seed() : String.format("#%09d", index);
            byGroup.computeIfAbsent(o.groupOrDefault(), g -> new TreeMap<>())
                    .computeIfAbsent(replicate, k -> new ArrayList<>()).add(o);
            index++;
        }
        List<List<List<Observation>>> strata = new ArrayList<>();
        for (TreeMap<String, List<Observation>> replicates : byGroup.values()) {
            strata.add(new ArrayList<>(replicates.values()));
        }
        return strata;
    }
}
