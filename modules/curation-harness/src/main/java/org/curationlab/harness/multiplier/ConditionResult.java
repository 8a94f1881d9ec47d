package org.curationlab.harness.multiplier;

import org.curationlab.data.CurationException;
import org.curationlab.harness.fit.Bootstrap;
import org.curationlab.harness.fit.ComputeMultiplier;
import org.curationlab.harness.fit.Observation;
import org.curationlab.harness.fit.Replicates;
import org.curationlab.harness.summary.FinalRows;
import org.curationlab.harness.summary.MeanSd;
import org.curationlab.harness.summary.ReferenceAccuracy;
import org.curationlab.train.results.ResultRow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

/**
 * One condition measured: both sides' final zero-shot accuracy over seeds, and how many times fewer
 * iterations and total FLOPs the method needs to reach the baseline's final seed-averaged accuracy
 * ({@link ComputeMultiplier#empirical} with {@link ComputeMultiplier.Target#FINAL}: observed curves
 * only, interpolated in log x, never extrapolated). Each interval is a percentile bootstrap over
 * seeds, both sides resampled ({@link Bootstrap#overSeeds}); {@code reached} counts the resamples in
 * which the method reached the bar at all — an interval over fewer than all resamples describes only
 * those. The same multipliers at the baseline's best seed-averaged accuracy anywhere on its curve
 * ({@link ComputeMultiplier.Target#BEST}) show how much of a gain comes from a baseline that falls
 * back from its peak before its budget ends. The diagnostics say what bounds the gain: {@code stepCost} (the method's FLOPs per step over
 * the baseline's: the FLOPs multiplier is roughly the iterations one divided by it), the baseline's
 * gain over the second half of its budget (near 0: it is on a plateau, and the bar is low), and the
 * accuracy of the method's reference. {@code wallClock} is the training time to the baseline's final accuracy and its
 * ratio ({@link WallClock}), with whether the runs were timed alone.
 */
public record ConditionResult(Condition condition, int baselineSeeds, int otherSeeds, MeanSd baselineTop1, double baselineBestTop1,
                              MeanSd otherTop1, Double referenceTop1, Multiplier iterations, Multiplier flops,
                              Multiplier iterationsAtBest, Multiplier flopsAtBest, double stepCost, double baselineLateGain,
                              WallClock wallClock, String metric) {
    public static final String TOP1 = "zeroshot_top1";
    private static final String BASELINE = "baseline";
    private static final String OTHER = "other";

    /** A result measured on zero-shot top-1. */
    public ConditionResult(Condition condition, int baselineSeeds, int otherSeeds, MeanSd baselineTop1, double baselineBestTop1,
                           MeanSd otherTop1, Double referenceTop1, Multiplier iterations, Multiplier flops, Multiplier iterationsAtBest,
                           Multiplier flopsAtBest, double stepCost, double baselineLateGain, WallClock wallClock) {
        this(condition, baselineSeeds, otherSeeds, baselineTop1, baselineBestTop1, otherTop1, referenceTop1, iterations, flops,
                iterationsAtBest, flopsAtBest, stepCost, baselineLateGain, wallClock, TOP1);
    }

    /** One multiplier with its interval; {@code lo}/{@code hi} are NaN when no resample reached the bar. */
    public record Multiplier(double value, ComputeMultiplier.Status status, double lo, double hi, int reached, int resamples) {
    }

    public static ConditionResult measure(Condition c, int resamples, long seed) {
        return measure(c, TOP1, resamples, seed);
    }

    /** The same with another accuracy column ({@code metric}, e.g. i2t_r1 for your own pairs) in place of zero-shot top-1. */
    public static ConditionResult measure(Condition c, String metric, int resamples, long seed) {
        Map<String, List<ResultRow>> base = c.baseline().bySeed();
        Map<String, List<ResultRow>> other = c.other().bySeed();
        ToDoubleFunction<ResultRow> iteration = r -> r.number(RunSource.ITERATION);
        List<Observation> byIteration = observations(base, iteration, other, iteration, metric);
        List<Observation> byFlops = observations(base, r -> r.number(c.baseline().flops()), other, r -> r.number(c.other().flops()), metric);
        ComputeMultiplier.Target fin = ComputeMultiplier.Target.FINAL;
        ComputeMultiplier.Target best = ComputeMultiplier.Target.BEST;
        double stepCost = perStep(other, c.other().flops()) / perStep(base, c.baseline().flops());
        double bestTop1 = 1 - Replicates.bestMeanError(byIteration.stream().filter(o -> o.group().equals(BASELINE)).toList());
        // A reference's recorded accuracy is its zero-shot top-1: shown only when that is the metric.
        return new ConditionResult(c, base.size(), other.size(), finals(base, metric), bestTop1, finals(other, metric),
                metric.equals(TOP1) ? reference(other) : null,
                multiplier(c, byIteration, fin, resamples, seed), multiplier(c, byFlops, fin, resamples, seed),
                multiplier(c, byIteration, best, resamples, seed), multiplier(c, byFlops, best, resamples, seed),
                stepCost, lateGain(base, metric), WallClock.measure(c, base, other, resamples, seed, metric), metric);
    }

    private static List<Observation> observations(Map<String, List<ResultRow>> base, ToDoubleFunction<ResultRow> baseX,
                                                  Map<String, List<ResultRow>> other, ToDoubleFunction<ResultRow> otherX, String metric) {
        List<Observation> obs = new ArrayList<>();
        add(obs, base, baseX, BASELINE, metric);
        add(obs, other, otherX, OTHER, metric);
        return obs;
    }

    private static Multiplier multiplier(Condition c, List<Observation> obs, ComputeMultiplier.Target target, int resamples, long seed) {
        ComputeMultiplier.Result point = estimate(obs, target);
        AtomicInteger reached = new AtomicInteger();
        Bootstrap.Result boot = Bootstrap.overSeeds(obs, resample -> {
            double m = estimate(resample, target).multiplier();
            if (Double.isFinite(m)) {
                reached.incrementAndGet();
            }
            Map<String, Double> out = new HashMap<>();
            out.put("m", m);
            return out;
        }, resamples, Bootstrap.DEFAULT_LEVEL, seed);
        Bootstrap.Interval iv = boot.intervals().get("m");
        if (boot.failed() > 0) {
            throw new IllegalStateException(c.name() + ": " + boot.failed() + " bootstrap resamples failed");
        }
        return new Multiplier(point.multiplier(), point.status(), iv == null ? Double.NaN : iv.lo(), iv == null ? Double.NaN : iv.hi(),
                reached.get(), resamples);
    }

    private static ComputeMultiplier.Result estimate(List<Observation> obs, ComputeMultiplier.Target target) {
        List<Observation> b = new ArrayList<>();
        List<Observation> o = new ArrayList<>();
        for (Observation p : obs) {
            (p.group().equals(BASELINE) ? b : o).add(p);
        }
        return ComputeMultiplier.empirical(b, o, target);
    }

    /** Error (1 − top-1) against x, each row of a seed one point of its replicate; the untrained model's row left out. */
    private static void add(List<Observation> out, Map<String, List<ResultRow>> bySeed, ToDoubleFunction<ResultRow> x, String group,
                            String metric) {
        bySeed.forEach((seed, rows) -> {
            for (ResultRow r : rows) {
                double iteration = r.number(RunSource.ITERATION);
                if (!Double.isFinite(iteration) || iteration < 0) {
                    throw new CurationException(r.where() + ": column '" + RunSource.ITERATION + "' holds " + iteration
                            + "; expected a step count");
                }
                if (iteration > 0) {
                    double xv = x.applyAsDouble(r);
                    if (!(xv > 0) || Double.isInfinite(xv)) {
                        throw new CurationException(r.where() + ": x is " + xv + " at iteration " + r.get(RunSource.ITERATION)
                                + "; expected a positive count");
                    }
                    double top1 = r.number(metric);
                    if (!(top1 >= 0 && top1 < 1)) {
                        throw new CurationException(r.where() + ": column '" + metric + "' holds " + top1
                                + "; expected an accuracy in [0, 1) (the error 1 - top-1 is fitted in log space)");
                    }
                    out.add(Observation.of(xv, 1 - top1, group, seed));
                }
            }
        });
    }

    private static MeanSd finals(Map<String, List<ResultRow>> bySeed, String metric) {
        List<Double> v = new ArrayList<>();
        bySeed.values().forEach(rows -> v.add(FinalRows.of(rows).number(metric)));
        return MeanSd.of(v);
    }

    /** Mean over seeds of x (FLOPs, seconds) per iteration at the final row. */
    static double perStep(Map<String, List<ResultRow>> bySeed, String flops) {
        List<Double> v = new ArrayList<>();
        bySeed.values().forEach(rows -> {
            ResultRow last = FinalRows.of(rows);
            v.add(last.number(flops) / last.number(RunSource.ITERATION));
        });
        return MeanSd.of(v).mean();
    }

    /**
     * Mean over seeds of final top-1 minus top-1 at the evaluation nearest half the final iteration; NaN when a seed
     * has no evaluation between a quarter and three quarters of its budget to compare with.
     */
    private static double lateGain(Map<String, List<ResultRow>> bySeed, String metric) {
        List<Double> v = new ArrayList<>();
        for (List<ResultRow> rows : bySeed.values()) {
            ResultRow last = FinalRows.of(rows);
            double end = last.number(RunSource.ITERATION);
            ResultRow mid = rows.stream().min(Comparator.comparingDouble(r -> Math.abs(r.number(RunSource.ITERATION) - end / 2)))
                    .orElseThrow();
            double at = mid.number(RunSource.ITERATION);
            if (at < end / 4 || at > 3 * end / 4) {
                return Double.NaN;
            }
            v.add(last.number(metric) - mid.number(metric));
        }
        return MeanSd.of(v).mean();
    }

    /** The method's reference accuracy when every seed names the same reference with a recorded accuracy. */
    private static Double reference(Map<String, List<ResultRow>> bySeed) {
        List<String> refs = bySeed.values().stream().map(rows -> rows.get(0).get("reference")).distinct().toList();
        if (refs.size() != 1 || refs.get(0) == null || refs.get(0).isBlank()) {
            return null;
        }
        return ReferenceAccuracy.beside(Path.of(refs.get(0)));
    }
}
