package org.curationlab.train;

import org.curationlab.data.Seeds;
import org.curationlab.data.pairs.CaptionTokenizer;
import org.curationlab.data.pairs.ImageTextPairs;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluation on your own held-out pairs (docs/data.md), which have no classes of their own:
 * image→text and text→image recall@1 and @5 against their captions (ties in the query's favour,
 * as {@link Evaluator}), and zero-shot top-1 only where the pairs carry labels (a label column or
 * folder labels), with prompts built from the label names. No linear probe: it needs labelled
 * shots outside the evaluated pairs.
 */
public final class HeldOutEvaluator implements Evaluation {
    /** Prompt templates for zero-shot; each label's embedding is the normalised mean over them. */
    /** The random stream of the subset {@code --eval-size} takes of the held-out pairs. */
    static final String SUBSET_STREAM = "eval-subset";
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

    /**
     * Evaluation on {@code evalSize} of the held-out pairs {@code eval} (docs/data.md): all of them
     * when they are no more, else a subset drawn by a shuffle seeded with {@link OwnPairsData#SPLIT_SEED}
     * (the same for every run over the source, as the split is), kept in source order.
     *
     * <p>Honoured rather than refused: recall ranks every query against all N evaluated pairs (an
     * N × N similarity matrix), and a large source's held-out 10% may hold more than memory allows.
     * Seeded rather than the first N: held-out pairs are in source order, so the first N would be
     * the list's head or the first folders' labels. Recall@k depends on N (k of N candidates), so
     * the number evaluated is recorded ({@link #record}) and a cut is said ({@link #note}).
     */
    public static HeldOutEvaluator of(ImageTextPairs eval, CaptionTokenizer tokenizer, int evalSize) {
        int[] ids = evaluated(eval.size(), evalSize);
        return new HeldOutEvaluator(ids.length == eval.size() ? eval : eval.subset(ids, eval.name()), tokenizer);
    }

    /** The ids of {@code held} held-out pairs that {@code --eval-size evalSize} evaluates, ascending. */
    static int[] evaluated(int held, int evalSize) {
        if (evalSize >= held) {
            int[] all = new int[held];
            Arrays.setAll(all, i -> i);
            return all;
        }
        return Seeds.split(held, Math.max(0, evalSize), Seeds.stream(OwnPairsData.SPLIT_SEED, SUBSET_STREAM))[0];
    }

    /**
     * What provenance records of the evaluated pairs: {@code pairs} evaluated of the {@code of}
     * held out, and the subset's {@code seed} when {@code --eval-size} cut them.
     */
    public static Map<String, Object> record(int held, int evalSize) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("pairs", Math.min(held, evalSize));
        r.put("of", held);
        if (evalSize < held) {
            r.put("seed", OwnPairsData.SPLIT_SEED);
        }
        return r;
    }

    /** The line said when {@code --eval-size} cuts the {@code held} held-out pairs of {@code what}; empty when it does not. */
    public static Optional<String> note(String what, int held, int evalSize) {
        if (evalSize >= held) {
            return Optional.empty();
        }
        return Optional.of("curate: --eval-size " + evalSize + " evaluates a seeded subset of " + evalSize + " of the " + held + " " + what
                + " (the same subset for every run); recall@k ranks each query among " + evalSize + " candidates");
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
