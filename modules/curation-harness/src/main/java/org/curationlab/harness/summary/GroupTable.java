package org.curationlab.harness.summary;

import org.curationlab.data.CurationException;
import org.curationlab.train.EvalLog;
import org.curationlab.train.results.ResultRow;
import org.curationlab.train.results.ResultsCsv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Final metrics per group: each member (a cell, a run) contributes its final row, and each
 * column is the mean over the group's members with, when there are several, ± their sample
 * standard deviation. A group is named by one value per key column ({@code group} when it is
 * named by one label). Markdown as the README's tables print it, or CSV with the mean and the sd
 * in columns of their own. With a point ({@link RowsAt}), each member contributes its row at that
 * point instead of its final row, and the table says so: a line above the Markdown table, the
 * columns {@code at} and {@code at_value} in CSV.
 *
 * @param keys    the columns naming a group (one or more)
 * @param groups  group (one value per key column) → its members' rows (with a point: each member's one row there)
 * @param columns the metrics reported
 * @param at      the point the members' rows are taken at; null for their final rows
 */
public record GroupTable(List<String> keys, Map<List<String>, List<List<ResultRow>>> groups, List<String> columns, RowsAt at) {

    public GroupTable {
        if (at != null) {
            groups = at.groups(groups);
        }
    }

    /** Each member's final row. */
    public GroupTable(List<String> keys, Map<List<String>, List<List<ResultRow>>> groups, List<String> columns) {
        this(keys, groups, columns, null);
    }

    public String markdown() {
        StringBuilder s = new StringBuilder(at == null ? "" : "At " + at.label() + " (each run interpolated linearly between "
                + "its evaluation rows):\n\n");
        s.append("|");
        keys.forEach(k -> s.append(' ').append(k).append(" |"));
        s.append(" runs | iterations |");
        columns.forEach(c -> s.append(' ').append(c).append(" |"));
        s.append('\n').append("|");
        keys.forEach(k -> s.append(" --- |"));
        s.append(" --- | --- |");
        columns.forEach(c -> s.append(" --- |"));
        s.append('\n');
        groups.forEach((key, members) -> {
            s.append("|");
            key.forEach(v -> s.append(' ').append(v).append(" |"));
            s.append(' ').append(members.size()).append(" | ").append(markdown(values(members, FinalRows.ITERATION))).append(" |");
            for (String c : columns) {
                s.append(' ').append(markdown(values(members, c))).append(" |");
            }
            s.append('\n');
        });
        return s.toString();
    }

    /**
     * One line per group: its key values, runs, the mean final {@code iteration} (named as in the rows, so
     * that a setting called {@code iterations} can be a key), and each column's mean and sd ({@code COL_sd});
     * with a point, {@code at} (its column) and {@code at_value} after the key values.
     */
    public String csv() {
        List<String> header = new ArrayList<>(keys);
        if (at != null) {
            header.addAll(List.of("at", "at_value"));
        }
        header.addAll(List.of("runs", FinalRows.ITERATION));
        columns.forEach(c -> {
            header.add(c);
            header.add(c + "_sd");
        });
        StringBuilder s = new StringBuilder(ResultsCsv.line(header));
        groups.forEach((key, members) -> {
            List<String> line = new ArrayList<>(key);
            if (at != null) {
                line.addAll(List.of(at.column(), at.text()));
            }
            line.add(Integer.toString(members.size()));
            List<Double> it = values(members, FinalRows.ITERATION);
            line.add(it.isEmpty() ? "" : number(MeanSd.of(it).mean()));
            for (String c : columns) {
                List<Double> v = values(members, c);
                MeanSd m = MeanSd.of(v);
                line.add(v.isEmpty() ? "" : number(m.mean()));
                line.add(m.hasSpread() ? number(m.sd()) : "");
            }
            s.append(ResultsCsv.line(line));
        });
        return s.toString();
    }

    /**
     * A column's finite values in the members' final rows; an error naming the row when it has no such column,
     * unless the column is one of today's evaluation columns, which a record made before it was added lacks
     * (its value there is unknown: the group shows "-" when no member has it).
     */
    static List<Double> values(List<List<ResultRow>> members, String column) {
        List<Double> v = new ArrayList<>();
        for (List<ResultRow> rows : members) {
            ResultRow last = FinalRows.of(rows);
            if (last == null) {
                continue;
            }
            if (!last.has(column)) {
                if (EvalLog.COLUMNS.contains(column)) {
                    continue;
                }
                throw new CurationException("--columns: " + last.where() + " has no column '" + column + "'; columns are "
                        + last.values().keySet());
            }
            double d = last.get(column).isEmpty() ? Double.NaN : last.number(column);
            if (Double.isFinite(d)) {
                v.add(d);
            }
        }
        return v;
    }

    /** Mean ± sd as the tables print it; "-" when no member has the value. */
    static String markdown(List<Double> v) {
        if (v.isEmpty()) {
            return "-";
        }
        MeanSd s = MeanSd.of(v);
        boolean integral = v.get(0) == Math.rint(v.get(0)) && Math.abs(v.get(0)) < 1e6;
        if (s.sd() == 0 && integral) {
            return String.format(Locale.ROOT, "%.0f", s.mean()); // iterations, counts: the same in every run
        }
        boolean large = Math.abs(s.mean()) >= 1e4;
        String m = large ? String.format(Locale.ROOT, "%.3g", s.mean()) : String.format(Locale.ROOT, "%.3f", s.mean());
        if (!s.hasSpread() || s.sd() == 0) {
            return m;
        }
        return m + " ± " + (large ? String.format(Locale.ROOT, "%.2g", s.sd()) : String.format(Locale.ROOT, "%.3f", s.sd()));
    }

    /** A whole number as such, anything else with six significant digits (as results tables write numbers). */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%.0f", v) : ResultsCsv.number(v);
    }
}
