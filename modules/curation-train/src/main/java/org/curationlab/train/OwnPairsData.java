package org.curationlab.train;

import org.curationlab.data.CurationException;
import org.curationlab.data.Seeds;
import org.curationlab.data.pairs.CaptionTokenizer;
import org.curationlab.data.pairs.MisalignedCaptions;
import org.curationlab.data.pairs.OwnPairPool;
import org.curationlab.data.pairs.OwnPairs;
import org.curationlab.data.pairs.PairsLoader;
import org.curationlab.data.pairs.PairsOptions;
import org.curationlab.models.ImageShape;
import org.curationlab.models.ModelConfig;
import org.curationlab.train.settings.PairsSettings;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's own pairs (docs/data.md): the pairs it trains on and the pairs it evaluates on, read from
 * their sources, the caption tokenizer built from the training pairs alone (both sets are tokenized
 * by it, as the saved model will be), and what provenance records of them. Without {@code
 * --eval-pairs}, a seeded {@value #EVAL_PERCENT}% of the source is held out and never trained on;
 * the split's seed is fixed, not the run's {@code --seed}, so every run over one source is
 * evaluated on the same pairs. With {@code --shuffle-captions RATE}, that share of the training pairs
 * (of {@code --pairs} only: never the held-out ones, never a reference's) has its captions moved to
 * other training pairs, drawn with the fixed {@link #SHUFFLE_SEED}, and the pool knows which
 * ({@code truth()}).
 *
 * @param provenance the sources' content hashes, the held-out split (its seed and the keys it holds) and
 *                   the pairs evaluated of it ({@code --eval-size}: {@link HeldOutEvaluator#of})
 */
public record OwnPairsData(OwnPairPool pool, OwnPairPool eval, CaptionTokenizer tokenizer, Map<String, Object> provenance) {
    static final int EVAL_PERCENT = 10;
    /** The held-out split's seed: the same for every run, so runs over one source share their evaluation pairs. */
    public static final long SPLIT_SEED = 0;
    /** The seed of the captions --shuffle-captions moves: fixed, so every run over one source trains on the same noisy pool. */
    public static final long SHUFFLE_SEED = 0;
    /** Fewer pairs than this leave a held-out split too small to rank anything. */
    static final int MIN_PAIRS = 20;

    /**
     * Reads {@code source} (given by {@code flag}, e.g. {@code --pairs}) and the pairs to evaluate
     * on: {@code evalSource} when not null, else the held-out split of {@code source}.
     */
    public static OwnPairsData load(RunSpec run, String source, String flag, String evalSource, Path cacheDir) {
        PairsOptions options = run.pairsOptions(cacheDir);
        OwnPairs all = read(source, flag, options);
        Map<String, Object> prov = new LinkedHashMap<>();
        String key = flag.substring(2);
        prov.put(key + "-sha256", all.contentHash());
        prov.put(key + "-count", all.size());
        OwnPairs train;
        OwnPairs held;
        if (evalSource != null) {
            train = all;
            held = read(evalSource, "--eval-pairs", options);
            prov.put("eval-pairs-sha256", held.contentHash());
            prov.put("eval-pairs-count", held.size());
        } else {
            if (all.size() < MIN_PAIRS) {
                throw new CurationException(flag + ": " + source + " holds " + all.size() + " usable pairs; at least " + MIN_PAIRS
                        + " are needed to hold out " + EVAL_PERCENT + "% for evaluation (or give --eval-pairs)");
            }
            int[][] split = split(all.size());
            train = all.subset(split[0]);
            held = all.subset(split[1]);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("from", key);
            s.put("percent", EVAL_PERCENT);
            s.put("seed", SPLIT_SEED);
            s.put("pairs", held.size());
            s.put("keys", held.keys());
            prov.put("eval-split", s);
        }
        // Recall@k depends on how many pairs are ranked: the count evaluated (and the subset's seed when --eval-size cuts them).
        prov.put("evaluated", HeldOutEvaluator.record(held.size(), run.evaluation().evalSize()));
        boolean[] misaligned = null;
        double rate = run.data().shuffleCaptions();
        if (flag.equals("--pairs") && rate > 0) {
            MisalignedCaptions moved = MisalignedCaptions.shuffle(train, rate, SHUFFLE_SEED);
            train = moved.pairs();
            misaligned = moved.misaligned();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rate", rate);
            m.put("seed", SHUFFLE_SEED);
            m.put("pairs", moved.movedKeys().size());
            m.put("of", train.size());
            m.put("identical-captions", moved.identical());
            m.put("keys", moved.movedKeys());
            prov.put("shuffled-captions", m);
        }
        PairsSettings p = run.pairs();
        // Moving captions keeps their multiset, so the vocabulary is the one the unshuffled pool would give.
        CaptionTokenizer tokenizer = CaptionTokenizer.build(train.captions(), p.minWordCount(), 0, p.maxTokens());
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("vocabulary", tokenizer.vocabSize());
        t.put("max-tokens", tokenizer.maxTokens());
        t.put("min-word-count", tokenizer.minCount());
        prov.put("tokenizer", t);
        String name = Path.of(source).getFileName() == null ? source : Path.of(source).getFileName().toString();
        return new OwnPairsData(new OwnPairPool(name, train, tokenizer, misaligned), new OwnPairPool(name + "-eval", held, tokenizer), tokenizer, prov);
    }

    /**
     * The pairs a saved model is evaluated on ({@code curate eval}): all of {@code --eval-pairs}, or
     * the held-out split of {@code --pairs} (the same pairs its training run held out), their
     * captions tokenized by the model's own {@code tokenizer}.
     */
    public static OwnPairPool evaluationPairs(RunSpec run, Path cacheDir, CaptionTokenizer tokenizer) {
        PairsOptions options = run.pairsOptions(cacheDir);
        String source = run.data().evalPairs() != null ? run.data().evalPairs() : run.data().pairs();
        if (run.data().evalPairs() != null) {
            return new OwnPairPool(source, read(source, "--eval-pairs", options), tokenizer);
        }
        OwnPairs all = read(source, "--pairs", options);
        if (all.size() < MIN_PAIRS) {
            throw new CurationException("--pairs: " + source + " holds " + all.size() + " usable pairs; at least " + MIN_PAIRS
                    + " are needed to hold out " + EVAL_PERCENT + "% for evaluation (or give --eval-pairs)");
        }
        return new OwnPairPool(source + "-eval", all.subset(split(all.size())[1]), tokenizer);
    }

    /**
     * The pair ids to train on and to hold out, each in source order: {@value #EVAL_PERCENT}% of
     * {@code n} (rounded, at least 2) drawn by a shuffle seeded with {@link #SPLIT_SEED}.
     */
    static int[][] split(int n) {
        int held = Math.max(2, (int) Math.round(n * EVAL_PERCENT / 100.0));
        int[][] evalThenTrain = Seeds.split(n, held, Seeds.stream(SPLIT_SEED, "eval-split"));
        return new int[][]{evalThenTrain[1], evalThenTrain[0]};
    }

    /** Loads one source; the loader's errors name {@code --pairs}, so they are renamed to the flag that gave it. */
    private static OwnPairs read(String source, String flag, PairsOptions options) {
        try {
            return PairsLoader.load(Path.of(source), options, null);
        } catch (CurationException e) {
            String m = e.getMessage();
            if (m != null && m.startsWith("--pairs:") && !flag.equals("--pairs")) {
                throw new CurationException(flag + ":" + m.substring("--pairs:".length()), e);
            }
            throw e;
        }
    }

    /**
     * The run's training configuration for these pairs: the text tower sized to the tokenizer's
     * vocabulary and caption length, the image tower to the images.
     */
    public TrainConfig fit(TrainConfig cfg) {
        ImageShape shape;
        try {
            shape = new ImageShape(pool.channels(), pool.side());
        } catch (CurationException e) {
            throw new CurationException("--image-size: " + e.getMessage(), e);
        }
        ModelConfig m = cfg.model().withShape(cfg.model().embedDim(), tokenizer.vocabSize(), tokenizer.maxTokens()).withImageShape(shape);
        // The patch plan was checked against this shape by RunSpec.trainConfig (the same --channels x --image-size).
        return new TrainConfig(m, cfg.iterations(), cfg.batch(), cfg.evalEvery(), cfg.evalSize(), cfg.seed(), cfg.threads(),
                cfg.multiResFraction(), cfg.patches());
    }

    /** The held-out pairs to evaluate on: at most {@code evalSize} of them, a seeded subset when there are more ({@link HeldOutEvaluator#of}). */
    public HeldOutEvaluator evaluator(int evalSize) {
        return HeldOutEvaluator.of(eval, tokenizer, evalSize);
    }

    /** The line to say when {@code --eval-size evalSize} evaluates a subset of the held-out pairs. */
    public java.util.Optional<String> evaluationNote(int evalSize) {
        return HeldOutEvaluator.note(provenance.containsKey("eval-pairs-count") ? "pairs of --eval-pairs" : "held-out pairs",
                eval.size(), evalSize);
    }
}
