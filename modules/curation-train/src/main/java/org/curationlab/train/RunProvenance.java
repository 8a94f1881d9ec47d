package org.curationlab.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.curationlab.data.CurationException;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How a result was made: every setting, the seed, the git commit, library and Java versions, the
 * ND4J backend and thread count, the machine. A result row that cannot say this is worth little
 * to a researcher (STYLE: provenance everywhere, after Tribuo).
 */
public final class RunProvenance {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Where a train run's provenance names the reference checkpoint it used (a file given, or a level's cached one). */
    public static final String REFERENCE_CHECKPOINT = "reference-checkpoint";
    /** A reference the run trained itself (a level's, or on --reference-pairs): its images, steps, batch and passes over its images. */
    public static final String REFERENCE_TRAINING = "reference-training";

    /**
     * Keys of provenance files written before the run schema, and the schema's key for each (the
     * settings went through the library's configurations and came out in their spellings). Keys
     * with no schema counterpart (pool, model.vocabSize, ...) keep their name.
     */
    private static final Map<String, String> OLD_KEYS = Map.ofEntries(
            Map.entry("data_dir", "data-dir"), Map.entry("pool_noise", "noise"), Map.entry("eval_every", "eval-every"),
            Map.entry("eval_size", "eval-size"), Map.entry("multi_res_fraction", "multi-res"), Map.entry("filter_ratio", "filter-ratio"),
            Map.entry("score_resolution", "score-resolution"), Map.entry("pool_pruning", "pool-pruning"),
            Map.entry("pruned_pool", "pruned-pool"), Map.entry("pruning_stages", "pruning-stages"),
            Map.entry("reference_sha256", "reference-sha256"), Map.entry("curation_level", "curation-level"),
            Map.entry("reference_pairs", "reference-size"),
            Map.entry("model.size", "model"), Map.entry("model.imageTower", "tower"), Map.entry("model.loss", "loss"),
            Map.entry("model.learningRate", "lr"), Map.entry("model.warmupSteps", "warmup"), Map.entry("model.embedDim", "embed-dim"),
            Map.entry("selection.joint.chunks", "chunks"), Map.entry("selection.joint.first-chunk", "first-chunk"),
            Map.entry("selection.joint.greedy", "greedy"), Map.entry("selection.independent.greedy", "greedy"),
            Map.entry("selection.joint.refine-passes", "refine"),
            Map.entry("pruning.k", "clusters"), Map.entry("pruning.tau", "temperature"), Map.entry("pruning.keep", "keep"),
            Map.entry("pruning.nn", "nn"), Map.entry("pruning.epsilon", "epsilon"), Map.entry("pruning.min-per-cluster", "min-per-cluster"),
            Map.entry("pruning.embedding", "prune-embedding"));

    private RunProvenance() {
    }

    /** The environment part: commit, versions, backend, threads, OS, time. */
    public static Map<String, Object> environment() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("git_commit", gitCommit());
        env.put("curationlab_version", mavenVersion("org.curationlab", "curation-train"));
        env.put("nd4j_version", mavenVersion("org.nd4j", "nd4j-api"));
        env.put("java_version", System.getProperty("java.version"));
        env.put("backend", Nd4j.getBackend().getClass().getSimpleName());
        env.put("nd4j_build", org.curationlab.models.NativeBuild.loaded());
        env.put("omp_num_threads", System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
        env.put("nd4j_max_threads", Nd4j.getEnvironment().maxThreads());
        env.put("available_processors", Runtime.getRuntime().availableProcessors());
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        env.put("created", Instant.now().toString());
        return env;
    }

    /** Writes {@code {"settings": ..., "environment": ..., extra...}} as indented JSON. */
    public static void write(Path file, Map<String, ?> settings, Map<String, ?> extra) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("settings", settings);
        doc.put("environment", environment());
        if (extra != null) {
            doc.putAll(extra);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            org.curationlab.data.io.AtomicFiles.write(file, JSON.writeValueAsBytes(doc));
        } catch (IOException e) {
            throw new CurationException(file + ": cannot be written (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The settings of a provenance document under today's keys, whenever it was written: an older
     * file's keys are mapped by {@link #OLD_KEYS}, and the checkpoint its train run used (then
     * recorded as {@code reference}) is under {@link #REFERENCE_CHECKPOINT}. Values are as written.
     */
    public static Map<String, JsonNode> settings(JsonNode doc) {
        JsonNode s = doc.path("settings");
        // Schema-era files always hold these keys; older ones never did.
        boolean old = !s.has("pool-size") && !s.has("curation-level");
        Map<String, JsonNode> m = new LinkedHashMap<>();
        s.fields().forEachRemaining(e -> {
            String key = e.getKey();
            if (old) {
                // Only a train run's old record has "reference", and it held the checkpoint used.
                key = key.equals("reference") ? REFERENCE_CHECKPOINT : OLD_KEYS.getOrDefault(key, key);
            }
            m.putIfAbsent(key, e.getValue());
        });
        return m;
    }

    /** {@link #settings(JsonNode)} of a provenance file; a file that cannot be read is named in the error. */
    public static Map<String, JsonNode> settings(Path file) {
        try {
            return settings(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new CurationException(file + ": not a provenance record (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    public static ObjectMapper json() {
        return JSON;
    }

    /** {@code value} as JSON on a single line (for --json output and JSON-lines files). */
    public static String jsonLine(Object value) {
        try {
            return JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("not serialisable as JSON: " + value.getClass().getName(), e);
        }
    }

    /** The version Maven recorded in the artifact (kept in the shaded jar, unlike manifest versions). */
    static String mavenVersion(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (var in = RunProvenance.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The working tree's commit (with "+dirty" when it has changes), or "unknown" outside git. */
    static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            String head = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "unknown";
            }
            Process d = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no").redirectErrorStream(true).start();
            String dirty = new String(d.getInputStream().readAllBytes()).trim();
            d.waitFor(5, TimeUnit.SECONDS);
            return head + (dirty.isEmpty() ? "" : "+dirty");
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
