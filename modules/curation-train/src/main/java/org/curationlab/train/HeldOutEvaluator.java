package org.curationlab.train;

import org.curationlab.data.pairs.CaptionTokenizer;
import org.curationlab.data.pairs.ImageTextPairs;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;

/**
 * Evaluation on your own held-out pairs (docs/data.md), which have no classes of their own:
 * image→text and text→image recall@1 and @5 against their captions (ties in the query's favour,
 * as {@link Evaluator}), and zero-shot top-1 only where the pairs carry labels (a label column or
 * folder labels), with prompts built from the label names. No linear probe: it needs labelled
 * shots outside the evaluated pairs.
 */
public final class HeldOutEvaluator implements Evaluation {
    /** Prompt templates for zero-shot; each label's embedding is the normalised mean over them. */
    static final List<String> TEMPLATES = List.of("%s", "a %s", "a photo of a %s", "a picture of a %s");

    private final INDArray images;
    private final INDArray tokens;
    private final int[] labels;
    private final int[][][] prompts;

    /**
     * @param eval      the held-out pairs, their captions under the learner's tokenizer
     * @param tokenizer the learner's tokenizer, for the zero-shot prompts
     */
    public HeldOutEvaluator(ImageTextPairs eval, CaptionTokenizer tokenizer) {
        this.images = eval.images();
        this.tokens = eval.tokens();
        List<String> names = eval.labelNames();
        if (names.isEmpty()) {
            this.labels = null;
            this.prompts = null;
        } else {
            this.labels = new int[eval.size()];
            Arrays.setAll(labels, eval::label);
            this.prompts = new int[names.size()][][];
            for (int c = 0; c < names.size(); c++) {
                String name = names.get(c).replace('_', ' ').replace('-', ' ');
                prompts[c] = TEMPLATES.stream().map(t -> tokenizer.encode(String.format(t, name))).toArray(int[][]::new);
            }
        }
    }

    /** Evaluation on the first {@code evalSize} of {@code eval} (all when it holds fewer). */
    public static HeldOutEvaluator of(ImageTextPairs eval, CaptionTokenizer tokenizer, int evalSize) {
        ImageTextPairs held = eval;
        if (held.size() > evalSize) {
            int[] first = new int[evalSize];
            Arrays.setAll(first, i -> i);
            held = held.subset(first, held.name());
        }
        return new HeldOutEvaluator(held, tokenizer);
    }

    @Override
    public int size() {
        return (int) images.rows();
    }

    @Override
    public boolean reports(String metric) {
        return switch (metric) {
            case "zeroshot_top1" -> labels != null;
            case "probe_10shot" -> false;
            default -> true;
        };
    }

    @Override
    public Metrics evaluate(Encoders model) {
        INDArray img = Evaluator.inChunks(model::embedImages, images);
        INDArray txt = Evaluator.inChunks(model::embedTexts, tokens);
        double[] i2t = Evaluator.recall(img, txt);
        double[] t2i = Evaluator.recall(txt, img);
        double zeroShot = labels == null ? Double.NaN : Evaluator.zeroShotTop1(img, labelEmbeddings(model), labels);
        return new Metrics(zeroShot, i2t[0], i2t[1], t2i[0], t2i[1], Double.NaN);
    }

    /** One embedding per label: the normalised mean of its prompts' normalised embeddings. */
    private INDArray labelEmbeddings(Encoders model) {
        INDArray[] rows = new INDArray[prompts.length];
        for (int c = 0; c < prompts.length; c++) {
            INDArray mean = model.embedTexts(Nd4j.createFromArray(prompts[c])).mean(true, 0);
            rows[c] = mean.div(mean.norm2Number().doubleValue() + 1e-12);
        }
        return Nd4j.vstack(rows);
    }
}
