package org.curationlab.models;

/**
 * Measures examples/s of one train step (and of scoring) for a rung of the ladder. Run by hand:
 * {@code java -cp <test classpath> org.curationlab.models.TrainStepBenchmark CNN M 256 10}.
 */
public final class TrainStepBenchmark {
    public static void main(String[] args) {
        ImageTowerKind kind = ImageTowerKind.valueOf(args.length > 0 ? args[0] : "CNN");
        ModelSize size = ModelSize.valueOf(args.length > 1 ? args[1] : "M");
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        ModelConfig c = ModelConfig.defaults(kind, size);
        TwoTowerModel m = TwoTowerModel.create(c);
        SyntheticPairs d = new SyntheticPairs(batch, 10, c.maxTokens(), 7);
        for (int i = 0; i < 3; i++) {
            m.trainStep(d.images, d.tokens); // warm-up: graph, JIT, allocations
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            m.trainStep(d.images, d.tokens);
        }
        double stepSec = (System.nanoTime() - t0) / 1e9 / steps;
        long t1 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            m.pairScores(d.images, d.tokens);
        }
        double scoreSec = (System.nanoTime() - t1) / 1e9 / steps;
        double flops = (double) batch * (m.trainFlopsPerExample(28) + 3 * m.logitsFlopsPerExample(batch));
        System.out.printf("%s %s batch %d: train step %.1f ms = %.0f examples/s (%.2f GFLOP/s); "
                + "pairScores %.1f ms = %.0f examples/s%n", kind, size, batch, stepSec * 1e3,
                batch / stepSec, flops / stepSec / 1e9, scoreSec * 1e3, batch / scoreSec);
    }
}
