package org.curationlab.harness.fit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compute-optimal model of a fitted {@link ChinchillaFit} E(N, D) at a training budget C: the
 * paper's question "for this compute, which size?". On the sweep's own ladder each size costs its
 * measured FLOPs per training example f (scoring included for JEST), so at budget C it sees
 * D = C / f examples and the fit predicts E(N, C / f); the best size is the lowest. No 6ND rule is
 * assumed: a CNN's FLOPs per example are not proportional to its parameters.
 */
public record ComputeOptimal(double budget, String bestSize, double bestParameters, double bestError,
                             Map<String, Double> errorBySize) {

    /** One rung of the ladder: its name, N and measured FLOPs per example. */
    public record Rung(String size, double parameters, double flopsPerExample) {
    }

    /** One evaluation row of a run: its model size, N, total FLOPs so far and examples seen so far. */
    public record Sample(String size, double parameters, double flopsTotal, double examples) {
    }

    /** A group's ladder (sizes in order of first appearance) and the span of total FLOPs its rows cover. */
    public record Ladder(List<Rung> rungs, double lo, double hi) {
    }

    /**
     * The ladder a group's rows describe: each size's N and its median FLOPs per example (total
     * FLOPs over examples, so scoring counts), over rows past the start (FLOPs and examples > 0).
     */
    public static Ladder ladderOf(List<Sample> samples) {
        Map<String, List<Double>> perExample = new LinkedHashMap<>();
        Map<String, Double> parameters = new LinkedHashMap<>();
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (Sample s : samples) {
            if (s.flopsTotal() > 0 && s.examples() > 0) {
                perExample.computeIfAbsent(s.size(), k -> new ArrayList<>()).add(s.flopsTotal() / s.examples());
                parameters.putIfAbsent(s.size(), s.parameters());
                lo = Math.min(lo, s.flopsTotal());
                hi = Math.max(hi, s.flopsTotal());
            }
        }
        List<Rung> rungs = new ArrayList<>();
        perExample.forEach((size, f) -> {
            f.sort(null);
            rungs.add(new Rung(size, parameters.get(size), f.get(f.size() / 2)));
        });
        return new Ladder(rungs, lo, hi);
    }

    /** The predicted error of every rung at each budget, and the best rung. */
    public static List<ComputeOptimal> overLadder(ChinchillaFit fit, List<Rung> ladder, double[] budgets) {
        if (ladder.isEmpty()) {
            throw new IllegalArgumentException("no model sizes to choose from");
        }
        List<ComputeOptimal> out = new ArrayList<>(budgets.length);
        for (double c : budgets) {
            Map<String, Double> bySize = new LinkedHashMap<>();
            Rung best = null;
            double bestE = Double.POSITIVE_INFINITY;
            for (Rung r : ladder) {
                double e = fit.predict(r.parameters(), c / r.flopsPerExample());
                bySize.put(r.size(), e);
                if (e < bestE) {
                    bestE = e;
                    best = r;
                }
            }
            out.add(new ComputeOptimal(c, best.size(), best.parameters(), bestE, bySize));
        }
        return out;
    }

    /** Budgets at every half decade from lo to hi (both included when they fall on one). */
    public static double[] halfDecades(double lo, double hi) {
        List<Double> cs = new ArrayList<>();
        for (double k = Math.ceil(2 * Math.log10(lo)); k <= 2 * Math.log10(hi) + 1e-9; k++) {
            cs.add(Math.pow(10, k / 2));
        }
        return cs.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
