package org.curationlab.harness.multiplier;

import org.curationlab.harness.fit.ComputeMultiplier;
import org.curationlab.harness.summary.MeanSd;
import org.curationlab.train.results.ResultsCsv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The measured conditions as a CSV (every number) and a Markdown table (for results/README.md), in spec order. */
public record MultiplierTable(List<ConditionResult> rows, int resamples, long seed) {
    public static final List<String> COLUMNS = List.of("section", "condition", "baseline_seeds", "other_seeds",
            "baseline_top1", "baseline_top1_sd", "baseline_best_top1", "other_top1", "other_top1_sd", "reference_top1",
            "iterations_multiplier", "iterations_lo", "iterations_hi", "iterations_status", "iterations_reached",
            "flops_multiplier", "flops_lo", "flops_hi", "flops_status", "flops_reached",
            "iterations_at_best", "iterations_at_best_lo", "iterations_at_best_hi", "iterations_at_best_status", "iterations_at_best_reached",
            "flops_at_best", "flops_at_best_lo", "flops_at_best_hi", "flops_at_best_status", "flops_at_best_reached",
            "step_cost", "baseline_late_gain",
            "baseline_seconds", "baseline_seconds_lo", "baseline_seconds_hi", "other_seconds", "other_seconds_lo", "other_seconds_hi",
            "wall_clock_multiplier", "wall_clock_lo", "wall_clock_hi", "wall_clock_status", "wall_clock_reached",
            "timed_alone", "timing_note", "step_time_cost", "other_select_share");

    public MultiplierTable {
        rows = List.copyOf(rows);
    }

    /** Measures every condition of the spec. */
    public static MultiplierTable of(MultiplierSpec spec) {
        List<ConditionResult> out = new ArrayList<>();
        for (Condition c : spec.conditions()) {
            out.add(ConditionResult.measure(c, spec.metric(), spec.resamples(), spec.seed()));
        }
        return new MultiplierTable(out, spec.resamples(), spec.seed());
    }

    public String csv() {
        StringBuilder sb = new StringBuilder(ResultsCsv.line(COLUMNS));
        for (ConditionResult r : rows) {
            List<String> line = new ArrayList<>(List.of(r.condition().section(), r.condition().name(),
                    Integer.toString(r.baselineSeeds()), Integer.toString(r.otherSeeds()),
                    num(r.baselineTop1().mean()), num(r.baselineTop1().sd()), num(r.baselineBestTop1()),
                    num(r.otherTop1().mean()), num(r.otherTop1().sd()),
                    r.referenceTop1() == null ? "" : num(r.referenceTop1())));
            for (ConditionResult.Multiplier m : List.of(r.iterations(), r.flops(), r.iterationsAtBest(), r.flopsAtBest())) {
                line.addAll(List.of(num(m.value()), num(m.lo()), num(m.hi()), m.status().name().toLowerCase(Locale.ROOT),
                        Integer.toString(m.reached())));
            }
            line.add(num(r.stepCost()));
            line.add(num(r.baselineLateGain()));
            WallClock w = r.wallClock();
            for (WallClock.Seconds t : List.of(w.baseline(), w.other())) {
                line.addAll(List.of(num(t.value()), num(t.lo()), num(t.hi())));
            }
            ConditionResult.Multiplier m = w.multiplier();
            line.addAll(List.of(num(m.value()), num(m.lo()), num(m.hi()), m.status().name().toLowerCase(Locale.ROOT),
                    Integer.toString(m.reached()), w.timing().status().word(), w.timing().note(), num(w.stepTime()),
                    num(w.selectShare())));
            sb.append(ResultsCsv.line(line));
        }
        return sb.toString();
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder();
        // The accuracy measured: "top-1" (zero-shot), else the spec's metric column by name; the CSV's *_top1 columns hold it.
        String acc = rows.isEmpty() || rows.get(0).metric().equals(ConditionResult.TOP1) ? "top-1" : rows.get(0).metric();
        sb.append(("| section | condition | seeds | uniform top-1, final (best, where higher) | method top-1 | reference top-1 | iterations multiplier | "
                + "total-FLOPs multiplier | at uniform's best: iterations / FLOPs | step cost | uniform's 2nd-half gain |"
                + " training time to uniform's final: uniform / method | wall-clock multiplier | timed alone | step time cost |"
                + " method's time choosing batches |\n").replace("top-1", acc));
        sb.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (ConditionResult r : rows) {
            // uniform's best in brackets only where it is above its final (a run that fell back from its peak)
            String best = r.baselineBestTop1() - r.baselineTop1().mean() >= 0.0005
                    ? String.format(Locale.ROOT, " (%.3f)", r.baselineBestTop1()) : "";
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s%s | %s | %s | %s | %s | %s / %s | %.2f× | %s |",
                    r.condition().section(), r.condition().name(),
                    r.baselineSeeds() == r.otherSeeds() ? Integer.toString(r.otherSeeds()) : r.baselineSeeds() + " / " + r.otherSeeds(),
                    accuracy(r.baselineTop1()), best, accuracy(r.otherTop1()),
                    r.referenceTop1() == null ? "–" : String.format(Locale.ROOT, "%.3f", r.referenceTop1()),
                    cell(r.iterations(), true), cell(r.flops(), true), cell(r.iterationsAtBest(), false), cell(r.flopsAtBest(), false),
                    r.stepCost(), Double.isNaN(r.baselineLateGain()) ? "–" : String.format(Locale.ROOT, "%+.3f", r.baselineLateGain())));
            sb.append(wallClock(r.wallClock())).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "%nMultipliers: x uniform needs for its final seed-averaged accuracy over x the method "
                + "needs for it, on the seed-averaged observed curves (interpolated in log x, never extrapolated); ≥ marks a lower "
                + "bound (the method is past the bar at its first evaluation), \"not reached\" a method that never gets there. "
                + "Brackets: 95%% percentile bootstrap over seeds (%d resamples, seed %d), both sides resampled; \"k/n\" when the "
                + "method reached the bar in only k of the n resamples (the interval is over those). At uniform's best: the same "
                + "multipliers against uniform's best seed-averaged accuracy anywhere on its curve (in brackets in the uniform column "
                + "where it is above the final one), intervals in multipliers.csv; a lower bound's interval is left out (its resamples "
                + "are capped at the same bound). Step cost: the method's "
                + "FLOPs per step over uniform's. Uniform's 2nd-half gain: its final top-1 minus its top-1 at half its budget (– without an evaluation near there).%n",
                resamples, seed).replace("top-1", acc));
        sb.append(String.format(Locale.ROOT, "%nTraining time: the runs' wall_s (training steps' seconds, evaluation excluded), on "
                + "the seed-averaged curve of mean seconds and mean accuracy at each evaluation step, crossed as above; uniform's "
                + "is its time to the end of its budget, the method's its time to uniform's final accuracy (≤ where the method is "
                + "past it at its first evaluation), with the method's interval in brackets (uniform's in multipliers.csv). "
                + "Selection and scoring time (the joint selector, the learner's and the reference's scores) are in wall_s but not in "
                + "the training FLOPs, so the wall-clock multiplier can be far below the FLOPs one. Timed alone: \"yes\" only when "
                + "the spec says so (timed-alone: true) for both sides and nothing recorded contradicts it; \"no\" when a sweep ran "
                + "more than one cell at a time (its sweep.json jobs) or the spec says timed-alone: false; \"unknown\" when neither "
                + "records it. A wall-clock multiplier marked † was not timed alone (or is not known to be), or its two sides trained "
                + "at different thread counts (provenance.json threads, sweep.json threads_per_cell): other work or another "
                + "thread count changed an unknown share of its seconds, so read it as indicative only (why, per row: timing_note "
                + "in multipliers.csv). Step time cost: the method's seconds per step over uniform's (the time twin of the FLOPs "
                + "step cost; the wall-clock multiplier is about the iterations one divided by it). The method's time choosing "
                + "batches: its select_s (drawing the super-batch, scoring it with the learner and the reference, the selector) as "
                + "a share of its wall_s at its final step; – for runs made before select_s was recorded. Both read the same seconds as the "
                + "wall-clock multiplier, so where it is marked † they too are indicative only.%n"));
        return sb.toString();
    }

    /** The wall-clock cells: both times, the multiplier (marked † unless timed alone) and whether it was. */
    private static String wallClock(WallClock w) {
        ConditionResult.Multiplier m = w.multiplier();
        String method;
        if (m.status() == ComputeMultiplier.Status.NOT_REACHED) {
            method = "not reached";
        } else {
            boolean bound = m.status() == ComputeMultiplier.Status.LOWER_BOUND;
            method = (bound ? "≤ " : "") + String.format(Locale.ROOT, "%.0f s", w.other().value())
                    + (bound || Double.isNaN(w.other().lo()) ? "" : String.format(Locale.ROOT, " [%.0f, %.0f]", w.other().lo(), w.other().hi()));
        }
        return String.format(Locale.ROOT, " %.0f s / %s | %s%s | %s | %s | %s |", w.baseline().value(), method, cell(m, true),
                w.timing().trusted() ? "" : " †", w.timing().status().word(),
                Double.isNaN(w.stepTime()) ? "–" : String.format(Locale.ROOT, "%.2f×", w.stepTime()),
                Double.isNaN(w.selectShare()) ? "–" : String.format(Locale.ROOT, "%.0f%%", 100 * w.selectShare()));
    }

    /** A multiplier, its status and (with {@code interval}) its bootstrap interval. */
    private static String cell(ConditionResult.Multiplier m, boolean interval) {
        if (m.status() == ComputeMultiplier.Status.NOT_REACHED) {
            return "not reached" + (m.reached() > 0 ? String.format(Locale.ROOT, " (%d/%d)", m.reached(), m.resamples()) : "");
        }
        boolean bound = m.status() == ComputeMultiplier.Status.LOWER_BOUND;
        String v = (bound ? "≥ " : "") + String.format(Locale.ROOT, "%.2f×", m.value());
        // a lower bound's resamples are capped at the same bound: their interval would read as a measurement
        String iv = !interval || bound || Double.isNaN(m.lo()) ? "" : String.format(Locale.ROOT, " [%.2f, %.2f]", m.lo(), m.hi());
        String k = m.reached() < m.resamples() ? String.format(Locale.ROOT, " %d/%d", m.reached(), m.resamples()) : "";
        return v + iv + k;
    }

    /** Mean ± sd over seeds; the mean alone for one seed. */
    private static String accuracy(MeanSd s) {
        return s.hasSpread() && !Double.isNaN(s.sd()) ? String.format(Locale.ROOT, "%.3f ± %.3f", s.mean(), s.sd())
                : String.format(Locale.ROOT, "%.3f", s.mean());
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : ResultsCsv.number(v);
    }
}
