package org.curationlab.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.curationlab.data.CurationException;
import org.curationlab.data.CurationLevel;
import org.curationlab.data.NoiseSpec;
import org.curationlab.data.PoolSpec;
import org.curationlab.data.WordTokenizer;
import org.curationlab.models.ContrastiveLoss;
import org.curationlab.models.ImageResolution;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * One training run as data (DESIGN §6): the pool, the model, the method and its selection, the
 * reference, offline pool pruning, the budget and schedule, evaluation, the seed and the threads.
 * Each field is one {@code curate train} option, named as the option without its dashes (the keys
 * of a sweep spec), holding the value as the user writes it; {@link #check()} and the typed views
 * ({@link #poolSpec()}, {@link #trainConfig()}, ...) turn them into the library's configurations,
 * with errors that name the option. {@link Runs#train} trains it.
 *
 * <p>The record is self-contained and serialisable ({@link #toJson()}, {@link #read(Path)}), so a
 * sweep hands it to a child process and a distributed runner can ship it to an executor. Paths
 * are kept as written; {@code null} means the default of the machine that runs it (data folder,
 * cache, every core).
 */
@JsonPropertyOrder(alphabetic = false)
public record RunSpec(
        // the pool (DESIGN §1)
        @JsonProperty("data-dir") String dataDir,
        @JsonProperty("pool-size") int poolSize,
        @JsonProperty("noise") String noise,
        @JsonProperty("seed") long seed,
        // the model (DESIGN §2)
        @JsonProperty("model") String model,
        @JsonProperty("tower") String tower,
        @JsonProperty("loss") String loss,
        @JsonProperty("lr") double lr,
        @JsonProperty("warmup") int warmup,
        @JsonProperty("embed-dim") int embedDim,
        // budget, schedule, evaluation, threads
        @JsonProperty("iterations") int iterations,
        @JsonProperty("batch") int batch,
        @JsonProperty("eval-every") int evalEvery,
        @JsonProperty("eval-size") int evalSize,
        @JsonProperty("threads") Integer threads,
        @JsonProperty("multi-res") double multiRes,
        // the method and its selection (DESIGN §3)
        @JsonProperty("method") String method,
        @JsonProperty("selection") String selection,
        @JsonProperty("filter-ratio") double filterRatio,
        @JsonProperty("score-resolution") int scoreResolution,
        @JsonProperty("chunks") Integer chunks,
        @JsonProperty("first-chunk") String firstChunk,
        @JsonProperty("greedy") boolean greedy,
        @JsonProperty("refine") int refine,
        @JsonProperty("negate-scores") boolean negateScores,
        // the reference
        @JsonProperty("reference") String reference,
        @JsonProperty("reference-iterations") int referenceIterations,
        @JsonProperty("cache-dir") String cacheDir,
        // offline pool pruning (DESIGN §4)
        @JsonProperty("pool-pruning") String poolPruning,
        @JsonProperty("keep") double keep,
        @JsonProperty("clusters") int clusters,
        @JsonProperty("temperature") double temperature,
        @JsonProperty("nn") int nn,
        @JsonProperty("epsilon") double epsilon,
        @JsonProperty("min-per-cluster") int minPerCluster,
        @JsonProperty("prune-embedding") String pruneEmbedding) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    public RunSpec {
        // "none" is how a sweep axis holds the unpruned baseline beside the pruners.
        if (poolPruning != null && (poolPruning.isBlank() || poolPruning.trim().equalsIgnoreCase("none"))) {
            poolPruning = null;
        }
    }

    /** Every field at the default of its {@code curate train} option. */
    public static RunSpec defaults() {
        return new RunSpec(null, PoolSpec.DEFAULT_SIZE, "web", 0,
                "M", "cnn", "sigmoid", 0.002, 50, 64,
                1000, 256, 100, 10_000, null, 0.0,
                "uniform", "joint", 0.8, 28, null, "diagonal-softmax", false, 0, false,
                "curated", 1000, null,
                null, 0.3, 100, 0.1, 20, 0.005, 1, "image");
    }

    /** The field names, in order: {@code curate train}'s options without their dashes. */
    public static List<String> keys() {
        List<String> keys = new ArrayList<>();
        JSON.valueToTree(defaults()).fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** This run with one field replaced, by its key (e.g. {@code with("filter-ratio", 0.5)}); the value as JSON would hold it. */
    public RunSpec with(String key, Object value) {
        ObjectNode tree = JSON.valueToTree(this);
        if (!tree.has(key)) {
            throw new CurationException("run: unknown field '" + key + "'; fields are " + keys());
        }
        tree.set(key, JSON.valueToTree(value));
        return fromTree(tree, "run");
    }

    /** As indented JSON, every field present. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
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

    /** Parses a run's JSON; {@code source} names it in errors. */
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
        ObjectNode tree = JSON.valueToTree(defaults());
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!tree.has(key)) {
                throw new CurationException(source + ": unknown field '" + key + "'; fields are " + keys());
            }
            tree.set(key, node.get(key));
        }
        return fromTree(tree, source);
    }

    private static RunSpec fromTree(ObjectNode tree, String source) {
        try {
            return JSON.treeToValue(tree, RunSpec.class);
        } catch (UnrecognizedPropertyException e) {
            throw new CurationException(source + ": unknown field '" + e.getPropertyName() + "'; fields are " + keys(), e);
        } catch (InvalidFormatException e) {
            throw new CurationException(source + ": " + field(e) + ": '" + e.getValue() + "' is not " + article(e.getTargetType()), e);
        } catch (MismatchedInputException e) {
            String key = field(e);
            JsonNode v = key.isEmpty() ? null : tree.get(key);
            throw new CurationException(source + ": " + key + ": " + (v == null || v.isNull() ? "null" : v.toString())
                    + " is not " + article(e.getTargetType()), e);
        } catch (JsonProcessingException e) {
            throw new CurationException(source + ": " + e.getOriginalMessage(), e);
        }
    }

    private static String field(com.fasterxml.jackson.databind.JsonMappingException e) {
        return e.getPath().isEmpty() ? "" : String.valueOf(e.getPath().get(e.getPath().size() - 1).getFieldName());
    }

    private static String article(Class<?> type) {
        if (type == null) {
            return "of the right type";
        }
        return switch (type.getSimpleName()) {
            case "int", "Integer", "long", "Long" -> "a whole number";
            case "double", "Double" -> "a number";
            case "boolean", "Boolean" -> "true or false";
            case "String" -> "text";
            default -> "a " + type.getSimpleName();
        };
    }

    // ---- typed views, each checked in the user's terms (the option's name) ----

    public PoolSpec poolSpec() {
        return new PoolSpec(poolSize, NoiseSpec.parse(noise), seed);
    }

    public ModelConfig modelConfig() {
        return modelConfig(model, tower, loss, lr, warmup, embedDim, iterations, seed);
    }

    /** A model of the size ladder from its options; shared with {@code curate reference}. */
    public static ModelConfig modelConfig(String size, String tower, String loss, double lr, int warmup, int embedDim,
                                          int iterations, long seed) {
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
        if (embedDim < 1) {
            throw new CurationException("--embed-dim: " + embedDim + " must be at least 1");
        }
        WordTokenizer tok = WordTokenizer.standard();
        return new ModelConfig(choice(ImageTowerKind.class, tower, "--tower"), choice(ModelSize.class, size, "--model"),
                embedDim, tok.vocabSize(), tok.maxTokens(), choice(ContrastiveLoss.class, loss, "--loss"),
                lr, Math.min(warmup, iterations), iterations, 0.0, seed);
    }

    /** The ND4J threads: as set, else every core of the machine that runs it. */
    public int threadCount() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }

    public TrainConfig trainConfig() {
        return new TrainConfig(modelConfig(), iterations, batch, evalEvery, evalSize, seed, threadCount(), multiRes);
    }

    /** The reference's own run when it is trained from a level: the learner's model and batch, its own length. */
    public TrainConfig referenceTrainConfig() {
        TrainConfig cfg = trainConfig();
        return new TrainConfig(cfg.model().withSchedule(cfg.model().learningRate(),
                Math.min(cfg.model().warmupSteps(), referenceIterations), referenceIterations),
                referenceIterations, cfg.batch(), referenceIterations, cfg.evalSize(), cfg.seed(), cfg.threads());
    }

    public SelectionConfig selectionConfig() {
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
        FirstChunkRule rule = choice(FirstChunkRule.class, firstChunk.replace('-', '_'), "--first-chunk");
        JointSelector.Options jo = new JointSelector.Options(chunkCount(), rule, greedy, refine);
        return new SelectionConfig(m, joint, filterRatio, jo, new IndependentSelector.Options(greedy), scoreResolution, negateScores);
    }

    /** The joint sampler's chunks: as set, else min(16, b). */
    public int chunkCount() {
        return chunks != null ? chunks : JointSelector.Options.defaultChunks(batch);
    }

    public PruneOptions pruneOptions() {
        PruneOptions d = PruneOptions.defaults();
        return new PruneOptions(keep, clusters, temperature, nn, epsilon, seed, d.maxIterations(), d.tolerance(), minPerCluster);
    }

    /** What DBP and SSP cluster: the reference's image, text or joint embeddings. */
    public PruneEmbedding clusterEmbedding() {
        return PruneEmbedding.parse(pruneEmbedding);
    }

    /** The pool pruning as stages, or null for the whole pool. */
    public PruningPipeline pruningPipeline() {
        return poolPruning == null ? null : PruningPipeline.parse(poolPruning, pruneOptions().keep(), "--pool-pruning");
    }

    /** The cache of reference embeddings and level references: as set, else $CURATE_CACHE, else ~/.cache/curationlab. */
    public Path cacheDirectory() {
        return cacheDir != null ? Path.of(cacheDir) : defaultCacheDir();
    }

    public static Path defaultCacheDir() {
        String env = System.getenv("CURATE_CACHE");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "curationlab");
    }

    /** Whether the run needs the reference model: any score but uniform, and any pool pruning. */
    public boolean needsReference() {
        return selectionConfig().method().usesModels() || poolPruning != null;
    }

    /**
     * Checks every setting without loading data or models: what {@link Runs#train} would reject at
     * its start. {@code curate sweep} runs it on each cell before any cell runs.
     */
    public RunSpec check() {
        PoolSpec pool = poolSpec();
        TrainConfig cfg = trainConfig();
        SelectionConfig sel = selectionConfig();
        requireBatchesFit(sel, cfg, pool.size(), "--pool-size " + pool.size());
        RunLimits.multiRes(cfg.multiResFraction(), cfg.batch());
        MemoryBudget.check(cfg, sel.method().usesModels() ? sel.superBatch(cfg.batch()) : cfg.batch());
        if (sel.scoreResolution() == ImageResolution.HALF.side() && !cfg.model().imageTower().accepts(ImageResolution.HALF)) {
            throw new CurationException("--score-resolution 14 needs --tower cnn: the MLP tower only takes 28x28");
        }
        if (referenceIterations < 1) {
            throw new CurationException("--reference-iterations: " + referenceIterations + " must be at least 1");
        }
        if ((sel.method().usesModels() || poolPruning != null) && !Files.isRegularFile(Path.of(reference))) {
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
