package org.curationlab.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The speed targets of the ViT and your-own-pairs issues, judged on one finished bench run: one
 * {@code target-…} row per target whose rows the run has, without a time (so {@code --compare}
 * skips them), its note giving the measured figure, the target and "met" or "missed" (or, for
 * {@code target-decode-cached} in a --quick run, which has no loop rows, "not judged"). A missed
 * step target names {@code curate bench --profile SIZE --tower vit}, which splits the step by op.
 * The figures are ratios within the run, so they hold on a busy machine about as on a quiet one;
 * the sgemm shares do not, and are only worth reading from a run timed alone.
 */
public final class BenchTargets {
    /** train-vit-M and train-vit-L against the same run's sgemm rate. */
    static final double VIT_M_SGEMM = 0.40;
    static final double VIT_L_SGEMM = 0.50;
    /** The ViT-M in the real curate train loop against its bare step. */
    static final double LOOP_OVER_STEP = 1.25;
    /**
     * JEST's loop step ({@link LoopBench#JEST_LOOP}) against the uniform loop's: its time ratio over its
     * FLOPs ratio, what selection costs that its FLOPs do not say (gathering the candidates, the scorer,
     * the selector). Not one of the targets: this toolkit's own guard, at the same 1.25 as the
     * loop over its step, so that a step's hidden cost (ND4J's per-row gather once made an easy-reference
     * step 2.6× uniform's time at 1.13× its FLOPs) shows in a bench run.
     */
    static final double JEST_TIME_OVER_FLOPS = 1.25;
    /** Learner scoring of B = 1 280 at the larger patch against a training step: FLOPs and time. */
    static final double SCORE_FLOPS = 0.45;
    static final double SCORE_TIME = 0.5;
    /** The joint selector at B = 1 280 against a ViT-M and a CNN-M step. */
    static final double SELECTOR_SHARE = 0.05;
    /**
     * What training on your cached pairs adds to an RGB 32×32 step: the real loop on them
     * ({@link LoopBench#PAIRS_LOOP}) against the bare step of the same model timed after each of its
     * runs ({@link LoopBench#PAIRS_STEP}; records before it have only {@code train-M-rgb32}, timed
     * minutes apart, which a drifting host skews). A run reads the decoded-pairs
     * cache once before its first step and then gathers batches from memory, so the cache load
     * ({@code decode-cached}) is a one-off, given as context and not charged per step.
     */
    static final double DECODE_SHARE = 0.10;
    /** The other rows its note reads: the cached load of the generated set and the bare RGB CNN-M step. */
    static final String DECODE_CACHED = "decode-cached-N" + Bench.DECODE_IMAGES;
    static final String RGB_STEP = "train-M-rgb32";

    private BenchTargets() {
    }

    /** The target rows for the rows present (with their ratios to sgemm, as {@link Bench#finish} gives them). */
    public static List<BenchResult> of(List<BenchResult> rows) {
        Map<String, BenchResult> byName = new LinkedHashMap<>();
        rows.forEach(r -> byName.put(r.name(), r));
        List<BenchResult> out = new ArrayList<>();
        BenchResult vitM = byName.get(VitBench.TRAIN + "M");
        sgemmShare(out, vitM, VIT_M_SGEMM, "M");
        sgemmShare(out, byName.get(VitBench.TRAIN + "L"), VIT_L_SGEMM, "L");
        ladder(out, byName);
        BenchResult loop = byName.get("loop-vit-M");
        if (loop != null && vitM != null) {
            double r = loop.ms() / vitM.ms();
            out.add(row("target-loop-vit-M", String.format(Locale.ROOT, "loop-vit-M is %.2fx the train-vit-M step; "
                    + "target <= %.2fx: %s", r, LOOP_OVER_STEP, verdict(r <= LOOP_OVER_STEP))));
        }
        BenchResult jest = byName.get(LoopBench.JEST_LOOP);
        if (jest != null && loop != null) {
            double time = jest.ms() / loop.ms();
            double flops = jest.flops() / loop.flops();
            out.add(row("target-loop-jest", String.format(Locale.ROOT, "%s takes %.2fx the time of a loop-vit-M step at %.2fx its "
                    + "FLOPs: time over FLOPs %.2fx; target <= %.2fx: %s", LoopBench.JEST_LOOP, time, flops, time / flops,
                    JEST_TIME_OVER_FLOPS, verdict(time / flops <= JEST_TIME_OVER_FLOPS))));
        }
        // The scoring rows come in pairs, base patch then the larger one (VitBench.scoring).
        List<BenchResult> scores = byName.values().stream().filter(r -> r.name().startsWith("score-vit-p")).toList();
        if (scores.size() == 2 && vitM != null) {
            BenchResult large = scores.get(1);
            double flops = large.flops() / vitM.flops();
            double time = large.ms() / vitM.ms();
            out.add(row("target-score-vit", String.format(Locale.ROOT, "%s: %.2fx the FLOPs (target <= %.2fx: %s) and %.2fx "
                    + "the time (target <= %.2fx: %s) of a train-vit-M step%s", large.name(), flops, SCORE_FLOPS,
                    verdict(flops <= SCORE_FLOPS), time, SCORE_TIME, verdict(time <= SCORE_TIME),
                    time <= SCORE_TIME ? "" : "; curate bench --profile M --tower vit splits the step by op")));
        }
        BenchResult select = byName.get("select-joint-B1280");
        if (select != null) {
            List<String> parts = new ArrayList<>();
            boolean met = true;
            for (String step : List.of(VitBench.TRAIN + "M", "train-M")) {
                BenchResult s = byName.get(step);
                if (s != null) {
                    double share = select.ms() / s.ms();
                    met &= share <= SELECTOR_SHARE;
                    parts.add(String.format(Locale.ROOT, "%.1f%% of a %s step", 100 * share, step));
                }
            }
            if (!parts.isEmpty()) {
                out.add(row("target-select-joint", String.format(Locale.ROOT, "select-joint-B1280 is %s; target <= %.0f%%: %s",
                        String.join(" and ", parts), 100 * SELECTOR_SHARE, verdict(met))));
            }
        }
        BenchResult rgb = byName.get(RGB_STEP);
        if (rgb != null) {
            BenchResult paired = byName.get(LoopBench.PAIRS_STEP);
            out.add(row("target-decode-cached", cachedPairs(byName.get(LoopBench.PAIRS_LOOP), paired != null ? paired : rgb,
                    byName.get(DECODE_CACHED))));
        }
        return out;
    }

    private static void sgemmShare(List<BenchResult> out, BenchResult step, double target, String size) {
        if (step == null || Double.isNaN(step.ratioToSgemm())) {
            return;
        }
        boolean met = step.ratioToSgemm() >= target;
        out.add(row("target-" + step.name(), String.format(Locale.ROOT, "%s reaches %.3f of the run's sgemm; target >= %.2f: %s%s",
                step.name(), step.ratioToSgemm(), target, verdict(met),
                met ? "" : "; curate bench --profile " + size + " --tower vit splits the step by op")));
    }

    /** Whether the ViT's training steps grow with the ladder (S <= M <= L <= XL, the rungs present). */
    private static void ladder(List<BenchResult> out, Map<String, BenchResult> byName) {
        List<String> present = new ArrayList<>();
        List<Double> ms = new ArrayList<>();
        for (String size : List.of("S", "M", "L", "XL")) {
            BenchResult r = byName.get(VitBench.TRAIN + size);
            if (r != null) {
                present.add(String.format(Locale.ROOT, "%s %.1f ms", size, r.ms()));
                ms.add(r.ms());
            }
        }
        if (ms.size() < 2) {
            return;
        }
        boolean monotone = true;
        for (int i = 1; i < ms.size(); i++) {
            monotone &= ms.get(i - 1) <= ms.get(i);
        }
        out.add(row("target-vit-ladder", "train-vit " + String.join(", ", present)
                + "; target: monotone up the ladder: " + verdict(monotone)));
    }

    /**
     * The loop on your pairs against the bare RGB step (or that it is not judged, when a --quick
     * run has no loop rows), then the one-off cache load of the run's images when the run timed it.
     */
    private static String cachedPairs(BenchResult loop, BenchResult step, BenchResult cached) {
        String judged;
        if (loop == null) {
            judged = "not judged in this run: " + LoopBench.PAIRS_LOOP + " is absent (--quick leaves the loop rows out)";
        } else {
            double added = loop.ms() / step.ms() - 1;
            judged = String.format(Locale.ROOT, "%s is %.2fx the %s step: training on your cached pairs adds %.1f%% to a step; "
                    + "target <= %.0f%%: %s", LoopBench.PAIRS_LOOP, loop.ms() / step.ms(), step.name(), 100 * added, 100 * DECODE_SHARE,
                    verdict(added <= DECODE_SHARE));
        }
        if (cached == null) {
            return judged;
        }
        double perImage = cached.ms() / Bench.DECODE_IMAGES;
        return judged + String.format(Locale.ROOT, "; once per run, not per step: the cache load of its %d images, %.1f ms (%s at "
                + "%.3f ms per image)", Bench.DECODE_IMAGES, cached.ms(), DECODE_CACHED, perImage);
    }

    private static String verdict(boolean met) {
        return met ? "met" : "missed";
    }

    private static BenchResult row(String name, String note) {
        return new BenchResult(name, Double.NaN, Double.NaN, Double.NaN, note);
    }
}
