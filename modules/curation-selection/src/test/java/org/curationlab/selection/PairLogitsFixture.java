package org.curationlab.selection;

import java.util.Random;

/**
 * Test logit matrices. "Structured" ones look like a real super-batch: image and text embeddings
 * share a low-dimensional latent concept, some captions are noise (paired with a random concept),
 * the learner sees the data through more noise than the reference, and logits are t·cos + bias as
 * in SigLIP. "Random" ones are i.i.d. Gaussian logits with a shifted diagonal.
 */
final class PairLogitsFixture {
    private PairLogitsFixture() {
    }

    /** Learner (index 0) and reference (index 1) logits of one structured super-batch. */
    static PairMatrix[] structured(int n, long seed) {
        Random rng = new Random(seed);
        int dim = 4;
        double[][] latent = new double[n][dim];
        for (double[] z : latent) {
            for (int k = 0; k < dim; k++) {
                z[k] = rng.nextGaussian();
            }
        }
        double[][] captionLatent = new double[n][];
        for (int i = 0; i < n; i++) {
            // About a quarter of the captions do not describe their image: noisy web pairs.
            captionLatent[i] = rng.nextDouble() < 0.25 ? latent[rng.nextInt(n)] : latent[i];
        }
        PairMatrix learner = logits("learner logits", latent, captionLatent, 0.8, 5.0, -2.0, rng);
        PairMatrix reference = logits("reference logits", latent, captionLatent, 0.3, 10.0, -5.0, rng);
        return new PairMatrix[] {learner, reference};
    }

    private static PairMatrix logits(String name, double[][] img, double[][] txt, double noise,
                                     double temperature, double bias, Random rng) {
        int n = img.length;
        double[][] u = embed(img, noise, rng);
        double[][] v = embed(txt, noise, rng);
        float[] out = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0.0;
                for (int k = 0; k < u[i].length; k++) {
                    dot += u[i][k] * v[j][k];
                }
                out[i * n + j] = (float) (temperature * dot + bias);
            }
        }
        return PairMatrix.of(name, out);
    }

    private static double[][] embed(double[][] latent, double noise, Random rng) {
        double[][] out = new double[latent.length][];
        for (int i = 0; i < latent.length; i++) {
            double[] e = latent[i].clone();
            double norm = 0.0;
            for (int k = 0; k < e.length; k++) {
                e[k] += noise * rng.nextGaussian();
                norm += e[k] * e[k];
            }
            norm = Math.sqrt(norm);
            for (int k = 0; k < e.length; k++) {
                e[k] /= norm;
            }
            out[i] = e;
        }
        return out;
    }

    /** Learner and reference logits with i.i.d. N(0, 3²) entries and a diagonal shifted by +2. */
    static PairMatrix[] random(int n, long seed) {
        Random rng = new Random(seed);
        return new PairMatrix[] {gaussian("learner logits", n, rng), gaussian("reference logits", n, rng)};
    }

    private static PairMatrix gaussian(String name, int n, Random rng) {
        float[] out = new float[n * n];
        for (int i = 0; i < n * n; i++) {
            out[i] = (float) (3.0 * rng.nextGaussian() + (i % (n + 1) == 0 ? 2.0 : 0.0));
        }
        return PairMatrix.of(name, out);
    }

    /** Every registered score that reads a model (all but uniform): what scorer tests sweep over. */
    static java.util.stream.Stream<Score> modelScores() {
        return Scores.all().stream().filter(Score::usesModels);
    }

    static BatchScorer sigmoidLearnability(PairMatrix[] logits) {
        return SigmoidScorer.of(Scores.LEARNABILITY, logits[0], logits[1]);
    }
}
