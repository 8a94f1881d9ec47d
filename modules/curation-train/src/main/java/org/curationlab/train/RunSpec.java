package org.curationlab.train;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.curationlab.data.CurationException;
import org.curationlab.data.CurationLevel;
import org.curationlab.data.NoiseSpec;
import org.curationlab.data.PoolSpec;
import org.curationlab.data.WordTokenizer;
import org.curationlab.data.pairs.PairsOptions;
import org.curationlab.models.ContrastiveLoss;
import org.curationlab.models.ImageResolution;
import org.curationlab.models.ImageShape;
import org.curationlab.models.ImageTowerKind;
import org.curationlab.models.ModelConfig;
import org.curationlab.models.ModelSize;
import org.curationlab.pruning.PruneEmbedding;
import org.curationlab.pruning.PruneOptions;
import org.curationlab.pruning.PruningPipeline;
import org.curationlab.selection.FirstChunkRule;
import org.curationlab.selection.IndependentSelector;
import org.curationlab.selection.JointSelector;
import org.curationlab.selection.Score;
import org.curationlab.selection.Scores;
import org.curationlab.train.settings.DataSettings;
import org.curationlab.train.settings.EvaluationSettings;
import org.curationlab.train.settings.ModelSettings;
import org.curationlab.train.settings.PairsSettings;
import org.curationlab.train.settings.PruningSettings;
import org.curationlab.train.settings.ReferenceSettings;
import org.curationlab.train.settings.RunSchema;
import org.curationlab.train.settings.SelectionSettings;
import org.curationlab.train.settings.Setting;
import org.curationlab.train.settings.TrainingSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One training run as data: the pool, how your own pairs are read, the model, the budget, evaluation, the method and its
 * selection, the reference and offline pool pruning, each a record of the settings
 * {@link RunSchema} declares. Values are held as the user writes them; {@link #check()} and the
 * typed views ({@link #poolSpec()}, {@link #trainConfig()}, ...) turn them into the library's
 * configurations, with errors that name the option. {@link Runs#train} trains it.
 *
 * <p>The grouping is Java's: the JSON form ({@link #toJson()}, {@link #read(Path)}) is flat, one
 * field per setting under its key, so a sweep hands a run to a child process (run.json) and a
 * distributed runner can ship it to an executor. Paths are kept as written; {@code null} means the
 * default of the machine that runs it (data folder, cache, every core).
 */
public record RunSpec(DataSettings data, PairsSettings pairs, ModelSettings model, TrainingSettings training, EvaluationSettings evaluation,
                      SelectionSettings selection, ReferenceSettings reference, PruningSettings pruning) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public RunSpec {
        Objects.requireNonNull(data);
        Objects.requireNonNull(pairs);
        Objects.requireNonNull(model);
        Objects.requireNonNull(training);
        Objects.requireNonNull(evaluation);
        Objects.requireNonNull(selection);
        Objects.requireNonNull(reference);
        Objects.requireNonNull(pruning);
    }

    /** Every setting at its default (the defaults {@link RunSchema} declares). */
    public static RunSpec defaults() {
        return DEFAULTS;
    }

    private static final RunSpec DEFAULTS = RunSchema.build(RunSchema.Values.defaults());

    /** The settings' keys, in run.json's order: {@code curate train}'s options without their dashes. */
    public static List<String> keys() {
        return RunSchema.keys();
    }

    /** The value of one setting. */
    public <T> T get(Setting<T> setting) {
        return setting.of(this);
    }

    /** This run with one setting replaced, by its key (e.g. {@code with("filter-ratio", 0.5)}); the value as JSON would hold it, or as text. */
    public RunSpec with(String key, Object value) {
        return with(key, JSON.valueToTree(value), "run");
    }

    /**
     * This run with one setting replaced by a value written as text (a sweep spec, {@code --set},
     * an option); an error names {@code where} and the key, e.g. {@code --filter-ratio: 'most' is not a number}.
     */
    public RunSpec withText(String key, String text, String where) {
        Setting<?> s = setting(key, where);
        try {
            return withParsed(s, text);
        } catch (Setting.Invalid e) {
            throw new CurationException(where + key + ": " + e.getMessage(), e);
        }
    }

    private RunSpec with(String key, JsonNode value, String source) {
        Setting<?> s = setting(key, source + ": ");
        try {
            return withJson(s, value);
        } catch (Setting.Invalid e) {
            throw new CurationException(source + ": " + key + ": " + e.getMessage(), e);
        }
    }

    /** This run with one setting replaced by a typed value. */
    public <T> RunSpec with(Setting<T> setting, T value) {
        return RunSchema.build(RunSchema.Values.of(this).set(setting, value));
    }

    private <T> RunSpec withParsed(Setting<T> s, String text) {
        return with(s, s.parse(text));
    }

    private <T> RunSpec withJson(Setting<T> s, JsonNode value) {
        return with(s, s.fromJson(value));
    }

    private static Setting<?> setting(String key, String where) {
        Setting<?> s = RunSchema.find(key);
        if (s == null) {
            throw new CurationException(where + "unknown field '" + key + "'; fields are " + keys());
        }
        return s;
    }

    /**
     * Every setting by key, in run.json's order (null: the machine's default). Jackson writes a
     * RunSpec as this map wherever it appears (sweep.json's cells), never as its group records.
     */
    @JsonValue
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        RunSchema.ALL.forEach(s -> {
            if (!s.omitted(s.of(this))) {
                m.put(s.key(), s.of(this));
            }
        });
        return m;
    }

    /** The settings that differ from their defaults, by key, in run.json's order. */
    public Map<String, Object> nonDefaults() {
        Map<String, Object> m = new LinkedHashMap<>();
        RunSchema.ALL.forEach(s -> {
            if (!Objects.equals(s.of(this), s.of(DEFAULTS))) {
                m.put(s.key(), s.of(this));
            }
        });
        return m;
    }

    /** As indented JSON, every setting present under its key (but quiet ones at their default, {@link Setting#quiet()}). */
    public String toJson() {
        ObjectNode tree = JSON.createObjectNode();
        RunSchema.ALL.forEach(s -> {
            if (!s.omitted(s.of(this))) {
                tree.set(s.key(), s.toJson(s.of(this)));
            }
        });
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run spec is always serialisable", e);
        }
    }

    /** Writes the run as JSON, atomically. */
    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            org.curationlab.data.io.AtomicFiles.write(file, toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CurationException(file + ": cannot be written (" + e.getMessage() + ")", e);
        }
    }

    /** Reads a run from JSON; fields left out take their defaults. Errors name the file and the field. */
    public static RunSpec read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CurationException("--run: " + file + " is not a file");
        }
        try {
            return fromJson(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new CurationException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** Parses a run's JSON (flat: one field per setting key); {@code source} names it in errors. */
    public static RunSpec fromJson(String json, String source) {
        JsonNode node;
        try {
            node = JSON.reader().with(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(json);
        } catch (JsonProcessingException e) {
            throw new CurationException(source + ": not valid JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ")", e);
        }
        if (node == null || !node.isObject()) {
            throw new CurationException(source + ": expected a JSON object of run settings, e.g. {\"method\": \"learnability\"}");
        }
        RunSchema.Values values = RunSchema.Values.defaults();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            Setting<?> s = setting(key, source + ": ");
            try {
                values.set(s, s.fromJson(node.get(key)));
            } catch (Setting.Invalid e) {
                throw new CurationException(source + ": " + key + ": " + e.getMessage(), e);
            }
        }
        return RunSchema.build(values);
    }

    // ---- typed views, each checked in the user's terms (the option's name) ----

    public PoolSpec poolSpec() {
        return new PoolSpec(data.poolSize(), NoiseSpec.parse(data.noise()), data.seed());
    }

    /** The learner's model of the size ladder (shared with {@code curate reference}), checked in the user's terms. */
    public ModelConfig modelConfig() {
        int iterations = training.iterations();
        int warmup = model.warmup();
        double lr = model.lr();
        int embedDim = model.embedDim();
        // Checked here, in the user's terms, before ModelConfig would name its own fields.
        if (iterations < 1) {
            throw new CurationException("--iterations: " + iterations + " must be at least 1");
        }
        if (warmup < 0) {
            throw new CurationException("--warmup: " + warmup + " must be at least 0");
        }
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new CurationException("--lr: " + lr + " must be a finite number above 0");
        }
        RunLimits.learningRate(lr);
        double weightDecay = model.weightDecay();
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new CurationException("--weight-decay: " + weightDecay + " must be a finite number at least 0");
        }
        if (embedDim < 1) {
            throw new CurationException("--embed-dim: " + embedDim + " must be at least 1");
        }
        WordTokenizer tok = WordTokenizer.standard();
        return new ModelConfig(choice(ImageTowerKind.class, model.tower(), "--tower"), choice(ModelSize.class, model.model(), "--model"),
                embedDim, tok.vocabSize(), tok.maxTokens(), choice(ContrastiveLoss.class, model.loss(), "--loss"),
                lr, Math.min(warmup, iterations), iterations, weightDecay, data.seed());
    }

    /** How to read and decode the run's own pairs ({@code --pairs} and its siblings), decoded images cached under {@code cacheDir}. */
    public PairsOptions pairsOptions(Path cacheDir) {
        PairsSettings p = pairs;
        return new PairsOptions(p.imageColumn(), p.captionColumn(), p.labelColumn(), PairsOptions.LabelFrom.parse(p.labelFrom()),
                p.captionFirstLine(), p.imageSize(), p.channels(), data.maxBad(), PairsOptions.DEFAULT_MAX_PIXELS, cacheDir);
    }

    /** Whether the run trains on your own pairs ({@code --pairs}) rather than the synthetic world. */
    public boolean ownPairs() {
        return data.pairs() != null;
    }

    /** The ND4J threads: as set, else every core of the machine that runs it. */
    public int threadCount() {
        return training.threads() != null ? training.threads() : Runtime.getRuntime().availableProcessors();
    }

    public TrainConfig trainConfig() {
        ModelConfig model = modelConfig();
        if (ownPairs()) {
            // Your pairs are decoded to --channels x --image-size, so the tower (and its patch sizes) take that shape.
            PairsOptions decoding = pairsOptions(null); // refuses a bad --channels or --image-size in the user's terms first
            try {
                model = model.withImageShape(new ImageShape(decoding.channels(), decoding.imageSize()));
            } catch (CurationException e) {
                throw new CurationException("--image-size: " + e.getMessage(), e);
            }
        }
        return new TrainConfig(model, training.iterations(), training.batch(), evaluation.evalEvery(), evaluation.evalSize(),
                data.seed(), threadCount(), training.multiRes(), patchPlan(model.imageTower(), model.imageShape()));
    }

    /** The patches the learner trains at (--patch, --flexi; --multi-res's larger patch), checked against its tower at the image shape. */
    public PatchPlan patchPlan(ImageTowerKind tower, ImageShape shape) {
        return PatchPlan.of(tower, shape, training.patch(), training.flexi(), training.scorePatch(), training.multiRes(), data.seed());
    }

    /**
     * How long a reference trained inside the run trains: {@code --reference-iterations} steps, else
     * {@code --reference-passes} passes over its images. Both given is refused; here a {@code
     * --reference-passes} at its default counts as not given (a run's values cannot say more; the
     * command line and a sweep cell refuse both keys whatever their values, {@link #refuseBothReferenceBudgets}).
     */
    public ReferenceBudget referenceBudget() {
        double passes = reference.referencePasses();
        boolean passesGiven = Double.compare(passes, RunSchema.REFERENCE_PASSES.defaultValue()) != 0;
        return ReferenceBudget.of(reference.referenceIterations(), passes, passesGiven, "--" + RunSchema.REFERENCE_ITERATIONS.key(),
                "--" + RunSchema.REFERENCE_PASSES.key());
    }

    /**
     * The reference's own run when the run trains it (a level's, or on {@code --reference-pairs}):
     * the learner's model and batch, its own length, {@link #referenceBudget()} over its {@code images}.
     */
    public TrainConfig referenceTrainConfig(int images) {
        TrainConfig cfg = trainConfig();
        int referenceIterations = referenceBudget().steps(images, cfg.batch());
        return new TrainConfig(cfg.model().withSchedule(cfg.model().learningRate(),
                Math.min(cfg.model().warmupSteps(), referenceIterations), referenceIterations),
                referenceIterations, cfg.batch(), referenceIterations, cfg.evalSize(), cfg.seed(), cfg.threads());
    }

    /**
     * Refuses {@code --reference-iterations} and {@code --reference-passes} both given by key (a
     * command line's options, a sweep cell's settings), whatever their values: {@link
     * #referenceBudget()} can only see a passes value other than the default.
     */
    public static void refuseBothReferenceBudgets(java.util.Collection<String> givenKeys) {
        String iterations = RunSchema.REFERENCE_ITERATIONS.key();
        String passes = RunSchema.REFERENCE_PASSES.key();
        if (givenKeys.contains(iterations) && givenKeys.contains(passes)) {
            throw ReferenceBudget.bothGiven("--" + iterations, "--" + passes);
        }
    }

    /**
     * Whether the run trains its reference itself, a level's or on {@code --reference-pairs}, so
     * that the reference's budget ({@code --reference-iterations}, {@code --reference-passes})
     * shapes its rows; a run that reads a checkpoint file, or no reference, is not touched by them.
     */
    public boolean trainsReference() {
        if (!needsReference()) {
            return false;
        }
        return ownPairs() ? data.referencePairs() != null : !Files.isRegularFile(Path.of(reference.reference()));
    }

    public SelectionConfig selectionConfig() {
        SelectionSettings s = selection;
        String method = s.method();
        String selection = s.selection();
        Score m;
        try {
            m = Scores.parse(method);
        } catch (CurationException e) {
            throw new CurationException("--method: " + e.getMessage(), e);
        }
        boolean joint = switch (selection.toLowerCase(Locale.ROOT)) {
            case "joint" -> true;
            case "independent" -> false;
            default -> throw new CurationException("--selection: '" + selection + "' is not joint or independent");
        };
        FirstChunkRule rule = choice(FirstChunkRule.class, s.firstChunk().replace('-', '_'), "--first-chunk");
        JointSelector.Options jo = new JointSelector.Options(chunkCount(), rule, s.greedy(), s.refine());
        // A patch tower scores at --score-patch, else at its training patch (--patch; the base patch under --flexi or by default).
        Integer scorePatch = training.scorePatch() != null ? training.scorePatch() : training.patch();
        return new SelectionConfig(m, joint, s.filterRatio(), jo, new IndependentSelector.Options(s.greedy()), scoreResolution(),
                s.negateScores(), scorePatch);
    }

    /**
     * {@code --score-resolution} as the selector names it: 28 (full) or 14 (half, 2×2 average
     * pooling). Those two name full and half whatever the images' side, so that the default (28)
     * means full on your pairs too. On your pairs, decoded to S×S, the run's own sides are taken as
     * well (S for full, S/2 for half: {@code --image-size 64 --score-resolution 32} scores at 32×32);
     * any other value is refused naming both sides.
     */
    int scoreResolution() {
        int r = selection.scoreResolution();
        int full = ImageResolution.FULL.side();
        int half = ImageResolution.HALF.side();
        if (!ownPairs() || r == full || r == half) {
            return r;
        }
        int side = pairs.imageSize();
        if (r == side) {
            return full;
        }
        if (r == side / 2) {
            return half;
        }
        throw new CurationException("--score-resolution: " + r + " is neither side of the " + side + "x" + side + " images --pairs is "
                + "decoded to (--image-size " + side + "): give " + side + " or 28 (full) or " + side / 2 + " or 14 (half, 2x2 average pooling)");
    }

    /** The joint sampler's chunks: as set, else min(16, b). */
    public int chunkCount() {
        return selection.chunks() != null ? selection.chunks() : JointSelector.Options.defaultChunks(training.batch());
    }

    public PruneOptions pruneOptions() {
        PruneOptions d = PruneOptions.defaults();
        PruningSettings p = pruning;
        return new PruneOptions(p.keep(), p.clusters(), p.temperature(), p.nn(), p.epsilon(), data.seed(), d.maxIterations(), d.tolerance(),
                p.minPerCluster());
    }

    /** What DBP and SSP cluster: the reference's image, text or joint embeddings. */
    public PruneEmbedding clusterEmbedding() {
        return PruneEmbedding.parse(pruning.pruneEmbedding());
    }

    /** The pool pruning as stages, or null for the whole pool. */
    public PruningPipeline pruningPipeline() {
        return pruning.poolPruning() == null ? null : PruningPipeline.parse(pruning.poolPruning(), pruneOptions().keep(), "--pool-pruning");
    }

    /** The cache of reference embeddings and level references: as set, else $CURATE_CACHE, else ~/.cache/curationlab. */
    public Path cacheDirectory() {
        return reference.cacheDir() != null ? Path.of(reference.cacheDir()) : defaultCacheDir();
    }

    public static Path defaultCacheDir() {
        String env = System.getenv("CURATE_CACHE");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "curationlab");
    }

    /** Whether the run needs the reference model: any score but uniform, and any pool pruning. */
    public boolean needsReference() {
        return selectionConfig().method().usesModels() || pruning.poolPruning() != null;
    }

    /**
     * Checks every setting without loading data or models: what {@link Runs#train} would reject at
     * its start. {@code curate sweep} runs it on each cell before any cell runs.
     */
    public RunSpec check() {
        PoolSpec pool = poolSpec();
        TrainConfig cfg = trainConfig();
        SelectionConfig sel = selectionConfig();
        checkPairs(sel);
        if (!ownPairs()) {
            // Your own pairs are counted once loaded (Runs.train).
            requireBatchesFit(sel, cfg, pool.size(), "--pool-size " + pool.size());
        }
        RunLimits.multiRes(cfg);
        MemoryBudget.check(cfg, sel.method().usesModels() ? sel.superBatch(cfg.batch()) : cfg.batch(),
                sel.method().usesLearner() ? sel.scorePatch() : null);
        if (sel.scoreResolution() == ImageResolution.HALF.side() && !cfg.model().imageTower().accepts(ImageResolution.HALF)) {
            throw new CurationException("--score-resolution 14 needs --tower cnn: the " + model.tower() + " tower only takes 28x28"
                    + (cfg.patches().byPatch() ? " (its cheap scoring is a larger patch: --score-patch 14)" : ""));
        }
        referenceBudget();
        String poolPruning = pruning.poolPruning();
        String reference = this.reference.reference();
        String dataDir = data.dataDir();
        if ((sel.method().usesModels() || poolPruning != null) && !ownPairs() && !Files.isRegularFile(Path.of(reference))) {
            try {
                CurationLevel.parse(reference);
            } catch (CurationException e) {
                throw new CurationException("--reference: '" + reference + "' is neither a checkpoint file nor a curation level");
            }
        }
        clusterEmbedding();
        if (poolPruning != null) {
            pruneOptions();
            pruningPipeline();
        }
        if (dataDir != null && !Files.isDirectory(Path.of(dataDir))) {
            throw new CurationException("--data-dir: " + dataDir + " is not a folder");
        }
        return this;
    }

    /**
     * Your own pairs' settings: the sources exist, the decoding and tokenizer values are in range,
     * a model-reading method names a reference made for them, and no setting is given that the
     * run would ignore (the synthetic pool's with --pairs, the decoding ones without).
     */
    private void checkPairs(SelectionConfig sel) {
        DataSettings d = data;
        RunSpec def = DEFAULTS;
        if (d.pairs() == null) {
            if (d.evalPairs() != null) {
                throw new CurationException("--eval-pairs: needs --pairs (the Fashion-MNIST world evaluates on its test split)");
            }
            if (d.referencePairs() != null) {
                throw new CurationException("--reference-pairs: needs --pairs (a reference trained on your pairs scores your pairs); "
                        + "the Fashion-MNIST world takes --reference LEVEL|FILE");
            }
            if (d.shuffleCaptions() != 0) {
                throw new CurationException("--shuffle-captions: only with --pairs (the Fashion-MNIST world's pool takes --noise misaligned=RATE)");
            }
            for (Setting<?> s : RunSchema.of(Setting.Group.DATA, Setting.Group.PAIRS)) {
                if (s.quiet() && !Objects.equals(s.of(this), s.of(def))) {
                    throw new CurationException("--" + s.key() + ": only with --pairs (the Fashion-MNIST world's images are 28x28 grey, "
                            + "its captions tokenized by a fixed vocabulary)");
                }
            }
            return;
        }
        for (Setting<?> s : List.<Setting<?>>of(RunSchema.DATA_DIR, RunSchema.POOL_SIZE, RunSchema.NOISE)) {
            if (!Objects.equals(s.of(this), s.of(def))) {
                throw new CurationException("--" + s.key() + ": not with --pairs (the pool is the pairs --pairs names)");
            }
        }
        pairsOptions(null);
        if (!(d.shuffleCaptions() >= 0 && d.shuffleCaptions() <= 1)) {
            throw new CurationException("--shuffle-captions: " + d.shuffleCaptions() + " must be a fraction in [0, 1]");
        }
        if (pairs.maxTokens() < 1) {
            throw new CurationException("--max-tokens: " + pairs.maxTokens() + " must be at least 1");
        }
        if (pairs.minWordCount() < 1) {
            throw new CurationException("--min-word-count: " + pairs.minWordCount() + " must be at least 1");
        }
        for (Setting<String> s : List.of(RunSchema.PAIRS, RunSchema.REFERENCE_PAIRS, RunSchema.EVAL_PAIRS)) {
            String source = s.of(this);
            if (source != null && !Files.exists(Path.of(source))) {
                throw new CurationException("--" + s.key() + ": " + source + " does not exist");
            }
        }
        if (sel.method().usesModels() || pruning.poolPruning() != null) {
            String ref = reference.reference();
            boolean givenReference = !Objects.equals(ref, def.reference().reference());
            if (d.referencePairs() != null && givenReference) {
                throw new CurationException("--reference-pairs: give either --reference FILE or --reference-pairs SOURCE, not both");
            }
            if (d.referencePairs() == null && !Files.isRegularFile(Path.of(ref))) {
                throw new CurationException("--reference: '" + ref + "' is not a checkpoint file; with --pairs, give a reference trained on "
                        + "your own pairs (curate reference --reference-pairs SOURCE --out FILE), or --reference-pairs SOURCE");
            }
        }
    }

    /**
     * A batch, or a super-batch to select from, larger than the pool would hold some pairs twice:
     * contrastive negatives that are the positive itself.
     */
    static void requireBatchesFit(SelectionConfig sel, TrainConfig cfg, int poolPairs, String pool) {
        if (cfg.batch() > poolPairs) {
            throw new CurationException("--batch: " + cfg.batch() + " is larger than " + pool + " (pairs would repeat within a batch)");
        }
        if (sel.method().usesModels() && sel.superBatch(cfg.batch()) > poolPairs) {
            throw new CurationException("--batch " + cfg.batch() + " with --filter-ratio " + sel.filterRatio() + " makes super-batches of "
                    + sel.superBatch(cfg.batch()) + " pairs, more than " + pool + " (pairs would repeat within a super-batch)");
        }
    }

    /** The constant of {@code type} named {@code text} (case and surrounding space ignored), or an error naming {@code flag}. */
    public static <E extends Enum<E>> E choice(Class<E> type, String text, String flag) {
        if (text != null) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(text.trim())) {
                    return e;
                }
            }
        }
        throw new CurationException(flag + ": '" + text + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
    }
}
