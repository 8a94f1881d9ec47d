package org.curationlab.selection;

import java.util.Locale;
import java.util.Properties;

import org.curationlab.data.CurationException;

/** Parsing of the options records' {@code of(Properties)}, so that bad values are named the same way. */
final class PropertyValues {
    private PropertyValues() {
    }

    static int intValue(Properties p, String key, int fallback) {
        String v = p.getProperty(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new CurationException(key + " = '" + v + "'; expected an integer");
        }
    }

    static boolean booleanValue(Properties p, String key, boolean fallback) {
        String v = p.getProperty(key);
        if (v == null) {
            return fallback;
        }
        String t = v.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("false")) {
            return Boolean.parseBoolean(t);
        }
        throw new CurationException(key + " = '" + v + "'; expected true or false");
    }

    static <E extends Enum<E>> E enumValue(Properties p, String key, Class<E> type, E fallback) {
        String v = p.getProperty(key);
        if (v == null) {
            return fallback;
        }
        String t = v.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(t)) {
                return e;
            }
        }
        throw new CurationException(key + " = '" + v + "'; expected one of "
                + java.util.Arrays.toString(type.getEnumConstants()));
    }
}
