package org.curationlab.train;

import org.curationlab.data.DataWorld;
import org.curationlab.data.FashionClass;
import org.curationlab.data.PairPool;
import org.curationlab.data.Seeds;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;
import java.util.List;

/**
 * Evaluation on the real test split, never seen in training (docs/data.md): zero-shot top-1 with a
 * prompt ensemble over class synonyms, image→text and text→image recall@1/@5 against the clean
 * test captions, and a 10-shot linear probe on frozen image embeddings.
 *
 * <p>Retrieval ties count in the query's favour: many test captions are the same text (same
 * class, template and attribute buckets), and a model cannot be asked to tell identical strings
 * apart.
 */
public final class Evaluator implements Evaluation {
    /** Shots per class for the linear probe, taken from the curated train partition. */
    public static final int PROBE_SHOTS = 10;
    private static final int BLOCK = 1024;

    private final PairPool eval;
    private final INDArray evalImages;
    private final INDArray evalTokens;
    private final int[] evalClasses;
    private final List<int[][]> prompts;
    private final INDArray probeImages;
    private final int[] probeClasses;

    /**
     * @param evalSize how many test pairs to evaluate on (the first ones; all when ≥ the split)
     */
    public Evaluator(DataWorld world, int evalSize, long seed) {
        PairPool full = world.evalSet(seed);
        int n = Math.min(evalSize, full.size());
        int[] ids = new int[n];
        Arrays.setAll(ids, i -> i);
        this.eval = n == full.size() ? full : full.subset(ids, "eval");
        this.evalImages = eval.images();
        this.evalTokens = eval.tokens();
        this.evalClasses = new int[n];
        Arrays.setAll(evalClasses, eval::classOf);
        this.prompts = world.classPromptTokens();
        PairPool shots = world.referenceSet(org.curationlab.data.CurationLevel.CURATED,
                org.curationlab.data.NoiseSpec.NONE, PROBE_SHOTS * FashionClass.COUNT, Seeds.mix(seed, "probe"));
        this.probeImages = shots.images();
        this.probeClasses = new int[shots.size()];
        Arrays.setAll(probeClasses, shots::classOf);
    }

    @Override
    public int size() {
        return eval.size();
    }

    @Override
    public Metrics evaluate(Encoders model) {
        INDArray img = inChunks(model::embedImages, evalImages);
        INDArray txt = inChunks(model::embedTexts, evalTokens);
        double zeroShot = zeroShotTop1(img, classEmbeddings(model), evalClasses);
        double[] i2t = recall(img, txt);
        double[] t2i = recall(txt, img);
        double probe = LinearProbe.fit(model.embedImages(probeImages), probeClasses, FashionClass.COUNT)
                .accuracy(img, evalClasses);
        return new Metrics(zeroShot, i2t[0], i2t[1], t2i[0], t2i[1], probe);
    }

    /** Embeds in blocks, so that a CNN's activations for 10 000 test images never sit in memory at once. */
    static INDArray inChunks(java.util.function.UnaryOperator<INDArray> embed, INDArray rows) {
        long n = rows.rows();
        if (n <= BLOCK) {
            return embed.apply(rows);
        }
        INDArray[] parts = new INDArray[(int) ((n + BLOCK - 1) / BLOCK)];
        for (int k = 0; k < parts.length; k++) {
            long end = Math.min(n, (long) (k + 1) * BLOCK);
            parts[k] = embed.apply(rows.get(NDArrayIndex.interval((long) k * BLOCK, end), NDArrayIndex.all()));
        }
        return Nd4j.vstack(parts);
    }

    /** One embedding per class: the normalised mean of its prompts' normalised embeddings. */
    INDArray classEmbeddings(Encoders model) {
        INDArray[] rows = new INDArray[FashionClass.COUNT];
        for (int c = 0; c < FashionClass.COUNT; c++) {
            int[][] p = prompts.get(c);
            INDArray tokens = Nd4j.createFromArray(p);
            INDArray mean = model.embedTexts(tokens).mean(true, 0);
            rows[c] = mean.div(mean.norm2Number().doubleValue() + 1e-12);
        }
        return Nd4j.vstack(rows);
    }

    static double zeroShotTop1(INDArray imageEmb, INDArray classEmb, int[] classes) {
        INDArray pred = imageEmb.mmul(classEmb.transpose()).argMax(1);
        long[] p = pred.toLongVector();
        int correct = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] == classes[i]) {
                correct++;
            }
        }
        return correct / (double) p.length;
    }

    /**
     * Recall@1 and @5 of retrieving row i of {@code targets} for query row i of {@code queries}:
     * the fraction of queries whose match has fewer than k targets scoring strictly higher.
     */
    static double[] recall(INDArray queries, INDArray targets) {
        int n = (int) queries.rows();
        int at1 = 0, at5 = 0;
        INDArray targetsT = targets.transpose();
        for (int start = 0; start < n; start += BLOCK) {
            int end = Math.min(n, start + BLOCK);
            INDArray sims = queries.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).mmul(targetsT);
            float[] s = sims.dup('c').data().asFloat();
            for (int r = 0; r < end - start; r++) {
                int base = r * n;
                float own = s[base + start + r];
                int higher = 0;
                for (int j = 0; j < n && higher < 5; j++) {
                    if (s[base + j] > own) {
                        higher++;
                    }
                }
                if (higher < 1) {
                    at1++;
                }
                if (higher < 5) {
                    at5++;
                }
            }
        }
        return new double[]{at1 / (double) n, at5 / (double) n};
    }
}
