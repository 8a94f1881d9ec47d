package org.curationlab.harness.multiplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.curationlab.data.CurationException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A multiplier table's spec ({@code experiments/multipliers.yaml}): bootstrap settings and a list of
 * conditions. A condition names its {@code section} and {@code name}, and its {@code baseline} and
 * {@code other} sides as {@link RunSource}s. Keys written on the condition itself ({@code runs},
 * {@code dirs}, {@code where}, {@code flops}) apply to both sides, a side's own keys win, and
 * {@code each: {COLUMN: [V, ...], ...}} repeats the condition for every combination of values, adding
 * them to the {@code where} of each side read from a table and filling {@code {COLUMN}} in its section
 * and name (a side read from run folders, e.g. a uniform baseline shared by every row, is taken whole;
 * a side's own {@code where} wins over an each-value, as a baseline's {@code filter-ratio: 0} does):
 * <pre>
 * - section: model size and budget
 *   name: "{model}, {iterations} steps"
 *   runs: results/scaling/results.csv
 *   each: {model: [S, M, L], iterations: [150, 600, 2400]}
 *   baseline: {where: {method: uniform}}
 *   other: {where: {method: learnability}}
 * </pre>
 * {@code timed-alone: true|false} (on the condition or a side, the side's own winning) says whether the runs' training
 * time was measured with the machine to itself; a sweep's recorded {@code jobs} above 1 overrules it ({@link RunSource#timing()}).
 */
public record MultiplierSpec(Path file, int resamples, long seed, List<Condition> conditions, String metric) {
    public static final int DEFAULT_RESAMPLES = 1000;
    /**
     * The accuracies a table may measure ({@code metric:}, default zero-shot top-1): your own pairs
     * without class labels have recall only (docs/data.md).
     */
    public static final List<String> METRICS = List.of(ConditionResult.TOP1, "probe_10shot", "i2t_r1", "i2t_r5", "t2i_r1", "t2i_r5");
    private static final Set<String> TOP = Set.of("bootstrap", "conditions", "metric");
    private static final Set<String> CONDITION = Set.of("section", "name", "runs", "dirs", "where", "flops", "timed-alone", "each",
            "baseline", "other");
    private static final Set<String> SIDE = Set.of("runs", "dirs", "where", "flops", "timed-alone");
    private static final String TIMED_ALONE = "timed-alone";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");

    public MultiplierSpec {
        conditions = List.copyOf(conditions);
    }

    /** A spec measuring zero-shot top-1. */
    public MultiplierSpec(Path file, int resamples, long seed, List<Condition> conditions) {
        this(file, resamples, seed, conditions, ConditionResult.TOP1);
    }

    /** The results tables the conditions read ({@code runs:} files), so that an output is never written over one. */
    public List<Path> inputs() {
        List<Path> out = new java.util.ArrayList<>();
        for (Condition c : conditions) {
            for (RunSource side : List.of(c.baseline(), c.other())) {
                if (side.runs() != null) {
                    out.add(side.runs());
                }
            }
        }
        return out;
    }

    public static MultiplierSpec load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CurationException(file + ": no such multiplier spec");
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new CurationException(file + ": not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new CurationException(file + ": a multiplier spec is a mapping with conditions (and optionally bootstrap)");
        }
        onlyKeys(root, TOP, file.toString());
        int resamples = DEFAULT_RESAMPLES;
        long seed = 0;
        JsonNode boot = root.get("bootstrap");
        if (boot != null) {
            onlyKeys(boot, Set.of("resamples", "seed"), file + ": bootstrap");
            if (boot.has("resamples")) {
                resamples = wholeNumber(boot.get("resamples"), file + ": bootstrap: resamples");
                if (resamples < 1) {
                    throw new CurationException(file + ": bootstrap: resamples is " + resamples + "; expected at least 1");
                }
            }
            if (boot.has("seed")) {
                if (!boot.get("seed").isIntegralNumber() || !boot.get("seed").canConvertToLong()) {
                    throw new CurationException(file + ": bootstrap: seed '" + boot.get("seed").asText() + "' is not a whole number");
                }
                seed = boot.get("seed").asLong();
            }
        }
        String metric = ConditionResult.TOP1;
        if (root.has("metric")) {
            metric = root.get("metric").asText();
            if (!METRICS.contains(metric)) {
                throw new CurationException(file + ": metric: '" + metric + "' is not one of " + String.join(", ", METRICS));
            }
        }
        JsonNode list = root.get("conditions");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new CurationException(file + ": conditions: expected a non-empty list of conditions");
        }
        List<Condition> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            for (Condition c : expand(file, i + 1, list.get(i))) {
                if (!names.add(c.section() + "\u0001" + c.name())) {
                    throw new CurationException(file + ": condition " + (i + 1) + ": '" + c.name() + "' appears twice in section '"
                            + c.section() + "'");
                }
                out.add(c);
            }
        }
        return new MultiplierSpec(file, resamples, seed, out, metric);
    }

    private static List<Condition> expand(Path file, int index, JsonNode c) {
        String where = file + ": condition " + index;
        if (!c.isObject()) {
            throw new CurationException(where + ": expected a mapping with section, name, baseline and other");
        }
        onlyKeys(c, CONDITION, where);
        String section = text(c, "section", where);
        String name = text(c, "name", where);
        where = file + ": condition " + index + " ('" + name + "')";
        for (String side : List.of("baseline", "other")) {
            if (!c.has(side) || !c.get(side).isObject()) {
                throw new CurationException(where + ": " + side + ": expected a mapping (runs or dirs, where, flops, timed-alone)");
            }
            onlyKeys(c.get(side), SIDE, where + ": " + side);
        }
        List<Map<String, String>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        if (c.has("each")) {
            JsonNode each = c.get("each");
            if (!each.isObject() || each.isEmpty()) {
                throw new CurationException(where + ": each: expected a mapping of COLUMN: [VALUE, ...]");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = each.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> axis = it.next();
                if (c.has("where") && c.get("where").has(axis.getKey())) {
                    // the shared where would overwrite every each-value: identical rows under different names
                    throw new CurationException(where + ": '" + axis.getKey() + "' is both in each and in the shared where");
                }
                if (!axis.getValue().isArray() || axis.getValue().isEmpty()) {
                    throw new CurationException(where + ": each: " + axis.getKey() + ": expected a non-empty list of values");
                }
                List<Map<String, String>> next = new ArrayList<>();
                for (Map<String, String> partial : combinations) {
                    for (JsonNode v : axis.getValue()) {
                        Map<String, String> m = new LinkedHashMap<>(partial);
                        m.put(axis.getKey(), scalar(v, where + ": each: " + axis.getKey()));
                        next.add(m);
                    }
                }
                combinations = next;
            }
        }
        List<Condition> out = new ArrayList<>();
        for (Map<String, String> combination : combinations) {
            String s = fill(section, combination, where + ": section");
            String n = fill(name, combination, where + ": name");
            String label = file + ": condition '" + n + "'";
            out.add(new Condition(s, n, side(c, "baseline", combination, label), side(c, "other", combination, label)));
        }
        return out;
    }

    /** One side: the condition's shared keys, overridden by the side's own, plus the each-combination in where. */
    private static RunSource side(JsonNode c, String name, Map<String, String> combination, String label) {
        JsonNode own = c.get(name);
        String at = label + ": " + name;
        JsonNode runs = own.has("runs") || own.has("dirs") ? own.get("runs") : c.get("runs");
        JsonNode dirs = own.has("runs") || own.has("dirs") ? own.get("dirs") : c.get("dirs");
        JsonNode flops = own.has("flops") ? own.get("flops") : c.get("flops");
        JsonNode alone = own.has(TIMED_ALONE) ? own.get(TIMED_ALONE) : c.get(TIMED_ALONE);
        if (alone != null && !alone.isBoolean()) {
            throw new CurationException(at + ": " + TIMED_ALONE + ": '" + alone.asText() + "' is not true or false");
        }
        // A side read from run folders is taken whole: each-values and shared where apply to table rows only.
        Map<String, String> where = new LinkedHashMap<>();
        if (runs != null) {
            where.putAll(combination);
            where.putAll(mapping(c.get("where"), at + ": where"));
        }
        where.putAll(mapping(own.get("where"), at + ": where"));
        List<String> dirList = new ArrayList<>();
        if (dirs != null) {
            if (dirs.isArray()) {
                dirs.forEach(d -> dirList.add(scalar(d, at + ": dirs")));
            } else {
                dirList.add(scalar(dirs, at + ": dirs"));
            }
        }
        return new RunSource(at, runs == null ? null : Path.of(scalar(runs, at + ": runs")), dirList, where,
                flops == null ? null : scalar(flops, at + ": flops"), alone == null ? null : alone.booleanValue());
    }

    private static Map<String, String> mapping(JsonNode node, String at) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        if (!node.isObject()) {
            throw new CurationException(at + ": expected a mapping of COLUMN: VALUE");
        }
        node.fields().forEachRemaining(e -> out.put(e.getKey(), scalar(e.getValue(), at + ": " + e.getKey())));
        return out;
    }

    private static String fill(String template, Map<String, String> values, String at) {
        String out = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("{" + e.getKey() + "}", e.getValue());
        }
        Matcher left = PLACEHOLDER.matcher(out);
        if (left.find()) {
            throw new CurationException(at + ": '{" + left.group(1) + "}' names no column of each " + values.keySet());
        }
        return out;
    }

    private static void onlyKeys(JsonNode node, Set<String> allowed, String at) {
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                throw new CurationException(at + ": unknown key '" + k + "'; expected one of " + new TreeSet<>(allowed));
            }
        });
    }

    private static String text(JsonNode node, String key, String at) {
        JsonNode v = node.get(key);
        if (v == null || !v.isValueNode() || v.asText().isBlank()) {
            throw new CurationException(at + ": " + key + ": expected a text");
        }
        return v.asText();
    }

    private static String scalar(JsonNode v, String at) {
        if (v == null || !v.isValueNode() || v.isNull()) {
            throw new CurationException(at + ": expected a single value, got " + (v == null ? "nothing" : v.toString()));
        }
        return v.asText();
    }

    private static int wholeNumber(JsonNode v, String at) {
        if (!v.isIntegralNumber()) {
            throw new CurationException(at + ": '" + v.asText() + "' is not a whole number");
        }
        return v.asInt();
    }
}
