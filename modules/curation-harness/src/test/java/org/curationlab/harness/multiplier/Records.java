package org.curationlab.harness.multiplier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/** Small synthetic records for the multiplier tests: eval rows of known learning curves. */
final class Records {
    static final String HEADER = "iteration,flops_total,flops_train,zeroshot_top1";

    private Records() {
    }

    /** Eval rows every {@code every} steps up to {@code steps}: top-1 = curve(iteration), FLOPs = perStep × iteration. */
    static String rows(DoubleUnaryOperator curve, int steps, int every, double perStep, double trainPerStep) {
        StringBuilder sb = new StringBuilder();
        for (int it = 0; it <= steps; it += every) {
            sb.append(String.format(Locale.ROOT, "%d,%.6g,%.6g,%.6f%n", it, perStep * it, trainPerStep * it,
                    it == 0 ? 0.1 : curve.applyAsDouble(it)));
        }
        return sb.toString();
    }

    /** A run folder holding one eval.csv. */
    static Path run(Path dir, String name, DoubleUnaryOperator curve, int steps, double perStep) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.writeString(d.resolve("eval.csv"), HEADER + "\n" + rows(curve, steps, 100, perStep, perStep));
        return d;
    }

    /** Uniform's curve: top-1 rising as 0.9 − 0.5·(100/t)^0.5, scaled in t by {@code speed} (speed 2 = twice as fast). */
    static DoubleUnaryOperator curve(double speed, double shift) {
        return t -> 0.9 - 0.5 * Math.pow(100 / (speed * t), 0.5) + shift;
    }
}
