package org.curationlab.models;

import org.nd4j.linalg.schedule.ISchedule;

/**
 * Learning rate with linear warm-up then cosine decay to zero, the schedule of the JEST and
 * SigLIP training recipes. Given to ND4J's Adam as an {@link ISchedule}, evaluated at the
 * model's own step counter (which the checkpoint stores), so a resumed run sees the same rates.
 */
public final class WarmupCosineSchedule implements ISchedule {
    private final double peak;
    private final int warmupSteps;
    private final int totalSteps;

    public WarmupCosineSchedule(double peak, int warmupSteps, int totalSteps) {
        this.peak = peak;
        this.warmupSteps = warmupSteps;
        this.totalSteps = totalSteps;
    }

    /** The rate used for step {@code iteration} (0-based). */
    @Override
    public double valueAt(int iteration, int epoch) {
        if (iteration < warmupSteps) {
            // (i + 1) / warmup: the first step already moves, the last warm-up step hits the peak.
            return peak * (iteration + 1) / warmupSteps;
        }
        int decaySteps = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1.0, (double) (iteration - warmupSteps) / decaySteps);
        return peak * 0.5 * (1.0 + Math.cos(Math.PI * progress));
    }

    @Override
    public ISchedule clone() {
        return new WarmupCosineSchedule(peak, warmupSteps, totalSteps);
    }
}
