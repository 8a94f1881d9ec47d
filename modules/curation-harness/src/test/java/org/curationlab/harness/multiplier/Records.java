package org.curationlab.harness.multiplier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/** Small synthetic records for the multiplier tests: eval rows of known learning curves. */
final class Records {
    static final String HEADER = "iteration,flops_total,flops_train,zeroshot_top1,wall_s";
    /** Seconds per FLOP when a test does not say: a step's time in proportion to its FLOPs. */
    static final double SECONDS_PER_FLOP = 1e-10;

    private Records() {
    }

    /** Eval rows every {@code every} steps up to {@code steps}: top-1 = curve(iteration), FLOPs = perStep × iteration. */
    static String rows(DoubleUnaryOperator curve, int steps, int every, double perStep, double trainPerStep) {
        return rows(curve, steps, every, perStep, trainPerStep, perStep * SECONDS_PER_FLOP);
    }

    /** As above, with wall_s = secondsPerStep × iteration. */
    static String rows(DoubleUnaryOperator curve, int steps, int every, double perStep, double trainPerStep, double secondsPerStep) {
        StringBuilder sb = new StringBuilder();
        for (int it = 0; it <= steps; it += every) {
            sb.append(String.format(Locale.ROOT, "%d,%.6g,%.6g,%.6f,%.6g%n", it, perStep * it, trainPerStep * it,
                    it == 0 ? 0.1 : curve.applyAsDouble(it), secondsPerStep * it));
        }
        return sb.toString();
    }

    /** A run folder holding one eval.csv. */
    static Path run(Path dir, String name, DoubleUnaryOperator curve, int steps, double perStep) throws IOException {
        return run(dir, name, curve, steps, perStep, perStep * SECONDS_PER_FLOP);
    }

    /** A run folder holding one eval.csv whose steps take {@code secondsPerStep} each. */
    static Path run(Path dir, String name, DoubleUnaryOperator curve, int steps, double perStep, double secondsPerStep) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.writeString(d.resolve("eval.csv"), HEADER + "\n" + rows(curve, steps, 100, perStep, perStep, secondsPerStep));
        return d;
    }

    /** Uniform's curve: top-1 rising as 0.9 − 0.5·(100/t)^0.5, scaled in t by {@code speed} (speed 2 = twice as fast). */
    static DoubleUnaryOperator curve(double speed, double shift) {
        return t -> 0.9 - 0.5 * Math.pow(100 / (speed * t), 0.5) + shift;
    }
}
