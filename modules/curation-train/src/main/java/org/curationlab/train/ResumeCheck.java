package org.curationlab.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.curationlab.data.CurationException;
import org.curationlab.data.NoiseSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code --resume} continues the run a folder holds, never another one: the rows already written
 * were made by the settings saved with them, and the rows still to come must be made by the same.
 * The run is saved in {@code provenance.json} as its flat settings ({@link RunSpec#toJson()}, key
 * {@value #RUN}); a resume compares them with the new run setting by setting and refuses every
 * difference in one line ({@code --model: saved S, now M}). Only what changes how fast, not what,
 * may differ: {@code --threads} (and so a sweep's {@code --jobs}); each session's threads are
 * recorded under {@value #SESSIONS}. The folders a run reads from are compared by what they hold:
 * the data folder as resolved, the reference by its content hash (SHA-256), on every resume.
 *
 * <p>A longer {@code --iterations} is refused too: the budget fixes the warm-up/cosine schedule
 * (the learning rate reaches 0 at the last step), so a run extended from 20 to 40 steps would
 * write rows no 40-step run writes. Train the longer budget as a run of its own.
 */
public final class ResumeCheck {
    /** The run's flat settings in provenance.json. */
    static final String RUN = "run";
    /** The content hash of the reference that scored the rows, and the data folder as resolved. */
    static final String REFERENCE_SHA256 = "reference-sha256";
    static final String DATA_DIR = "data-dir";
    /** One entry per session that trained the run: when, how many threads, which commit. */
    static final String SESSIONS = "sessions";
    /** Settings that may change between sessions: how fast, or where a machine keeps its files (compared by content instead). */
    static final Set<String> FREE = Set.of("threads", "data-dir", "cache-dir");
    /**
     * The budget of a reference the run trains itself, compared only when the run trains one: runs
     * saved while 1000 was its default hold {@code reference-iterations: 1000}, and one that reads a
     * checkpoint (or no reference) resumes with today's default, its reference compared by content.
     */
    static final Set<String> REFERENCE_BUDGET = Set.of(org.curationlab.train.settings.RunSchema.REFERENCE_ITERATIONS.key(),
            org.curationlab.train.settings.RunSchema.REFERENCE_PASSES.key());

    private final Path out;
    private final JsonNode saved;
    private final RunSpec run;
    private String referenceHash;
    private String dataDir;

    private ResumeCheck(Path out, JsonNode saved, RunSpec run) {
        this.out = out;
        this.saved = saved;
        this.run = run;
    }

    /**
     * The check of {@code run} resumed into {@code out}, its settings already compared: throws
     * naming every setting that differs from the saved run's. Nothing to compare when the folder
     * holds no run yet, or when not resuming (the trainer then refuses a folder that holds one).
     */
    public static ResumeCheck of(RunSpec run, Path out, boolean resume) {
        JsonNode saved = resume && holdsRun(out) ? savedProvenance(out) : null;
        ResumeCheck check = new ResumeCheck(out, saved, run);
        if (saved != null) {
            check.compareSettings();
            // A reference named by its file is checked here, before anything loads; a level's, once resolved.
            Path file = Path.of(RunProvenance.json().valueToTree(run).path("reference").asText());
            if (run.needsReference() && Files.isRegularFile(file)) {
                check.reference(file, ReferenceModel.sha256(file));
            }
        }
        return check;
    }

    /**
     * The check of a run known by its settings map alone (a reference's run, {@code curate
     * reference}): {@link #provenance(Map)} compares the map.
     */
    public static ResumeCheck ofSettings(Path out, boolean resume) {
        return new ResumeCheck(out, resume && holdsRun(out) ? savedProvenance(out) : null, null);
    }

    /** Whether the folder holds rows or a checkpoint of a run (what the trainer resumes). */
    static boolean holdsRun(Path out) {
        return Files.exists(out.resolve(Trainer.EVAL_CSV)) || Files.exists(out.resolve(Trainer.STATE))
                || Files.exists(out.resolve(Trainer.CHECKPOINT));
    }

    private static JsonNode savedProvenance(Path out) {
        Path file = out.resolve(Trainer.PROVENANCE);
        if (!Files.isRegularFile(file)) {
            throw new CurationException(file + " is missing, so the settings that made the rows in " + out
                    + " are unknown; the run cannot be resumed (restore it, or remove " + out + " to start again)");
        }
        try {
            JsonNode doc = RunProvenance.json().readTree(file.toFile());
            if (doc == null || !doc.isObject() || !doc.path("settings").isObject()) {
                throw new CurationException(file + ": holds no run settings; the run cannot be resumed (restore it, or remove "
                        + out + " to start again)");
            }
            return doc;
        } catch (IOException e) {
            throw new CurationException(file + ": unreadable (" + e.getMessage() + "); the run cannot be resumed", e);
        }
    }

    private void compareSettings() {
        JsonNode before = saved.get(RUN);
        if (before == null || !before.isObject()) {
            // A run saved before its flat settings were: compared by the settings map when training starts.
            return;
        }
        ObjectNode now = (ObjectNode) RunProvenance.json().valueToTree(run);
        List<String> diffs = new ArrayList<>();
        boolean trainsReference = run.trainsReference();
        for (Iterator<String> it = now.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (FREE.contains(key) || !trainsReference && REFERENCE_BUDGET.contains(key)) {
                continue;
            }
            JsonNode a = before.get(key);
            JsonNode b = now.get(key);
            org.curationlab.train.settings.Setting<?> setting = org.curationlab.train.settings.RunSchema.find(key);
            if (a == null && setting != null) {
                // A run saved before this setting existed ran at its default.
                a = setting.toJson(setting.defaultValue());
            }
            if (!sameValue(a, b)) {
                diffs.add("--" + key + ": saved " + text(a) + ", now " + text(b));
            }
        }
        for (Iterator<String> it = before.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!now.has(key) && !FREE.contains(key) && (trainsReference || !REFERENCE_BUDGET.contains(key))) {
                // A quiet setting is left out of the settings while at its default (Setting#quiet).
                org.curationlab.train.settings.Setting<?> s = org.curationlab.train.settings.RunSchema.find(key);
                if (s == null || !s.quiet()) {
                    diffs.add("--" + key + ": saved " + text(before.get(key)) + ", now no such setting");
                } else if (!sameValue(before.get(key), s.toJson(s.defaultValue()))) {
                    diffs.add("--" + key + ": saved " + text(before.get(key)) + ", now (default)");
                }
            }
        }
        refuse(diffs);
    }

    /**
     * The settings map of provenance.json against the new one, for a run whose flat settings were
     * not saved ({@link #RUN}: a run saved before they were, and a reference's run): every setting
     * but the threads and the machine's folders, by its flag. An older record is read under
     * today's keys ({@link RunProvenance#settings(JsonNode)}), and its values as it spelt them
     * ({@code "0.002"}, {@code SIGMOID}, {@code DIAGONAL_SOFTMAX}, the noise as rates, the pool as one key).
     */
    private void compareSettingsMap(Map<String, Object> settings) {
        if (saved == null || saved.get(RUN) != null) {
            return;
        }
        Map<String, JsonNode> before = RunProvenance.settings(saved);
        JsonNode now = RunProvenance.json().valueToTree(settings);
        List<String> diffs = new ArrayList<>();
        boolean trainsReference = run != null && run.trainsReference();
        for (Iterator<String> it = now.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!trainsReference && REFERENCE_BUDGET.contains(key)) {
                continue;
            }
            if (!MAP_FREE.contains(key) && before.containsKey(key) && !sameSetting(key, before.get(key), now.get(key))) {
                String name = key.matches("[a-z0-9]+(-[a-z0-9]+)*") ? "--" + key : "settings." + key;
                diffs.add(name + ": saved " + text(before.get(key)) + ", now " + text(now.get(key)));
            }
        }
        if (run != null && before.containsKey("pool") && !before.get("pool").asText().equals(run.poolSpec().key())) {
            diffs.add("--pool-size/--noise/--seed (the pool): saved " + before.get("pool").asText() + ", now " + run.poolSpec().key());
        }
        refuse(diffs);
    }

    /** One setting's value in either record's spelling: numbers by value, the noise by its rates, words whatever their case or separator. */
    private static boolean sameSetting(String key, JsonNode a, JsonNode b) {
        if (a == null || b == null || a.isNull() || b.isNull()) {
            return sameValue(a, b);
        }
        String x = a.asText();
        String y = b.asText();
        if (key.equals("noise")) {
            try {
                return NoiseSpec.parse(x).equals(NoiseSpec.parse(y));
            } catch (CurationException e) {
                return x.equals(y);
            }
        }
        try {
            return Double.parseDouble(x) == Double.parseDouble(y);
        } catch (NumberFormatException e) {
            return x.replace('_', '-').equalsIgnoreCase(y.replace('_', '-'));
        }
    }

    /** What the run saved under {@code key}: in this class's own entries, else (older runs) in the settings map, in either spelling. */
    private JsonNode savedValue(String key) {
        JsonNode v = saved.get(key);
        if (v == null) {
            v = saved.path("settings").get(key);
        }
        if (v == null) {
            v = saved.path("settings").get(key.replace('-', '_'));
        }
        return v == null || v.isNull() ? null : v;
    }

    /** The data folder as resolved (the flat settings hold it as written, or not at all for the default) must be the one the rows came from. */
    public void dataDir(Path resolved) {
        dataDir = resolved.toAbsolutePath().normalize().toString();
        JsonNode before = saved == null ? null : savedValue(DATA_DIR);
        if (before != null && !Path.of(before.asText()).toAbsolutePath().normalize().toString().equals(dataDir)) {
            refuse(List.of("--data-dir (as resolved): saved " + before.asText() + ", now " + dataDir));
        }
    }

    /**
     * Keys of the settings map not compared there: the threads; the machine's folders (the data
     * folder is compared as resolved by {@link #dataDir}); the reference's path, hash and training ({@link
     * #reference} compares its content); and what pruning kept, which follows from the settings.
     */
    private static final Set<String> MAP_FREE = Set.of("threads", "data-dir", "cache-dir", RunProvenance.REFERENCE_CHECKPOINT,
            REFERENCE_SHA256, RunProvenance.REFERENCE_TRAINING, "pruned-pool", "pruning-stages");

    /**
     * The reference the run now resolves to must be the one that scored its rows so far, by
     * content: a file replaced under the same name is another reference.
     */
    public void reference(Path file, String sha256) {
        referenceHash = sha256;
        JsonNode before = saved == null ? null : savedValue(REFERENCE_SHA256);
        if (before != null && !before.asText().equals(sha256)) {
            throw new CurationException("--reference: " + file + " has SHA-256 " + sha256 + ", but the rows in " + out
                    + " were scored by a reference with SHA-256 " + before.asText()
                    + "; the run cannot be resumed with another reference (restore that file, or train a new run in another --out)");
        }
    }

    /**
     * Your own pairs must hold what they held when the rows were written: each source is compared
     * by the content hash of what was loaded ({@code pairs-sha256}, {@code reference-pairs-sha256},
     * {@code eval-pairs-sha256}), so a
     * source edited under the same name is refused too.
     */
    public void pairs(Map<String, Object> provenance) {
        if (saved == null) {
            return;
        }
        for (String flag : List.of("pairs", "reference-pairs", "eval-pairs")) {
            Object now = provenance.get(flag + "-sha256");
            JsonNode before = savedValue(flag + "-sha256");
            if (now != null && before != null && !before.asText().equals(now)) {
                throw new CurationException("--" + flag + ": the pairs it names changed since the rows in " + out + " were written (content "
                        + "SHA-256 saved " + before.asText().substring(0, 12) + "..., now " + now.toString().substring(0, 12)
                        + "...); the run cannot be resumed on other data (restore them, or train a new run in another --out)");
            }
        }
    }

    private void refuse(List<String> diffs) {
        if (diffs.isEmpty()) {
            return;
        }
        boolean budget = diffs.stream().anyMatch(d -> d.startsWith("--iterations:"));
        throw new CurationException(out + ": --resume continues the run this folder holds, with the settings that made its rows: "
                + String.join("; ", diffs) + "; resume with the saved settings, or train a new run in another --out"
                + (budget ? " (a longer budget is a new run too: the warm-up/cosine schedule ends at the last iteration)" : ""));
    }

    /**
     * What this session adds to provenance.json, once {@code settings} (the provenance's settings
     * map) passed the comparison of {@link #compareSettingsMap}: the run's flat settings, the
     * reference's hash and the data folder as checked, and the sessions that trained the run (the
     * saved ones, then this one with its threads).
     */
    public Map<String, Object> provenance(Map<String, Object> settings) {
        compareSettingsMap(settings);
        Map<String, Object> extra = new LinkedHashMap<>();
        if (run != null) {
            extra.put(RUN, RunProvenance.json().valueToTree(run));
        }
        // The settings map holds these under the same keys when the run wrote them there (train runs do).
        if (referenceHash != null && !settings.containsKey(REFERENCE_SHA256)) {
            extra.put(REFERENCE_SHA256, referenceHash);
        }
        if (dataDir != null && !settings.containsKey(DATA_DIR)) {
            extra.put(DATA_DIR, dataDir);
        }
        ArrayNode sessions = RunProvenance.json().createArrayNode();
        if (saved != null && saved.get(SESSIONS) instanceof ArrayNode before) {
            sessions.addAll(before);
        }
        ObjectNode now = sessions.addObject();
        now.put("started", Instant.now().toString());
        now.put("resumed", saved != null);
        Object threads = run != null ? Integer.valueOf(run.threadCount()) : settings.get("threads");
        if (threads instanceof Number n) {
            now.put("threads", n.intValue());
        }
        now.put("git_commit", RunProvenance.gitCommit());
        extra.put(SESSIONS, sessions);
        return extra;
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a == null || b == null || a.isNull() || b.isNull()) {
            return (a == null || a.isNull()) && (b == null || b.isNull());
        }
        if (a.isNumber() && b.isNumber()) {
            return a.asDouble() == b.asDouble();
        }
        return Objects.equals(a, b);
    }

    private static String text(JsonNode v) {
        if (v == null || v.isNull()) {
            return "(default)";
        }
        return v.isTextual() ? v.asText() : v.toString();
    }

    /**
     * Rows the checkpoint of step {@code start} stands on: every evaluation before it (0,
     * evalEvery, ...) must still be in eval.csv, or resuming would continue a run whose first
     * rows are gone. The row of {@code start} itself may be missing (killed before it was written).
     */
    static void requireRowsBefore(EvalLog log, long start, int evalEvery) {
        if (start <= 0) {
            return;
        }
        Set<Long> have = new java.util.HashSet<>();
        log.table().rows().forEach(r -> have.add(r.whole("iteration")));
        List<Long> missing = new ArrayList<>();
        for (long s = 0; s < start; s += evalEvery) {
            if (!have.contains(s)) {
                missing.add(s);
            }
        }
        if (!missing.isEmpty()) {
            List<String> shown = missing.stream().limit(6).map(String::valueOf).toList();
            throw new CurationException(log.file() + ": the row" + (missing.size() > 1 ? "s of iterations " : " of iteration ")
                    + String.join(", ", shown) + (missing.size() > shown.size() ? ", ..." : "") + (missing.size() > 1 ? " are" : " is")
                    + " missing, though the checkpoint is at step " + start
                    + "; the run cannot be resumed without those rows (restore " + log.file() + ", or remove " + log.file().getParent()
                    + " to start again)");
        }
    }

    /**
     * The checkpoint must hold this run's model: the same tower, size, embedding width, vocabulary,
     * loss, schedule, initialisation seed and image shape. Another run's checkpoint put in its place would
     * otherwise train on, and its rows would be charged to a model the provenance does not name.
     */
    static void requireModel(Path checkpoint, org.curationlab.models.ModelConfig held, org.curationlab.models.ModelConfig run) {
        List<String> diffs = new ArrayList<>();
        differ(diffs, "--tower", held.imageTower(), run.imageTower());
        differ(diffs, "--model", held.size(), run.size());
        differ(diffs, "--embed-dim", held.embedDim(), run.embedDim());
        differ(diffs, "vocabulary size", held.vocabSize(), run.vocabSize());
        differ(diffs, "caption length", held.maxTokens(), run.maxTokens());
        differ(diffs, "--loss", held.loss(), run.loss());
        differ(diffs, "--lr", held.learningRate(), run.learningRate());
        differ(diffs, "--warmup", held.warmupSteps(), run.warmupSteps());
        differ(diffs, "--iterations", held.totalSteps(), run.totalSteps());
        differ(diffs, "weight decay", held.weightDecay(), run.weightDecay());
        differ(diffs, "--seed", held.seed(), run.seed());
        differ(diffs, "image shape (channels×side×side)", held.imageShape(), run.imageShape());
        if (!diffs.isEmpty()) {
            throw new CurationException(checkpoint + " is not this run's checkpoint: " + String.join("; ", diffs)
                    + "; restore the run's own checkpoint, or remove " + checkpoint.getParent() + " to start again");
        }
    }

    /**
     * A run on your own pairs resumes with the tokenizer its checkpoint holds: the one this run
     * builds from the same pool must be it (a run on the synthetic world has none on either side).
     */
    static void requireTokenizer(Path checkpoint, org.curationlab.data.pairs.CaptionTokenizer held,
                                 org.curationlab.data.pairs.CaptionTokenizer run) {
        if (!Objects.equals(held, run)) {
            throw new CurationException(checkpoint + " is not this run's checkpoint: its caption tokenizer "
                    + (held == null ? "is missing" : "has " + held.vocabSize() + " words")
                    + ", the run's " + (run == null ? "is none (the synthetic world's fixed vocabulary)" : "has " + run.vocabSize() + " words")
                    + "; restore the run's own checkpoint, or remove " + checkpoint.getParent() + " to start again");
        }
    }

    private static void differ(List<String> diffs, String name, Object held, Object run) {
        if (!held.equals(run)) {
            String h = held instanceof Enum<?> e ? e.name().toLowerCase(java.util.Locale.ROOT) : held.toString();
            String r = run instanceof Enum<?> e ? e.name().toLowerCase(java.util.Locale.ROOT) : run.toString();
            diffs.add(name + ": checkpoint " + (name.equals("--model") ? h.toUpperCase(java.util.Locale.ROOT) : h) + ", run "
                    + (name.equals("--model") ? r.toUpperCase(java.util.Locale.ROOT) : r));
        }
    }
}
