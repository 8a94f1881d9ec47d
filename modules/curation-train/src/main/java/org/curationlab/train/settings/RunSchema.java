package org.curationlab.train.settings;

import org.curationlab.data.PoolSpec;
import org.curationlab.data.pairs.PairsOptions;
import org.curationlab.models.ImageTowerKind;
import org.curationlab.pruning.Pruners;
import org.curationlab.selection.Scores;
import org.curationlab.train.ReferenceBudget;
import org.curationlab.train.RunSpec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.curationlab.train.settings.Setting.Group.DATA;
import static org.curationlab.train.settings.Setting.Group.EVALUATION;
import static org.curationlab.train.settings.Setting.Group.MODEL;
import static org.curationlab.train.settings.Setting.Group.PRUNING;
import static org.curationlab.train.settings.Setting.Group.REFERENCE;
import static org.curationlab.train.settings.Setting.Group.SELECTION;
import static org.curationlab.train.settings.Setting.Group.TRAINING;

/**
 * Every setting of a run, each declared once: key, type, default, help. The {@code curate train}
 * options (and {@code curate reference}'s shared ones), run.json and sweep-spec keys, provenance
 * keys and results.csv setting columns are all read from here. The order of {@link #ALL} is the
 * order of run.json's fields. To add a setting: a field in its group's record, one entry here, and
 * its place in {@link #build}.
 */
public final class RunSchema {
    private static final List<Setting<?>> DECLARED = new ArrayList<>();

    // ---- the pool ----
    public static final Setting<String> DATA_DIR = add(text("data-dir", DATA, null, "DIR",
            "Folder with the Fashion-MNIST IDX files. Default: $CURATE_DATA, then "
                    + "/usr/share/datasets/fashion-mnist (Debian package dataset-fashion-mnist), then ~/.cache/curationlab/fashion-mnist.",
            r -> r.data().dataDir()));
    public static final Setting<Integer> POOL_SIZE = add(whole("pool-size", DATA, PoolSpec.DEFAULT_SIZE, "N",
            "Pairs in the uncurated web pool (default: ${DEFAULT-VALUE}).", r -> r.data().poolSize()));
    public static final Setting<String> NOISE = add(text("noise", DATA, "web", "SPEC",
            "Pool noise: presets 'web' (misaligned=0.2,generic=0.1,corrupted=0.1,duplicate=0.1,longtail=0.5) "
                    + "or 'none', and kind=rate items read left to right; kinds not named are 0 unless a preset set them. "
                    + "Kinds: misaligned, generic, corrupted, duplicate (fractions of the pool, sum <= 1), "
                    + "longtail (Zipf exponent of the class mix, 0..1). Default: ${DEFAULT-VALUE}.", r -> r.data().noise()));
    public static final Setting<Long> SEED = add(seed("seed", DATA, 0L, "S",
            "Seed of everything random (default: ${DEFAULT-VALUE}).", r -> r.data().seed()));

    // ---- your own pairs (docs/data.md); these and the PAIRS group are quiet at their defaults, so synthetic runs' records are unchanged ----
    public static final Setting<String> PAIRS = add(text("pairs", DATA, null, "SOURCE",
            "Your own image-caption pairs instead of the Fashion-MNIST world: a CSV/TSV list with a header (image paths "
                    + "relative to it), a folder of images each with a same-named .txt caption, or webdataset .tar shards "
                    + "(one file or a folder of them). Without --eval-pairs, a seeded 10% of them is held out for evaluation.",
            r -> r.data().pairs()).quietAtDefault());
    public static final Setting<String> REFERENCE_PAIRS = add(text("reference-pairs", DATA, null, "SOURCE",
            "Your own curated pairs a reference trains on (curate reference), in any form --pairs takes.",
            r -> r.data().referencePairs()).quietAtDefault());
    public static final Setting<String> EVAL_PAIRS = add(text("eval-pairs", DATA, null, "SOURCE",
            "Your own held-out pairs to evaluate on, in any form --pairs takes (default: a seeded 10% split of --pairs, "
                    + "never trained on).", r -> r.data().evalPairs()).quietAtDefault());
    public static final Setting<Double> MAX_BAD = add(number("max-bad", DATA, PairsOptions.DEFAULT_MAX_BAD, "FRACTION",
            "With --pairs: loading stops when more than this fraction of the items are bad (default: ${DEFAULT-VALUE}).",
            r -> r.data().maxBad()).quietAtDefault());
    public static final Setting<Double> SHUFFLE_CAPTIONS = add(number("shuffle-captions", DATA, 0.0, "RATE",
            "With --pairs: moves the captions of this share of the training pairs to other training pairs (drawn with a fixed seed, "
                    + "never the held-out or reference pairs), a misaligned share known pair by pair, so the batch_* columns and "
                    + "pruning's kept kinds are written as for the synthetic pool (default: ${DEFAULT-VALUE}).",
            r -> r.data().shuffleCaptions()).quietAtDefault());

    // ---- how your pairs become tensors ----
    public static final Setting<Integer> IMAGE_SIZE = add(whole("image-size", Setting.Group.PAIRS, PairsOptions.DEFAULT_IMAGE_SIZE, "N",
            "With --pairs: images are decoded to N x N pixels, the longer side scaled to N and the shorter padded with white "
                    + "(default: ${DEFAULT-VALUE}).", r -> r.pairs().imageSize()).quietAtDefault());
    public static final Setting<Integer> CHANNELS = add(whole("channels", Setting.Group.PAIRS, PairsOptions.DEFAULT_CHANNELS, "1|3",
            "With --pairs: 1 grey, 3 RGB (default: ${DEFAULT-VALUE}).", r -> r.pairs().channels()).quietAtDefault());
    public static final Setting<String> IMAGE_COLUMN = add(text("image-column", Setting.Group.PAIRS, null, "NAME",
            "CSV/TSV column of image paths (default: the first of filepath, image, image_path, path, file, filename).",
            r -> r.pairs().imageColumn()).quietAtDefault());
    public static final Setting<String> CAPTION_COLUMN = add(text("caption-column", Setting.Group.PAIRS, null, "NAME",
            "CSV/TSV column of captions (default: the first of title, caption, text).",
            r -> r.pairs().captionColumn()).quietAtDefault());
    public static final Setting<String> LABEL_COLUMN = add(text("label-column", Setting.Group.PAIRS, null, "NAME",
            "CSV/TSV column of labels (optional; labels give a zero-shot score).", r -> r.pairs().labelColumn()).quietAtDefault());
    public static final Setting<String> LABEL_FROM = add(text("label-from", Setting.Group.PAIRS, "none", "none|folder",
            "folder: an image's label is the name of the folder it is in (default: ${DEFAULT-VALUE}).",
            r -> r.pairs().labelFrom()).quietAtDefault());
    public static final Setting<Boolean> CAPTION_FIRST_LINE = add(flag("caption-first-line", Setting.Group.PAIRS,
            "A .txt caption (folder or tar) is its first non-blank line only, e.g. Tux Paint's stamps, whose later lines are "
                    + "translations. Default: the whole text.", r -> r.pairs().captionFirstLine()).quietAtDefault());
    public static final Setting<Integer> MAX_TOKENS = add(whole("max-tokens", Setting.Group.PAIRS, 16, "N",
            "With --pairs: tokens per caption; longer captions are cut (default: ${DEFAULT-VALUE}).",
            r -> r.pairs().maxTokens()).quietAtDefault());
    public static final Setting<Integer> MIN_WORD_COUNT = add(whole("min-word-count", Setting.Group.PAIRS, 2, "N",
            "With --pairs: a word enters the vocabulary built from the training pool's captions when it occurs at least N times; "
                    + "rarer words are <unk> (default: ${DEFAULT-VALUE}).", r -> r.pairs().minWordCount()).quietAtDefault());

    // ---- the model ----
    public static final Setting<String> MODEL_SIZE = add(text("model", MODEL, "M", "SIZE",
            "Rung of the size ladder: S, M, L or XL (default: ${DEFAULT-VALUE}).", r -> r.model().model()));
    public static final Setting<String> TOWER = add(text("tower", MODEL, "cnn", "KIND",
            "Image tower, one of: ${COMPLETION-CANDIDATES} (the ImageTowerKind registry); 14x14 input "
                    + "(--score-resolution 14, --multi-res) needs a tower ending in global pooling; patch sizes (--patch, --flexi, "
                    + "--score-patch) a patch tower (default: ${DEFAULT-VALUE}).",
            r -> r.model().tower()).listing(new ImageTowerKind.Names()));
    public static final Setting<String> LOSS = add(text("loss", MODEL, "sigmoid", "LOSS",
            "Contrastive loss: sigmoid (SigLIP) or softmax (CLIP) (default: ${DEFAULT-VALUE}).", r -> r.model().loss()));
    public static final Setting<Double> LR = add(number("lr", MODEL, 0.002, "RATE",
            "Peak Adam learning rate after warm-up; cosine decay to 0 at the last iteration (default: ${DEFAULT-VALUE}).",
            r -> r.model().lr()));
    public static final Setting<Integer> WARMUP = add(whole("warmup", MODEL, 50, "STEPS",
            "Linear warm-up steps (default: ${DEFAULT-VALUE}).", r -> r.model().warmup()));
    public static final Setting<Integer> EMBED_DIM = add(whole("embed-dim", MODEL, 64, "D",
            "Width of the shared embedding space (default: ${DEFAULT-VALUE}).", r -> r.model().embedDim()));
    // Quiet at its default (none), so the records of runs before it existed are unchanged.
    public static final Setting<Double> WEIGHT_DECAY = add(number("weight-decay", MODEL, 0.0, "LAMBDA",
            "Decoupled (AdamW) weight decay on weight matrices, scaled by the learning-rate schedule; biases, temperature "
                    + "and logit bias are not decayed (default: ${DEFAULT-VALUE}, none).", r -> r.model().weightDecay()).quietAtDefault());

    // ---- budget and evaluation ----
    public static final Setting<Integer> ITERATIONS = add(whole("iterations", TRAINING, 1000, "N",
            "Training steps (default: ${DEFAULT-VALUE}).", r -> r.training().iterations()));
    public static final Setting<Integer> BATCH = add(whole("batch", TRAINING, 256, "b",
            "Examples per training step (default: ${DEFAULT-VALUE}).", r -> r.training().batch()));
    public static final Setting<Integer> EVAL_EVERY = add(whole("eval-every", EVALUATION, 100, "N",
            "Steps between evaluation rows (default: ${DEFAULT-VALUE}); also at step 0 and the last step.",
            r -> r.evaluation().evalEvery()));
    public static final Setting<Integer> EVAL_SIZE = add(whole("eval-size", EVALUATION, 10_000, "N",
            "Test pairs to evaluate on (default: ${DEFAULT-VALUE}, the whole test split); on your pairs, a seeded subset of the "
                    + "held-out pairs when they are more.", r -> r.evaluation().evalSize()));
    public static final Setting<Integer> THREADS = add(whole("threads", TRAINING, null, "N",
            "ND4J/OpenMP threads (default: all cores).", r -> r.training().threads()));
    public static final Setting<Double> MULTI_RES = add(number("multi-res", TRAINING, 0.0, "FRACTION",
            "Fraction of each batch trained at the cheap view so the learner scores well there: 14x14 for the CNN, the larger "
                    + "patch for the ViT (--score-patch, else 14); not the MLP (default: ${DEFAULT-VALUE}).",
            r -> r.training().multiRes()));
    public static final Setting<Integer> PATCH = add(whole("patch", TRAINING, null, "P",
            "Patch size a patch tower (vit) trains at: one that tiles the 28x28 image, 4, 7 or 14 "
                    + "(default: the tower's base patch, 7; refused for mlp and cnn).", r -> r.training().patch()));
    public static final Setting<String> FLEXI = add(text("flexi", TRAINING, null, "P1,P2,...",
            "FlexiViT: draw each step's training patch from these sizes, uniformly and seeded (e.g. 4,7,14; vit only; "
                    + "instead of --patch) (default: one patch).", r -> r.training().flexi()));
    public static final Setting<Integer> SCORE_PATCH = add(whole("score-patch", TRAINING, null, "P",
            "Patch size the learner scores super-batches at, on the same weights: Flexi-JEST's cheap scoring, e.g. 14 "
                    + "(vit only; 4, 7 or 14) (default: --patch, else the base patch 7).", r -> r.training().scorePatch()));

    // ---- online selection (JEST) ----
    public static final Setting<String> METHOD = add(text("method", SELECTION, "uniform", "METHOD",
            "Batch score, one of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).", r -> r.selection().method())
            .listing(new Scores.Names()));
    public static final Setting<String> SELECTION_KIND = add(text("selection", SELECTION, "joint", "KIND",
            "joint (the paper's chunked sampler) or independent (per-example scores) (default: ${DEFAULT-VALUE}).",
            r -> r.selection().selection()));
    public static final Setting<Double> FILTER_RATIO = add(number("filter-ratio", SELECTION, 0.8, "f",
            "Fraction of each super-batch filtered out: B = b / (1 - f) (default: ${DEFAULT-VALUE}).", r -> r.selection().filterRatio()));
    public static final Setting<Integer> SCORE_RESOLUTION = add(whole("score-resolution", SELECTION, 28, "RES",
            "Resolution the learner scores at: 28, or 14 (the Flexi-JEST analogue, CNN only) (default: ${DEFAULT-VALUE}); on your "
                    + "pairs, 28 and 14 name full and half of --image-size, whose own sides (e.g. 64, 32) are taken too.",
            r -> r.selection().scoreResolution()));
    public static final Setting<Integer> CHUNKS = add(whole("chunks", SELECTION, null, "n",
            "Chunks of the joint sampler (default: min(16, --batch)).", r -> r.selection().chunks()));
    public static final Setting<String> FIRST_CHUNK = add(text("first-chunk", SELECTION, "diagonal-softmax", "RULE",
            "First chunk of the joint sampler: diagonal-softmax, uniform or greedy (default: ${DEFAULT-VALUE}).",
            r -> r.selection().firstChunk()));
    public static final Setting<Boolean> GREEDY = add(flag("greedy", SELECTION,
            "Take the top-k at each chunk (and top-b for independent) instead of sampling.", r -> r.selection().greedy()));
    public static final Setting<Integer> REFINE = add(whole("refine", SELECTION, 0, "PASSES",
            "Swap-refinement passes after joint selection, sigmoid loss only (default: ${DEFAULT-VALUE}, the paper's sampler).",
            r -> r.selection().refine()));
    /** Fault injection for `curate regress`'s own test: a sign error in the score must move the curves. */
    public static final Setting<Boolean> NEGATE_SCORES = add(flag("negate-scores", SELECTION,
            "Testing only: negate the learnability score (swap learner and reference), a deliberate regression.",
            r -> r.selection().negateScores()).hide());

    // ---- the reference ----
    public static final Setting<String> REFERENCE_MODEL = add(text("reference", REFERENCE, "curated", "FILE|LEVEL",
            "The frozen reference: a checkpoint from `curate reference`, or a curation level whose reference is "
                    + "trained once and cached (default: ${DEFAULT-VALUE}).", r -> r.reference().reference()));
    // No default: a reference trained inside the run takes --reference-passes' steps unless this is given. Every committed
    // record names its steps (1000 before this default went), so it reads and reruns as it was written.
    public static final Setting<Integer> REFERENCE_ITERATIONS = add(whole("reference-iterations", REFERENCE, null, "N",
            "Steps for a reference trained inside the run (a level's, or --reference-pairs'), instead of --reference-passes "
                    + "(default: --reference-passes' steps).", r -> r.reference().referenceIterations()));
    // Quiet at its default, so the records of runs before it existed read and write back unchanged.
    public static final Setting<Double> REFERENCE_PASSES = add(number("reference-passes", REFERENCE, ReferenceBudget.DEFAULT_PASSES, "P",
            "Passes over its images for a reference trained inside the run (a level's, or --reference-pairs'): "
                    + "ceil(P x images / batch) steps, 625 for a 2 000-image level at batch 256, unless --reference-iterations is given "
                    + "(default: ${DEFAULT-VALUE}).", r -> r.reference().referencePasses()).quietAtDefault());
    public static final Setting<String> CACHE_DIR = add(text("cache-dir", REFERENCE, null, "DIR",
            "Cache of reference embeddings, level references and decoded pairs (default: $CURATE_CACHE or ~/.cache/curationlab).",
            r -> r.reference().cacheDir()));

    // ---- offline pool pruning ----
    public static final Setting<String> POOL_PRUNING = add(text("pool-pruning", PRUNING, null, "PIPELINE",
            "Prune the pool offline before training, with the reference's embeddings: one of ${COMPLETION-CANDIDATES} "
                    + "(keeping --keep of it), or a pipeline of them joined by '+', each stage on what the one before kept, its ':q' the "
                    + "fraction of the original pool it leaves (e.g. semdedup+score:0.5+dbp:0.3; a last stage without one takes --keep); "
                    + "none (the default) trains on the whole pool, so a sweep axis can hold the full-pool baseline.",
            r -> r.pruning().poolPruning()).listing(new Pruners.Names()));
    public static final Setting<Double> KEEP = add(number("keep", PRUNING, 0.3, "q",
            "Fraction of the pool to keep, in (0, 1] (default: ${DEFAULT-VALUE}).", r -> r.pruning().keep()));
    public static final Setting<Integer> CLUSTERS = add(whole("clusters", PRUNING, 100, "k",
            "k-means clusters (default: ${DEFAULT-VALUE}).", r -> r.pruning().clusters()));
    public static final Setting<Double> TEMPERATURE = add(number("temperature", PRUNING, 0.1, "TAU",
            "DBP softmax temperature over cluster complexities (default: ${DEFAULT-VALUE}).", r -> r.pruning().temperature()));
    public static final Setting<Integer> NN = add(whole("nn", PRUNING, 20, "N",
            "DBP: nearest centroids for d_inter (default: ${DEFAULT-VALUE}).", r -> r.pruning().nn()));
    public static final Setting<Double> EPSILON = add(number("epsilon", PRUNING, 0.005, "EPS",
            "SemDeDup: drop rows with cosine above 1 - EPS to a kept row (default: ${DEFAULT-VALUE}).", r -> r.pruning().epsilon()));
    public static final Setting<Integer> MIN_PER_CLUSTER = add(whole("min-per-cluster", PRUNING, 1, "N",
            "DBP: rows every cluster keeps at least (default: ${DEFAULT-VALUE}).", r -> r.pruning().minPerCluster()));
    public static final Setting<String> PRUNE_EMBEDDING = add(text("prune-embedding", PRUNING, "image", "KIND",
            "What DBP and SSP cluster: the reference's image embeddings, its text embeddings, or joint (both L2-normalised and "
                    + "concatenated); SemDeDup always compares image embeddings (default: ${DEFAULT-VALUE}).",
            r -> r.pruning().pruneEmbedding()));

    /** Every setting, in run.json's order. */
    public static final List<Setting<?>> ALL = List.copyOf(DECLARED);
    private static final Map<String, Setting<?>> BY_KEY;

    static {
        Map<String, Setting<?>> m = new LinkedHashMap<>();
        for (Setting<?> s : ALL) {
            if (m.put(s.key(), s) != null) {
                throw new IllegalStateException("setting '" + s.key() + "' declared twice");
            }
        }
        BY_KEY = Collections.unmodifiableMap(m);
    }

    private RunSchema() {
    }

    /** The keys of every setting, in run.json's order. */
    public static List<String> keys() {
        return List.copyOf(BY_KEY.keySet());
    }

    /** The setting of {@code key}, or null. */
    public static Setting<?> find(String key) {
        return BY_KEY.get(key);
    }

    /** The settings of these groups, in run.json's order. */
    public static List<Setting<?>> of(Set<Setting.Group> groups) {
        return ALL.stream().filter(s -> groups.contains(s.group())).toList();
    }

    public static List<Setting<?>> of(Setting.Group first, Setting.Group... rest) {
        return of(EnumSet.of(first, rest));
    }

    /** Typed values by setting, for {@link #build}. */
    public static final class Values {
        private final Map<Setting<?>, Object> values = new LinkedHashMap<>();

        /** Every setting at its default. */
        public static Values defaults() {
            Values v = new Values();
            ALL.forEach(s -> v.values.put(s, s.defaultValue()));
            return v;
        }

        /** The values of a run. */
        public static Values of(RunSpec run) {
            Values v = new Values();
            ALL.forEach(s -> v.values.put(s, s.of(run)));
            return v;
        }

        public <T> Values set(Setting<T> s, Object value) {
            values.put(s, s.type().cast(value));
            return this;
        }

        public <T> T get(Setting<T> s) {
            return s.type().cast(values.get(s));
        }
    }

    /** The run these values describe: each group's record from its settings. */
    public static RunSpec build(Values v) {
        return new RunSpec(
                new DataSettings(v.get(DATA_DIR), v.get(POOL_SIZE), v.get(NOISE), v.get(SEED), v.get(PAIRS), v.get(REFERENCE_PAIRS),
                        v.get(EVAL_PAIRS), v.get(MAX_BAD), v.get(SHUFFLE_CAPTIONS)),
                new PairsSettings(v.get(IMAGE_SIZE), v.get(CHANNELS), v.get(IMAGE_COLUMN), v.get(CAPTION_COLUMN), v.get(LABEL_COLUMN),
                        v.get(LABEL_FROM), v.get(CAPTION_FIRST_LINE), v.get(MAX_TOKENS), v.get(MIN_WORD_COUNT)),
                new ModelSettings(v.get(MODEL_SIZE), v.get(TOWER), v.get(LOSS), v.get(LR), v.get(WARMUP), v.get(EMBED_DIM),
                        v.get(WEIGHT_DECAY)),
                new TrainingSettings(v.get(ITERATIONS), v.get(BATCH), v.get(MULTI_RES), v.get(THREADS), v.get(PATCH), v.get(FLEXI),
                        v.get(SCORE_PATCH)),
                new EvaluationSettings(v.get(EVAL_EVERY), v.get(EVAL_SIZE)),
                new SelectionSettings(v.get(METHOD), v.get(SELECTION_KIND), v.get(FILTER_RATIO), v.get(SCORE_RESOLUTION),
                        v.get(CHUNKS), v.get(FIRST_CHUNK), v.get(GREEDY), v.get(REFINE), v.get(NEGATE_SCORES)),
                new ReferenceSettings(v.get(REFERENCE_MODEL), v.get(REFERENCE_ITERATIONS), v.get(REFERENCE_PASSES), v.get(CACHE_DIR)),
                new PruningSettings(v.get(POOL_PRUNING), v.get(KEEP), v.get(CLUSTERS), v.get(TEMPERATURE), v.get(NN), v.get(EPSILON),
                        v.get(MIN_PER_CLUSTER), v.get(PRUNE_EMBEDDING)));
    }

    private static <T> Setting<T> add(Setting<T> s) {
        DECLARED.add(s);
        return s;
    }

    private static Setting<String> text(String key, Setting.Group g, String def, String label, String help, Function<RunSpec, String> get) {
        return new Setting<>(key, g, String.class, def, label, help, null, false, get);
    }

    private static Setting<Integer> whole(String key, Setting.Group g, Integer def, String label, String help,
                                          Function<RunSpec, Integer> get) {
        return new Setting<>(key, g, Integer.class, def, label, help, null, false, get);
    }

    private static Setting<Long> seed(String key, Setting.Group g, Long def, String label, String help, Function<RunSpec, Long> get) {
        return new Setting<>(key, g, Long.class, def, label, help, null, false, get);
    }

    private static Setting<Double> number(String key, Setting.Group g, Double def, String label, String help,
                                          Function<RunSpec, Double> get) {
        return new Setting<>(key, g, Double.class, def, label, help, null, false, get);
    }

    private static Setting<Boolean> flag(String key, Setting.Group g, String help, Function<RunSpec, Boolean> get) {
        return new Setting<>(key, g, Boolean.class, false, null, help, null, false, get);
    }
}
