package org.curationlab.harness.multiplier;

import org.curationlab.data.CurationException;
import org.curationlab.harness.fit.Bootstrap;
import org.curationlab.harness.fit.ComputeMultiplier;
import org.curationlab.harness.fit.Observation;
import org.curationlab.harness.summary.FinalRows;
import org.curationlab.train.EvalLog;
import org.curationlab.train.results.ResultRow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Training time to uniform's final accuracy, for uniform and for the method, and their ratio: the wall-clock
 * multiplier. Selection and scoring time are in {@code wall_s} but not in the training FLOPs, so a method whose steps
 * cost little more in FLOPs can cost much more in time. The crossing is the iterations and FLOPs ones'
 * ({@link ComputeMultiplier#empirical} at {@link ComputeMultiplier.Target#FINAL}, interpolated in log x, never
 * extrapolated) on a seed-averaged curve whose point at each evaluation step is the mean wall_s and the mean error of
 * the seeds there: seeds' clocks differ, so averaging error at equal seconds, as at equal iterations, would pair no
 * two points. Uniform's time is its mean wall_s at its last step. Intervals are percentile bootstraps over seeds, both
 * sides resampled, as for the other multipliers; {@code timing} says whether the seconds can be trusted.
 * Two diagnostics say where the method's time goes: its seconds per step over uniform's (the time twin of the
 * FLOPs step cost: the wall-clock multiplier is roughly the iterations one divided by it), and the share of its
 * seconds spent choosing batches ({@code select_s} over {@code wall_s} at its final row).
 *
 * @param baseline    uniform's seconds to its own final accuracy (its budget's training time)
 * @param other       the method's seconds to it (NaN when not reached; an upper bound for a lower-bound multiplier)
 * @param multiplier  baseline over other seconds
 * @param stepTime    the method's mean seconds per step over uniform's (each side's final wall_s over its final
 *                    iteration, averaged over seeds)
 * @param selectShare the method's mean over seeds of select_s / wall_s at the final row; NaN when a seed's runs
 *                    predate select_s
 */
public record WallClock(Seconds baseline, Seconds other, ConditionResult.Multiplier multiplier, Timing timing, double stepTime,
                        double selectShare) {
    private static final String BASELINE = "baseline";
    private static final String OTHER = "other";

    /** Seconds with their bootstrap interval (NaN ends when no resample reached the bar). */
    public record Seconds(double value, double lo, double hi) {
    }

    static WallClock measure(Condition c, Map<String, List<ResultRow>> base, Map<String, List<ResultRow>> other, int resamples, long seed,
                             String metric) {
        Timing timing = Timing.of(c.baseline().timing(), c.other().timing()).withThreads(c.baseline().threads(), c.other().threads());
        List<Observation> obs = new ArrayList<>();
        add(obs, base, BASELINE, metric);
        add(obs, other, OTHER, metric);
        ComputeMultiplier.Result point = estimate(obs);
        AtomicInteger reached = new AtomicInteger();
        Bootstrap.Result boot = Bootstrap.overSeeds(obs, resample -> {
            ComputeMultiplier.Result r = estimate(resample);
            if (Double.isFinite(r.multiplier())) {
                reached.incrementAndGet();
            }
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("m", r.multiplier());
            out.put("base", r.xBaseline());
            out.put("other", r.xOther());
            return out;
        }, resamples, Bootstrap.DEFAULT_LEVEL, seed);
        if (boot.failed() > 0) {
            throw new IllegalStateException(c.name() + ": " + boot.failed() + " wall-clock bootstrap resamples failed");
        }
        Bootstrap.Interval m = boot.intervals().get("m");
        return new WallClock(seconds(point.xBaseline(), boot.intervals().get("base")), seconds(point.xOther(), boot.intervals().get("other")),
                new ConditionResult.Multiplier(point.multiplier(), point.status(), m == null ? Double.NaN : m.lo(),
                        m == null ? Double.NaN : m.hi(), reached.get(), resamples),
                timing, ConditionResult.perStep(other, RunSource.WALL) / ConditionResult.perStep(base, RunSource.WALL), selectShare(other));
    }

    /** Mean over seeds of the final row's select_s over its wall_s; NaN when any seed's row has no select_s. */
    private static double selectShare(Map<String, List<ResultRow>> bySeed) {
        double sum = 0;
        for (List<ResultRow> rows : bySeed.values()) {
            ResultRow last = FinalRows.of(rows);
            sum += last.numberOrNaN(EvalLog.SELECT_SECONDS) / last.number(RunSource.WALL);
        }
        return sum / bySeed.size();
    }

    private static Seconds seconds(double value, Bootstrap.Interval iv) {
        return new Seconds(value, iv == null ? Double.NaN : iv.lo(), iv == null ? Double.NaN : iv.hi());
    }

    /** The crossing on the resample's seed-averaged (seconds, error) curves. */
    static ComputeMultiplier.Result estimate(List<Observation> obs) {
        return ComputeMultiplier.empirical(meanCurve(obs, BASELINE), meanCurve(obs, OTHER), ComputeMultiplier.Target.FINAL);
    }

    /**
     * One point per evaluation step of a group: mean wall_s (x2 of each observation) and mean error over the seeds in
     * the list (a seed drawn twice by the bootstrap counts twice), in step order.
     */
    private static List<Observation> meanCurve(List<Observation> obs, String group) {
        TreeMap<Double, double[]> byStep = new TreeMap<>();
        for (Observation o : obs) {
            if (o.group().equals(group)) {
                double[] s = byStep.computeIfAbsent(o.x(), k -> new double[3]);
                s[0] += o.x2();
                s[1] += o.y();
                s[2]++;
            }
        }
        List<Observation> out = new ArrayList<>(byStep.size());
        byStep.values().forEach(s -> out.add(Observation.of(s[0] / s[2], s[1] / s[2], group, null)));
        return out;
    }

    /** x = iteration (to pair the seeds' points), x2 = wall_s, y = error; the untrained model's row left out. */
    private static void add(List<Observation> out, Map<String, List<ResultRow>> bySeed, String group, String metric) {
        bySeed.forEach((seed, rows) -> {
            for (ResultRow r : rows) {
                double iteration = r.number(RunSource.ITERATION);
                if (iteration > 0) {
                    if (!r.has(RunSource.WALL)) {
                        throw new CurationException(r.where() + ": no '" + RunSource.WALL + "' column; expected the training seconds "
                                + "every run records (the wall-clock multiplier reads it)");
                    }
                    double wall = r.numberOrNaN(RunSource.WALL);
                    if (!(wall > 0) || Double.isInfinite(wall)) {
                        throw new CurationException(r.where() + ": column '" + RunSource.WALL + "' holds " + r.get(RunSource.WALL)
                                + " at iteration " + r.get(RunSource.ITERATION) + "; expected positive training seconds");
                    }
                    out.add(new Observation(iteration, wall, 1 - r.number(metric), group, seed));
                }
            }
        });
    }
}
