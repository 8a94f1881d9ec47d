package org.curationlab.harness.fit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the fits: one curve per group, bootstrap intervals over seeds, and the compute
 * multiplier of every group against a baseline. The bootstrap re-runs the whole estimator (frontier,
 * fit, multiplier) on each resample, so the intervals include the frontier's dependence on seeds.
 */
public final class ScalingFits {

    private static final String SEP = "\u0001";

    private ScalingFits() {
    }

    /** Fits with the default 200 resamples at 95 %. */
    public static FitReport fit(List<Observation> observations, Form form, boolean pareto, String baselineGroup, long seed) {
        return fit(observations, form, pareto, baselineGroup, seed, Bootstrap.DEFAULT_RESAMPLES, Bootstrap.DEFAULT_LEVEL);
    }

    /**
     * @param form          law to fit to every group
     * @param pareto        fit the running-minimum frontier of each seed's points, pooled, instead of
     *                      all points (one-axis forms only; see {@link ParetoFrontier#perSeed})
     * @param baselineGroup group the multipliers are relative to; null for none
     * @param seed          bootstrap RNG seed
     */
    public static FitReport fit(List<Observation> observations, Form form, boolean pareto, String baselineGroup, long seed,
                                int resamples, double level) {
        return fit(observations, form, pareto, baselineGroup, ComputeMultiplier.Target.BEST, seed, resamples, level);
    }

    /** @param target the baseline error the multipliers are measured at (best or final) */
    public static FitReport fit(List<Observation> observations, Form form, boolean pareto, String baselineGroup,
                                ComputeMultiplier.Target target, long seed, int resamples, double level) {
        if (observations == null || observations.isEmpty()) {
            throw new IllegalArgumentException("no observations to fit");
        }
        if (pareto && form == Form.CHINCHILLA) {
            throw new IllegalArgumentException("pareto frontier is defined over one x axis; form 'chinchilla' uses two (N, D)");
        }
        Map<String, List<Observation>> groups = byGroup(observations);
        if (baselineGroup != null && !groups.containsKey(baselineGroup)) {
            throw new IllegalArgumentException("baseline group '" + baselineGroup + "' not found; groups are " + groups.keySet());
        }
        Estimate point = estimate(groups, form, pareto, baselineGroup, target, FitOptions.defaults(), null);

        FitOptions bootOptions = FitOptions.defaults().withFullGrid(false);
        Bootstrap.Result boot = Bootstrap.overSeeds(observations,
                resample -> estimate(byGroup(resample), form, pareto, baselineGroup, target, bootOptions, point.curves).flatten(),
                resamples, level, seed);

        List<FitReport.GroupFit> fits = new ArrayList<>();
        for (String group : groups.keySet()) {
            Map<String, Bootstrap.Interval> intervals = new LinkedHashMap<>();
            boot.intervals().forEach((key, iv) -> {
                if (key.startsWith(group + SEP)) {
                    intervals.put(key.substring(group.length() + SEP.length()), iv);
                }
            });
            fits.add(new FitReport.GroupFit(group, point.curves.get(group), intervals,
                    point.multipliers.get(group), point.empirical.get(group)));
        }
        return new FitReport(fits, baselineGroup, "x", "y", resamples, level, seed, boot.failed(), target);
    }

    private record Estimate(Map<String, FittedCurve> curves, Map<String, ComputeMultiplier.Result> multipliers,
                            Map<String, ComputeMultiplier.Result> empirical) {

        /** Values the bootstrap collects, keyed "group SEP name". */
        Map<String, Double> flatten() {
            Map<String, Double> out = new LinkedHashMap<>();
            curves.forEach((g, c) -> c.parameters().forEach((k, v) -> out.put(g + SEP + k, v)));
            multipliers.forEach((g, m) -> out.put(g + SEP + "compute_multiplier", m.multiplier()));
            empirical.forEach((g, m) -> out.put(g + SEP + "compute_multiplier_empirical", m.multiplier()));
            return out;
        }
    }

    private static Estimate estimate(Map<String, List<Observation>> groups, Form form, boolean pareto, String baseline,
                                     ComputeMultiplier.Target target, FitOptions options, Map<String, FittedCurve> warm) {
        Map<String, FittedCurve> curves = new LinkedHashMap<>();
        Map<String, List<Observation>> fitted = new LinkedHashMap<>();
        for (Map.Entry<String, List<Observation>> e : groups.entrySet()) {
            List<Observation> points = pareto ? ParetoFrontier.perSeed(e.getValue()) : e.getValue();
            fitted.put(e.getKey(), points);
            FittedCurve start = warm == null ? null : warm.get(e.getKey());
            try {
                curves.put(e.getKey(), fitForm(form, points, options, start));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("group '" + e.getKey() + "': " + ex.getMessage(), ex);
            }
        }
        Map<String, ComputeMultiplier.Result> multipliers = new LinkedHashMap<>();
        Map<String, ComputeMultiplier.Result> empirical = new LinkedHashMap<>();
        if (baseline != null && form != Form.CHINCHILLA) {
            // y* and the empirical envelope use the fitted points: with pareto on, only frontier points
            // (Replicates averages by x, which on raw points would mix configurations sharing an x).
            List<Observation> basePoints = fitted.get(baseline);
            OneAxisCurve baseCurve = (OneAxisCurve) curves.get(baseline);
            double yStar = target.yStar(basePoints);
            for (Map.Entry<String, List<Observation>> e : fitted.entrySet()) {
                if (e.getKey().equals(baseline)) {
                    continue; // 1 by definition; its bootstrap interval would be [1, 1]
                }
                multipliers.put(e.getKey(), ComputeMultiplier.fitted(baseCurve, yStar,
                        (OneAxisCurve) curves.get(e.getKey()), e.getValue()));
                empirical.put(e.getKey(), ComputeMultiplier.empirical(basePoints, e.getValue(), target));
            }
        }
        return new Estimate(curves, multipliers, empirical);
    }

    private static FittedCurve fitForm(Form form, List<Observation> points, FitOptions options, FittedCurve warm) {
        return switch (form) {
            case SATURATING -> SaturatingPowerLaw.fit(points, options, (SaturatingPowerLaw) warm);
            case POWER -> PowerLaw.fit(points, options, (PowerLaw) warm);
            case CHINCHILLA -> ChinchillaFit.fit(points, options, (ChinchillaFit) warm);
        };
    }

    private static Map<String, List<Observation>> byGroup(List<Observation> observations) {
        Map<String, List<Observation>> groups = new LinkedHashMap<>();
        for (Observation o : observations) {
            groups.computeIfAbsent(o.groupOrDefault(), g -> new ArrayList<>()).add(o);
        }
        return groups;
    }
}
