package org.curationlab.harness.tune;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.curationlab.data.CurationException;
import org.curationlab.harness.sweep.SweepSpec;
import org.curationlab.train.Metrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tune spec: a sweep spec (name, fixed, axes: the groups to tune separately, and usually seeds)
 * plus
 * <pre>
 * search:
 *   kind: random            # or grid
 *   candidates: 8           # random: candidates per group; grid: points per continuous dimension
 *   seed: 0                 # the generator's seed
 *   objective: zeroshot_top1  # an evaluation metric; its final value, averaged over seeds, is maximised
 *   space:
 *     lr: {min: 0.0005, max: 0.008, log: true}
 *     warmup: [20, 50, 100]
 * </pre>
 * Space keys are {@code curate train} options, checked like any sweep setting. Every error names
 * the spec's file and the line of the key at fault.
 *
 * @param lines the line of each key of the {@code search:} section, by its dotted path
 *              ({@code search.space.lr}), so that errors found later can point at it
 */
public record TuneSpec(SweepSpec sweep, String kind, int candidates, long seed, String objective, Map<String, Dimension> space,
                       Map<String, Integer> lines) {

    /** One searched setting: a list of values, or a range (log-uniform when {@code log}). */
    public record Dimension(List<String> values, double min, double max, boolean log) {
        boolean discrete() {
            return values != null;
        }
    }

    /** The columns an objective may name: the evaluation metrics, all of them higher-is-better. */
    public static final List<String> OBJECTIVES = List.of(Metrics.NAMES);

    /** The line of a {@code search:} key (e.g. {@code search.objective}), else of {@code search}, else 1. */
    public int lineOf(String path) {
        return lines.getOrDefault(path, lines.getOrDefault("search", 1));
    }

    public static TuneSpec load(Path file) {
        SweepSpec sweep = SweepSpec.load(file, true);
        JsonNode root;
        Map<String, Integer> lines;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            lines = keyLines(file);
        } catch (IOException e) {
            throw new CurationException(file + ": not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        Errors err = new Errors(file, lines);
        if (sweep.tuned() != null) {
            throw err.at("tuned", "tuned: belongs in a sweep spec; a tune searches its settings");
        }
        JsonNode s = root.path("search");
        if (!s.isObject()) {
            throw err.at("search", "search: missing; a tune spec needs search: {kind, candidates, objective, space}");
        }
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!List.of("kind", "candidates", "seed", "objective", "space").contains(k)) {
                throw err.at("search." + k, "search." + k + ": unknown key (search has kind, candidates, seed, objective, space)");
            }
        }
        String kind = s.path("kind").asText("random");
        if (!kind.equals("random") && !kind.equals("grid")) {
            throw err.at("search.kind", "search.kind: '" + kind + "' is not random or grid");
        }
        int candidates = s.path("candidates").asInt(8);
        if (candidates < 1) {
            throw err.at("search.candidates", "search.candidates: " + s.path("candidates").asText() + " must be a whole number >= 1");
        }
        String objective = s.path("objective").asText("zeroshot_top1");
        if (!OBJECTIVES.contains(objective)) {
            // A name that is no column would leave every candidate unmeasured and best.json empty.
            throw err.at("search.objective", "search.objective: '" + objective + "' is not a column of the results; known: "
                    + String.join(", ", OBJECTIVES));
        }
        JsonNode sp = s.path("space");
        if (!sp.isObject() || sp.size() == 0) {
            throw err.at("search.space", "search.space: needs at least one setting, e.g. lr: {min: 0.0005, max: 0.008, log: true}");
        }
        Map<String, Dimension> space = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = sp.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            String path = "search.space." + key;
            if (sweep.fixed().containsKey(key) || sweep.axes().containsKey(key)) {
                throw err.at(path, path + ": also fixed or an axis; a setting is either searched or set");
            }
            JsonNode v = e.getValue();
            if (v.isArray()) {
                List<String> values = new ArrayList<>();
                v.forEach(x -> values.add(x.asText()));
                if (values.isEmpty()) {
                    throw err.at(path, path + ": an empty list");
                }
                space.put(key, new Dimension(values, Double.NaN, Double.NaN, false));
            } else if (v.isObject() && v.path("min").isNumber() && v.path("max").isNumber()) {
                double min = v.path("min").asDouble(), max = v.path("max").asDouble();
                boolean log = v.path("log").asBoolean(false);
                if (!(min < max) || (log && min <= 0)) {
                    throw err.at(path, path + ": needs min < max" + (log ? " and min > 0 for log" : ""));
                }
                space.put(key, new Dimension(null, min, max, log));
            } else {
                throw err.at(path, path + ": expected a list of values or {min, max[, log]}");
            }
        }
        return new TuneSpec(sweep, kind, candidates, s.path("seed").asLong(0), objective, space, lines);
    }

    /** {@code FILE:LINE: message}, the line being that of the key at fault. */
    private record Errors(Path file, Map<String, Integer> lines) {
        CurationException at(String path, String message) {
            return new CurationException(file + ":" + lines.getOrDefault(path, lines.getOrDefault("search", 1)) + ": " + message);
        }
    }

    /** The line of every mapping key in the file, by its dotted path ({@code search.space.lr}). */
    private static Map<String, Integer> keyLines(Path file) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = new YAMLFactory().createParser(file.toFile())) {
            List<String> path = new ArrayList<>();
            // One entry per open container: the key it sits under (objects), or null (arrays).
            List<Boolean> isObject = new ArrayList<>();
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case START_OBJECT, START_ARRAY -> isObject.add(t == JsonToken.START_OBJECT);
                    case END_OBJECT, END_ARRAY -> {
                        isObject.remove(isObject.size() - 1);
                        popKey(path, isObject);
                    }
                    case FIELD_NAME -> {
                        path.add(p.currentName());
                        lines.putIfAbsent(String.join(".", path), p.currentTokenLocation().getLineNr());
                    }
                    default -> popKey(path, isObject);
                }
            }
        }
        return lines;
    }

    /** After a value inside a mapping, its key is done. */
    private static void popKey(List<String> path, List<Boolean> isObject) {
        if (!isObject.isEmpty() && isObject.get(isObject.size() - 1) && !path.isEmpty()) {
            path.remove(path.size() - 1);
        }
    }
}
