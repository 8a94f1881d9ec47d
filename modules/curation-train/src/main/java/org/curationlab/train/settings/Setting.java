package org.curationlab.train.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.curationlab.data.CurationException;
import org.curationlab.train.RunSpec;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One setting of a run, declared once in {@link RunSchema}: its key (the one spelling, kebab-case, as
 * a user types it: the {@code --key} option, the sweep spec's and run.json's key, the provenance
 * key and the results.csv column), its type, its default, and its help. Values arrive as text (an
 * option, a sweep spec, {@code --set}) or as JSON (run.json); both are read here, so a bad value is
 * reported the same way wherever it was written.
 *
 * @param defaultValue null when the machine that runs the setting decides (every core, the data folder)
 * @param label        the option's parameter label in {@code --help}
 * @param help         the option's description; {@code ${DEFAULT-VALUE}} stands for the default
 * @param candidates   the values {@code --help} lists as {@code ${COMPLETION-CANDIDATES}}, or null
 * @param hidden       left out of {@code --help} (testing only)
 * @param get          the setting's value in a run
 * @param quiet        left out of a run's settings map (run.json, provenance) while at its default: a
 *                     setting only some runs use ({@code --pairs} and its decoding), so the records of
 *                     runs that do not use it read and write back byte for byte
 */
public record Setting<T>(String key, Group group, Class<T> type, T defaultValue, String label, String help,
                         Iterable<String> candidates, boolean hidden, Function<RunSpec, T> get, boolean quiet) {
    /** How a run's settings group into records (RunSpec's fields). */
    public enum Group { DATA, PAIRS, MODEL, TRAINING, EVALUATION, SELECTION, REFERENCE, PRUNING }

    public Setting {
        Objects.requireNonNull(key);
        Objects.requireNonNull(type);
    }

    public Setting(String key, Group group, Class<T> type, T defaultValue, String label, String help,
                   Iterable<String> candidates, boolean hidden, Function<RunSpec, T> get) {
        this(key, group, type, defaultValue, label, help, candidates, hidden, get, false);
    }

    /** The same setting, left out of {@code --help}. */
    public Setting<T> hide() {
        return new Setting<>(key, group, type, defaultValue, label, help, candidates, true, get, quiet);
    }

    /** The same setting, with the values {@code --help} lists. */
    public Setting<T> listing(Iterable<String> values) {
        return new Setting<>(key, group, type, defaultValue, label, help, values, hidden, get, quiet);
    }

    /** The same setting, left out of a run's settings map while at its default ({@link #quiet}). */
    public Setting<T> quietAtDefault() {
        return new Setting<>(key, group, type, defaultValue, label, help, candidates, hidden, get, true);
    }

    /** Whether a run's settings map leaves this setting out: quiet, and {@code value} is its default. */
    public boolean omitted(Object value) {
        return quiet && Objects.equals(value, defaultValue);
    }

    /** A switch: given alone on the command line, true or false elsewhere. */
    public boolean isFlag() {
        return type == Boolean.class;
    }

    /** The default as a user would write it (0, not 0.0), or null when the machine decides. */
    public String defaultText() {
        if (defaultValue instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        return defaultValue == null ? null : String.valueOf(defaultValue);
    }

    public T of(RunSpec run) {
        return get.apply(run);
    }

    /** A value written as text; errors say {@code 'text' is not ...} (the caller names the key). */
    public T parse(String text) {
        if (text == null) {
            return nullValue("null");
        }
        String t = text.trim();
        try {
            Object v;
            if (type == String.class) {
                v = text;
            } else if (type == Integer.class) {
                v = Integer.parseInt(t);
            } else if (type == Long.class) {
                v = Long.parseLong(t);
            } else if (type == Double.class) {
                v = Double.parseDouble(t);
            } else if (type == Boolean.class) {
                v = switch (t.toLowerCase(Locale.ROOT)) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new NumberFormatException();
                };
            } else {
                throw new IllegalStateException("no text form for " + type);
            }
            return type.cast(v);
        } catch (NumberFormatException e) {
            throw new Invalid("'" + text + "' is not " + kind());
        }
    }

    /** A value as JSON holds it; text is read as {@link #parse} reads it, as Jackson did for run.json. */
    public T fromJson(JsonNode node) {
        if (node == null || node.isNull()) {
            return nullValue("null");
        }
        if (node.isTextual()) {
            return parse(node.textValue());
        }
        boolean ok = type == String.class ? node.isValueNode()
                : type == Integer.class ? node.isIntegralNumber() && node.canConvertToInt()
                : type == Long.class ? node.isIntegralNumber() && node.canConvertToLong()
                : type == Double.class ? node.isNumber()
                : type == Boolean.class && node.isBoolean();
        if (!ok) {
            throw new Invalid(node + " is not " + kind());
        }
        Object v = type == String.class ? node.asText()
                : type == Integer.class ? node.intValue()
                : type == Long.class ? node.longValue()
                : type == Double.class ? node.doubleValue()
                : node.booleanValue();
        return type.cast(v);
    }

    /** The value as run.json writes it. */
    public JsonNode toJson(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        if (value instanceof Integer i) {
            return f.numberNode(i);
        }
        if (value instanceof Long l) {
            return f.numberNode(l);
        }
        if (value instanceof Double d) {
            return f.numberNode(d);
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        return f.textNode(value.toString());
    }

    private T nullValue(String shown) {
        if (defaultValue == null) {
            return null;
        }
        throw new Invalid(shown + " is not " + kind());
    }

    /** What a value of this setting is, in words. */
    public String kind() {
        if (type == Integer.class || type == Long.class) {
            return "a whole number";
        }
        if (type == Double.class) {
            return "a number";
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        return "text";
    }

    /** A value this setting cannot take; the message names the value, the caller adds where it was written. */
    public static final class Invalid extends CurationException {
        public Invalid(String message) {
            super(message);
        }
    }
}
