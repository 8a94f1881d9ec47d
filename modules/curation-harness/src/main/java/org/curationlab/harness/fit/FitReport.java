package org.curationlab.harness.fit;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The result of {@link ScalingFits}: one fitted curve per group with bootstrap intervals and, when a
 * baseline is named, its compute multiplier. JSON shape:
 * <pre>{"fits": [{"group", "form", "e_inf", "a", "alpha", ["b", "beta",] "intervals": {"e_inf": [lo, hi], ...},
 *   "rmse_log", "n", ["compute_multiplier", "compute_multiplier_status", "compute_multiplier_reason",
 *   "compute_multiplier_empirical", "compute_multiplier_empirical_status", "y_star",
 *   "x_baseline_empirical", "x_other_empirical"]}],
 *  "baseline", "x", "y", "bootstrap": {"resamples", "level", "seed", "failed"}, ["multiplier_target"]}</pre>
 * Non-finite numbers (a multiplier that is never reached) are written as null, since JSON has no NaN;
 * the status and reason fields say why.
 */
public record FitReport(List<GroupFit> fits, String baseline, String x, String y, int resamples, double level,
                        long seed, int failedResamples, ComputeMultiplier.Target target) {

    /**
     * One group's curve.
     *
     * @param intervals  bootstrap intervals keyed like {@link FittedCurve#parameters()}, plus
     *                   "compute_multiplier" and "compute_multiplier_empirical" when available
     * @param multiplier fitted compute multiplier against the baseline; null without baseline or for Chinchilla
     * @param empiricalMultiplier the same from observations only; null when {@code multiplier} is null
     */
    public record GroupFit(String group, FittedCurve curve, Map<String, Bootstrap.Interval> intervals,
                           ComputeMultiplier.Result multiplier, ComputeMultiplier.Result empiricalMultiplier) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Same report with the axis names (the result columns) filled in. */
    public FitReport withAxes(String xName, String yName) {
        return new FitReport(fits, baseline, xName, yName, resamples, level, seed, failedResamples, target);
    }

    public GroupFit fit(String group) {
        return fits.stream().filter(f -> f.group().equals(group)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("group '" + group + "' is not in the report"));
    }

    public ObjectNode toJsonNode() {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode array = root.putArray("fits");
        for (GroupFit f : fits) {
            ObjectNode node = array.addObject();
            node.put("group", f.group());
            node.put("form", f.curve().form().jsonName());
            f.curve().parameters().forEach((k, v) -> putNumber(node, k, v));
            ObjectNode intervals = node.putObject("intervals");
            f.intervals().forEach((k, iv) -> {
                ArrayNode pair = intervals.putArray(k);
                addNumber(pair, iv.lo());
                addNumber(pair, iv.hi());
            });
            putNumber(node, "rmse_log", f.curve().rmseLog());
            node.put("n", f.curve().n());
            if (f.multiplier() != null) {
                putNumber(node, "compute_multiplier", f.multiplier().multiplier());
                node.put("compute_multiplier_status", f.multiplier().status().name().toLowerCase(Locale.ROOT));
                if (!f.multiplier().reason().isEmpty()) {
                    node.put("compute_multiplier_reason", f.multiplier().reason());
                }
                putNumber(node, "compute_multiplier_empirical", f.empiricalMultiplier().multiplier());
                node.put("compute_multiplier_empirical_status",
                        f.empiricalMultiplier().status().name().toLowerCase(Locale.ROOT));
                putNumber(node, "y_star", f.multiplier().yStar());
                putNumber(node, "x_baseline_empirical", f.empiricalMultiplier().xBaseline());
                putNumber(node, "x_other_empirical", f.empiricalMultiplier().xOther());
            }
        }
        if (baseline == null) {
            root.putNull("baseline");
        } else {
            root.put("baseline", baseline);
        }
        root.put("x", x);
        root.put("y", y);
        ObjectNode boot = root.putObject("bootstrap");
        boot.put("resamples", resamples);
        boot.put("level", level);
        boot.put("seed", seed);
        boot.put("failed", failedResamples);
        if (baseline != null) {
            root.put("multiplier_target", target.name().toLowerCase(Locale.ROOT));
        }
        return root;
    }

    public String toJson() {
        try {
            return MAPPER.writeValueAsString(toJsonNode());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise fit report", e);
        }
    }

    /** A fixed-width table for the terminal: one row per group, intervals in brackets. */
    public String toTable() {
        String[] params = {"e_inf", "a", "alpha", "b", "beta"};
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-16s %-10s", "group", "form"));
        for (String p : params) {
            sb.append(String.format(Locale.ROOT, " %-30s", p));
        }
        sb.append(String.format(Locale.ROOT, " %9s %4s %-30s %-30s%n", "rmse_log", "n", "multiplier (fitted)", "multiplier (observed)"));
        for (GroupFit f : fits) {
            sb.append(String.format(Locale.ROOT, "%-16s %-10s", f.group(), f.curve().form().jsonName()));
            Map<String, Double> values = f.curve().parameters();
            for (String p : params) {
                sb.append(String.format(Locale.ROOT, " %-30s", values.containsKey(p) ? withInterval(values.get(p), f.intervals().get(p)) : "-"));
            }
            sb.append(String.format(Locale.ROOT, " %9.4f %4d", f.curve().rmseLog(), f.curve().n()));
            if (f.multiplier() == null) {
                sb.append(String.format(Locale.ROOT, " %-30s %-30s%n", "-", "-"));
            } else {
                sb.append(String.format(Locale.ROOT, " %-30s %-30s%n",
                        withInterval(f.multiplier().multiplier(), f.intervals().get("compute_multiplier")),
                        withInterval(f.empiricalMultiplier().multiplier(), f.intervals().get("compute_multiplier_empirical"))));
            }
        }
        sb.append(String.format(Locale.ROOT, "x = %s, y = %s, baseline = %s, %d%% intervals over %d seed resamples (seed %d, %d failed)%n",
                x, y, baseline, Math.round(100 * level), resamples, seed, failedResamples));
        if (baseline != null) {
            sb.append(String.format(Locale.ROOT, "multipliers: x the baseline needs for its %s error over x the group needs for it%n",
                    target == ComputeMultiplier.Target.BEST ? "best seed-averaged" : "final (largest-x) seed-averaged"));
        }
        return sb.toString();
    }

    private static String withInterval(double v, Bootstrap.Interval iv) {
        return iv == null ? num(v) : num(v) + " [" + num(iv.lo()) + ", " + num(iv.hi()) + "]";
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "n/a";
    }

    private static void putNumber(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, v);
        } else {
            node.putNull(key);
        }
    }

    private static void addNumber(ArrayNode node, double v) {
        if (Double.isFinite(v)) {
            node.add(v);
        } else {
            node.addNull();
        }
    }
}
