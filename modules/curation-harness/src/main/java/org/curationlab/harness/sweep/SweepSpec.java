package org.curationlab.harness.sweep;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.curationlab.data.CurationException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A sweep spec ({@code experiments/*.yaml}): a {@code name}, {@code fixed} settings and
 * {@code axes} (lists of values), each setting named by its {@code curate train} long option
 * without dashes. Every key and value keeps the line it was written on, so that an error found
 * later (when a cell's arguments are parsed) can name the file and line to fix.
 */
public record SweepSpec(Path file, String name, Map<String, Setting> fixed, Map<String, List<Setting>> axes, Path tuned,
                        Map<String, Map<String, String>> tunedAs) {
    /** One value as written in the spec, with its 1-based line. */
    public record Setting(String value, int line) {
    }

    /**
     * A name is one path word, since it names the folder {@code runs/<name>}: a letter or digit
     * first (so never {@code .}, {@code ..} or a hidden folder), then letters, digits, '.', '_', '-'.
     */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public SweepSpec {
        fixed = Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
        axes = Collections.unmodifiableMap(new LinkedHashMap<>(axes));
        tunedAs = tunedAs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tunedAs));
    }

    /** A spec whose cells each take the tuned settings of their own group. */
    public SweepSpec(Path file, String name, Map<String, Setting> fixed, Map<String, List<Setting>> axes, Path tuned) {
        this(file, name, fixed, axes, tuned, Map.of());
    }

    /** A spec without tuned settings. */
    public SweepSpec(Path file, String name, Map<String, Setting> fixed, Map<String, List<Setting>> axes) {
        this(file, name, fixed, axes, null, Map.of());
    }

    /**
     * Reads and checks the spec's structure (keys, types); setting values are typed and checked by {@link CellRuns#plan}.
     * Besides name, fixed and axes a spec may name {@code tuned: FILE}, the best.json of a
     * {@code curate tune} run, whose best settings then apply to every cell of the matching group;
     * and {@code tuned-as: {SETTING: {VALUE: TUNED_VALUE}}}, which lets a cell of a group the tune did
     * not search take another group's settings (e.g. {@code method: {hard-learner: learnability}}).
     */
    public static SweepSpec load(Path file) {
        return load(file, false);
    }

    /** With {@code search}, a tune spec's {@code search:} section is allowed (and skipped here). */
    public static SweepSpec load(Path file, boolean search) {
        if (!Files.isRegularFile(file)) {
            throw new CurationException(file + ": no such sweep spec");
        }
        try (JsonParser p = new YAMLFactory().createParser(file.toFile())) {
            return new Reader(file, p, search).spec();
        } catch (CurationException e) {
            throw e;
        } catch (IOException e) {
            throw new CurationException(file + ": not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    /**
     * The cells, in Arbiter's deterministic grid order. A spec naming {@code tuned:} has its cells
     * from the tune package ({@code TunedSettings.cells}), which adds each group's best settings;
     * asking it here is a mistake that would silently run the cells untuned.
     */
    public List<SweepCell> cells() {
        if (tuned != null) {
            throw new IllegalStateException(file + ": a spec with tuned: has its cells from TunedSettings.cells");
        }
        return SweepGrid.expand(this);
    }

    /** The line a cell's setting came from: the axis value's line, or the fixed key's line. */
    public int lineOf(String key, String value) {
        if (axes.containsKey(key)) {
            return axes.get(key).stream().filter(s -> s.value().equals(value)).mapToInt(Setting::line).findFirst().orElse(1);
        }
        Setting s = fixed.get(key);
        return s == null ? 1 : s.line();
    }

    /** The spec as plain maps, for provenance. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        Map<String, String> f = new LinkedHashMap<>();
        fixed.forEach((k, v) -> f.put(k, v.value()));
        m.put("fixed", f);
        Map<String, List<String>> a = new LinkedHashMap<>();
        axes.forEach((k, v) -> a.put(k, v.stream().map(Setting::value).toList()));
        m.put("axes", a);
        if (tuned != null) {
            m.put("tuned", tuned.toString());
        }
        if (!tunedAs.isEmpty()) {
            m.put("tuned-as", tunedAs);
        }
        return m;
    }

    /** A small recursive reader over Jackson's YAML token stream, which keeps each token's line. */
    private static final class Reader {
        private final Path file;
        private final JsonParser p;
        private final boolean search;

        Reader(Path file, JsonParser p, boolean search) {
            this.file = file;
            this.p = p;
            this.search = search;
        }

        int line() {
            return p.currentTokenLocation().getLineNr();
        }

        CurationException error(int line, String message) {
            return new CurationException(file + ":" + line + ": " + message);
        }

        SweepSpec spec() throws IOException {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw error(t == null ? 1 : line(), "a sweep spec is a mapping with name, fixed and axes");
            }
            String name = null;
            int nameLine = 1;
            Map<String, Setting> fixed = new LinkedHashMap<>();
            Map<String, List<Setting>> axes = new LinkedHashMap<>();
            Path tuned = null;
            Map<String, Map<String, String>> tunedAs = new LinkedHashMap<>();
            int tunedAsLine = 0;
            List<String> seen = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int keyLine = line();
                if (seen.contains(key)) {
                    throw error(keyLine, "'" + key + "' appears twice");
                }
                seen.add(key);
                JsonToken v = p.nextToken();
                switch (key) {
                    case "name" -> {
                        if (!v.isScalarValue() || v == JsonToken.VALUE_NULL || !NAME.matcher(p.getText()).matches()) {
                            String given = v.isScalarValue() && v != JsonToken.VALUE_NULL ? "'" + p.getText() + "'" : "no single value";
                            throw error(keyLine, "name: " + given + " must be one path word, a letter or digit followed by letters, "
                                    + "digits, '.', '_' or '-' (it names the folder runs/<name>)");
                        }
                        name = p.getText();
                        nameLine = keyLine;
                    }
                    case "fixed" -> readFixed(v, fixed);
                    case "axes" -> readAxes(v, axes);
                    case "tuned" -> {
                        if (!v.isScalarValue()) {
                            throw error(keyLine, "tuned: must name the best.json of a `curate tune` run");
                        }
                        Path given = Path.of(p.getText());
                        Path resolved = given.isAbsolute() || Files.exists(given) ? given : file.toAbsolutePath().getParent().resolve(given);
                        if (!Files.isRegularFile(resolved)) {
                            throw error(keyLine, "tuned: " + given + " does not exist (run `curate tune` first)");
                        }
                        tuned = resolved;
                    }
                    case "tuned-as" -> {
                        tunedAsLine = keyLine;
                        readTunedAs(v, tunedAs);
                    }
                    case "search" -> {
                        if (!search) {
                            throw error(keyLine, "'search' belongs in a tune spec (curate tune), not a sweep");
                        }
                        p.skipChildren();
                    }
                    default -> throw error(keyLine, "unknown key '" + key + "' (a spec has name, fixed, axes and optionally tuned and tuned-as"
                            + (search ? " and search" : "") + ")");
                }
            }
            if (name == null) {
                throw error(nameLine, "the spec has no name");
            }
            for (Map.Entry<String, List<Setting>> a : axes.entrySet()) {
                if (fixed.containsKey(a.getKey())) {
                    throw error(a.getValue().get(0).line(), "'" + a.getKey() + "' is both fixed (line "
                            + fixed.get(a.getKey()).line() + ") and an axis");
                }
            }
            if (!tunedAs.isEmpty() && tuned == null) {
                throw error(tunedAsLine, "tuned-as: needs tuned: FILE (the best.json whose groups it maps onto)");
            }
            return new SweepSpec(file, name, fixed, axes, tuned, tunedAs);
        }

        private String key(Map<String, ?> into) throws IOException {
            String key = p.currentName();
            if (!KEY.matcher(key).matches()) {
                throw error(line(), "'" + key + "' is not a setting name: use the `curate train` long option without dashes, e.g. filter-ratio");
            }
            if (into.containsKey(key)) {
                throw error(line(), "'" + key + "' appears twice");
            }
            return key;
        }

        private void readFixed(JsonToken start, Map<String, Setting> fixed) throws IOException {
            if (start == JsonToken.VALUE_NULL) {
                return;
            }
            if (start != JsonToken.START_OBJECT) {
                throw error(line(), "fixed: must be a mapping of setting: value");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = key(fixed);
                int keyLine = line();
                JsonToken v = p.nextToken();
                if (!v.isScalarValue() || v == JsonToken.VALUE_NULL) {
                    throw error(keyLine, key + ": a fixed setting takes one value (put lists under axes)");
                }
                fixed.put(key, new Setting(p.getText(), keyLine));
            }
        }

        /** {@code tuned-as: {SETTING: {VALUE: TUNED_VALUE, ...}}}: each a setting, each value a plain value. */
        private void readTunedAs(JsonToken start, Map<String, Map<String, String>> into) throws IOException {
            String form = "tuned-as: must map a setting to {value: tuned value}, e.g. method: {hard-learner: learnability}";
            if (start != JsonToken.START_OBJECT) {
                throw error(line(), form);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = key(into);
                int keyLine = line();
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw error(keyLine, form);
                }
                Map<String, String> values = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String value = p.currentName();
                    int valueLine = line();
                    JsonToken v = p.nextToken();
                    if (!v.isScalarValue() || v == JsonToken.VALUE_NULL) {
                        throw error(valueLine, "tuned-as: " + key + "." + value + ": takes one plain value, the tuned group's");
                    }
                    values.put(value, p.getText());
                }
                into.put(key, values);
            }
        }

        private void readAxes(JsonToken start, Map<String, List<Setting>> axes) throws IOException {
            if (start == JsonToken.VALUE_NULL) {
                return;
            }
            if (start != JsonToken.START_OBJECT) {
                throw error(line(), "axes: must be a mapping of setting: [values]");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = key(axes);
                int keyLine = line();
                if (p.nextToken() != JsonToken.START_ARRAY) {
                    throw error(keyLine, key + ": an axis takes a list of values, e.g. [0, 1, 2]");
                }
                List<Setting> values = new ArrayList<>();
                JsonToken v;
                while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (!v.isScalarValue() || v == JsonToken.VALUE_NULL) {
                        throw error(line(), key + ": axis values must be plain values");
                    }
                    String text = p.getText();
                    if (values.stream().anyMatch(s -> s.value().equals(text))) {
                        throw error(line(), key + ": value '" + text + "' appears twice");
                    }
                    values.add(new Setting(text, line()));
                }
                if (values.isEmpty()) {
                    throw error(keyLine, key + ": an axis needs at least one value");
                }
                axes.put(key, values);
            }
        }
    }
}
