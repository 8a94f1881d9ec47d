package org.curationlab.harness.tune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.curationlab.data.CurationException;
import org.curationlab.harness.sweep.SweepSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
 *   objective: zeroshot_top1  # the final value of this column, averaged over seeds, is maximised
 *   space:
 *     lr: {min: 0.0005, max: 0.008, log: true}
 *     warmup: [20, 50, 100]
 * </pre>
 * Space keys are {@code curate train} options, checked like any sweep setting.
 */
public record TuneSpec(SweepSpec sweep, String kind, int candidates, long seed, String objective, Map<String, Dimension> space) {

    /** One searched setting: a list of values, or a range (log-uniform when {@code log}). */
    public record Dimension(List<String> values, double min, double max, boolean log) {
        boolean discrete() {
            return values != null;
        }
    }

    public static TuneSpec load(Path file) {
        SweepSpec sweep = SweepSpec.load(file, true);
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new CurationException(file + ": not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        JsonNode s = root.path("search");
        if (!s.isObject()) {
            throw new CurationException(file + ": search: missing; a tune spec needs search: {kind, candidates, objective, space}");
        }
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!List.of("kind", "candidates", "seed", "objective", "space").contains(k)) {
                throw new CurationException(file + ": search." + k + ": unknown key (search has kind, candidates, seed, objective, space)");
            }
        }
        String kind = s.path("kind").asText("random");
        if (!kind.equals("random") && !kind.equals("grid")) {
            throw new CurationException(file + ": search.kind: '" + kind + "' is not random or grid");
        }
        int candidates = s.path("candidates").asInt(8);
        if (candidates < 1) {
            throw new CurationException(file + ": search.candidates: " + s.path("candidates").asText() + " must be a whole number >= 1");
        }
        String objective = s.path("objective").asText("zeroshot_top1");
        JsonNode sp = s.path("space");
        if (!sp.isObject() || sp.size() == 0) {
            throw new CurationException(file + ": search.space: needs at least one setting, e.g. lr: {min: 0.0005, max: 0.008, log: true}");
        }
        Map<String, Dimension> space = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = sp.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (sweep.fixed().containsKey(key) || sweep.axes().containsKey(key)) {
                throw new CurationException(file + ": search.space." + key + ": also fixed or an axis; a setting is either searched or set");
            }
            JsonNode v = e.getValue();
            if (v.isArray()) {
                List<String> values = new ArrayList<>();
                v.forEach(x -> values.add(x.asText()));
                if (values.isEmpty()) {
                    throw new CurationException(file + ": search.space." + key + ": an empty list");
                }
                space.put(key, new Dimension(values, Double.NaN, Double.NaN, false));
            } else if (v.isObject() && v.path("min").isNumber() && v.path("max").isNumber()) {
                double min = v.path("min").asDouble(), max = v.path("max").asDouble();
                boolean log = v.path("log").asBoolean(false);
                if (!(min < max) || (log && min <= 0)) {
                    throw new CurationException(file + ": search.space." + key + ": needs min < max" + (log ? " and min > 0 for log" : ""));
                }
                space.put(key, new Dimension(null, min, max, log));
            } else {
                throw new CurationException(file + ": search.space." + key + ": expected a list of values or {min, max[, log]}");
            }
        }
        return new TuneSpec(sweep, kind, candidates, s.path("seed").asLong(0), objective, space);
    }
}
