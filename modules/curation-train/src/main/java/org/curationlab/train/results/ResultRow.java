package org.curationlab.train.results;

import org.curationlab.data.CurationException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a results table: column → text, in the table's column order, with where it came from
 * ({@code FILE line N}) so that a missing column or a value that is not a number is reported once,
 * naming the file, the line, the column and the value. Immutable; {@link #with} makes a copy.
 */
public final class ResultRow {
    private final String where;
    private final Map<String, String> values;

    ResultRow(String where, Map<String, String> values) {
        this.where = where;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A row made in memory; {@code where} says what it is in messages (e.g. "cell X row 3"). */
    public static ResultRow of(String where, Map<String, String> values) {
        return new ResultRow(where, values);
    }

    /** Where the row came from: {@code FILE line N}, or what made it. */
    public String where() {
        return where;
    }

    /** The row as column → text, in column order. */
    public Map<String, String> values() {
        return values;
    }

    public boolean has(String column) {
        return values.containsKey(column);
    }

    /** The column's text, or null when the table has no such column. */
    public String get(String column) {
        return values.get(column);
    }

    /** The column's text; an error naming the row when the table has no such column. */
    public String text(String column) {
        String v = values.get(column);
        if (v == null) {
            throw new CurationException(where + ": no column '" + column + "'; columns are " + values.keySet());
        }
        return v;
    }

    /** The column's value as a number; an error naming the row, the column and the value when it is empty or not one. */
    public double number(String column) {
        String v = text(column).trim();
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new CurationException(where + ": column '" + column + "' holds '" + v + "'; expected a number", e);
        }
    }

    /** The column's value as a whole number (an iteration, a count); an error as {@link #number} otherwise. */
    public long whole(String column) {
        String v = text(column).trim();
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new CurationException(where + ": column '" + column + "' holds '" + v + "'; expected a whole number", e);
        }
    }

    /** The column's value as a number, NaN when the column is absent, empty or not a number (for plotting what is there). */
    public double numberOrNaN(String column) {
        String v = values.get(column);
        if (v == null || v.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** A copy with one column set (added at the end when new). */
    public ResultRow with(String column, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(column, value);
        return new ResultRow(where, copy);
    }

    @Override
    public String toString() {
        return where + " " + values;
    }
}
