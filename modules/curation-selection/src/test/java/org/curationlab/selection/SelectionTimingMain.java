package org.curationlab.selection;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Throwaway timing main (README "Measured"): median wall time of each step at B = 1280 and 4096,
 * b = B/5, structured logits. Run from the module's test classpath; deleted after measuring.
 */
public final class SelectionTimingMain {
    interface Step {
        Object run();
    }

    static Object sink;

    static double median(Step s, int warm, int reps) {
        for (int i = 0; i < warm; i++) {
            sink = s.run();
        }
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            sink = s.run();
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(t);
        return t[reps / 2];
    }

    /** The previous PairMatrix.of(INDArray) copy, for the before column. */
    static float[] oldCopy(INDArray a) {
        return a.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
    }

    public static void main(String[] args) {
        System.out.println("OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS"));
        for (int n : new int[] {1280, 4096}) {
            boolean big = n > 2000;
            int warm = big ? 2 : 5;
            int reps = big ? 5 : 15;
            int b = n / 5;
            PairMatrix[] logits = PairLogitsFixture.structured(n, 1);
            INDArray l = Nd4j.create(logits[0].values(), new long[] {n, n}, 'c');
            INDArray r = Nd4j.create(logits[1].values(), new long[] {n, n}, 'c');
            System.out.printf("B=%d b=%d%n", n, b);
            System.out.printf("  copy INDArray->float[]: asFloat %.2f ms, NIO %.2f ms%n",
                    median(() -> oldCopy(l), warm, reps), median(() -> PairMatrix.of("l", l), warm, reps));
            System.out.printf("  sigmoid scorer (learnability): plain Java %.2f ms, ND4J %.2f ms (M only %.2f ms)%n",
                    median(() -> SigmoidScorer.of(ScoreMethod.LEARNABILITY, logits[0], logits[1]), 1, big ? 3 : 7),
                    median(() -> SigmoidScorer.of(ScoreMethod.LEARNABILITY, l, r), warm, reps),
                    median(() -> ScoreMatrix.sigmoid(ScoreMethod.LEARNABILITY, l, r), warm, reps));
            System.out.printf("  sigmoid scorer (hard-learner): plain Java %.2f ms, ND4J %.2f ms%n",
                    median(() -> SigmoidScorer.of(ScoreMethod.HARD_LEARNER, logits[0], null), 1, big ? 3 : 7),
                    median(() -> SigmoidScorer.of(ScoreMethod.HARD_LEARNER, l, null), warm, reps));
            SoftmaxScorer soft = (SoftmaxScorer) SoftmaxScorer.of(ScoreMethod.LEARNABILITY, logits[0], logits[1]);
            System.out.printf("  softmax scorer build (INDArray in) %.2f ms; example scores: plain Java %.2f ms, ND4J %.2f ms%n",
                    median(() -> SoftmaxScorer.of(ScoreMethod.LEARNABILITY, l, r), warm, reps),
                    median(soft::exampleScoresPlain, 1, big ? 3 : 5), median(soft::exampleScores, warm, reps));
            BatchScorer sc = SigmoidScorer.of(ScoreMethod.LEARNABILITY, l, r);
            int[] swaps = new int[1];
            JointSelector paper = new JointSelector();
            JointSelector greedy = new JointSelector(JointSelector.Options.greedy(16));
            JointSelector paperRefined = new JointSelector(JointSelector.Options.paper().withRefinement(10));
            JointSelector greedyRefined = new JointSelector(JointSelector.Options.greedy(16).withRefinement(10));
            int w = big ? 5 : 20;
            int k = big ? 15 : 51;
            System.out.printf("  sigmoid selection: paper %.2f ms, greedy(16) %.2f ms, paper+refine %.2f ms,"
                            + " greedy(16)+refine %.2f ms, independent %.2f ms, best-of-5 paper %.2f ms%n",
                    median(() -> paper.select(sc, b, 1), w, k), median(() -> greedy.select(sc, b, 1), w, k),
                    median(() -> paperRefined.select(sc, b, 1), w, k), median(() -> greedyRefined.select(sc, b, 1), w, k),
                    median(() -> new IndependentSelector(IndependentSelector.Options.topB()).select(sc, b, 1), w, k),
                    median(() -> {
                        double best = Double.NEGATIVE_INFINITY;
                        for (int s = 0; s < 5; s++) {
                            best = Math.max(best, paper.select(sc, b, s).score());
                        }
                        return best;
                    }, w, k));
            Selection p = paper.select(sc, b, 1);
            Selection pr = paperRefined.select(sc, b, 1);
            Selection g = greedy.select(sc, b, 1);
            Selection gr = greedyRefined.select(sc, b, 1);
            System.out.printf("  scores: paper %.1f -> refined %.1f; greedy %.1f -> refined %.1f%n",
                    p.score(), pr.score(), g.score(), gr.score());
            System.out.printf("  softmax joint paper %.2f ms%n", median(() -> paper.select(soft, b, 1), w, k));
        }
    }
}
