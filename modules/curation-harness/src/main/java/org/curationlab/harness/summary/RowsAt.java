package org.curationlab.harness.summary;

import org.curationlab.data.CurationException;
import org.curationlab.train.results.ResultRow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each run's row at one point of a column that grows along training, e.g. at the same
 * {@code flops_total} for two towers whose steps cost different FLOPs: runs are then compared at
 * equal compute (or equal steps, or equal time) rather than at their own final rows. Every column
 * is interpolated linearly between the two evaluation rows that bracket the point (a row at the
 * point is taken as it is), and never extrapolated: a run whose rows do not reach the point is an
 * error. A column that is NaN (or not a number) at either bracketing row is NaN at the point.
 *
 * @param column the column that locates the point (numeric, never decreasing along a run's rows)
 * @param value  the point
 * @param text   the point as the user wrote it (for headers and messages)
 */
public record RowsAt(String column, double value, String text) {

    /** {@code COL=VALUE} as given to {@code --at}; an error naming the flag when it is not that. */
    public static RowsAt parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new CurationException("--at: '" + spec + "' is not COL=VALUE (e.g. flops_total=1.5e12)");
        }
        String column = spec.substring(0, eq).strip();
        String text = spec.substring(eq + 1).strip();
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new CurationException("--at " + column + ": '" + text + "' is not a number", e);
        }
        if (!Double.isFinite(v)) {
            throw new CurationException("--at " + column + ": '" + text + "' is not a finite number");
        }
        return new RowsAt(column, v, text);
    }

    /** The point as headers show it, e.g. {@code flops_total = 1.5e12}. */
    public String label() {
        return column + " = " + text;
    }

    /**
     * Each member (a run, a cell) of each group replaced by its one row at the point. A member is
     * named in messages by its cell when its rows have one, else as {@code run 'LABEL' (FILE)}.
     */
    public Map<List<String>, List<List<ResultRow>>> groups(Map<List<String>, List<List<ResultRow>>> groups) {
        Map<List<String>, List<List<ResultRow>>> out = new LinkedHashMap<>();
        groups.forEach((key, members) -> {
            List<List<ResultRow>> at = new ArrayList<>();
            for (List<ResultRow> rows : members) {
                at.add(List.of(row(name(key, rows), rows)));
            }
            out.put(key, at);
        });
        return out;
    }

    /**
     * One run's row at the point. The rows are taken in {@code iteration} order when they have one
     * (a row written again for the same iteration, as after a resume, replaces the earlier one, as
     * for the final row), else in file order.
     *
     * @param run how messages name the run
     */
    public ResultRow row(String run, List<ResultRow> rows) {
        List<ResultRow> ordered = ordered(run, rows);
        double[] x = new double[ordered.size()];
        for (int i = 0; i < x.length; i++) {
            ResultRow r = ordered.get(i);
            if (!r.has(column)) {
                throw new CurationException("--at: " + run + " has no column '" + column + "'; columns are " + r.values().keySet());
            }
            x[i] = r.number(column);
            if (!Double.isFinite(x[i])) {
                throw new CurationException("--at: " + r.where() + ": column '" + column + "' holds '" + r.get(column)
                        + "'; expected a finite number");
            }
            if (i > 0 && x[i] < x[i - 1]) {
                throw new CurationException("--at: " + run + ": '" + column + "' decreases from " + GroupTable.number(x[i - 1])
                        + " to " + GroupTable.number(x[i]) + " (" + r.where() + "); expected a column that never decreases "
                        + "along a run, e.g. iteration, flops_total, wall_s");
            }
        }
        int last = x.length - 1;
        if (value < x[0] || value > x[last]) {
            throw new CurationException("--at " + column + "=" + text + ": " + run + " has " + column + " from "
                    + GroupTable.number(x[0]) + " to " + GroupTable.number(x[last]) + " only; a point outside its rows is "
                    + "not extrapolated");
        }
        for (int i = last; i >= 0; i--) {
            if (x[i] == value) {
                return ordered.get(i); // of rows at the point (a flat stretch), the latest
            }
        }
        int hi = 1;
        while (x[hi] < value) {
            hi++;
        }
        ResultRow a = ordered.get(hi - 1);
        ResultRow b = ordered.get(hi);
        double t = (value - x[hi - 1]) / (x[hi] - x[hi - 1]); // x[hi - 1] < value < x[hi]: no division by 0
        Map<String, String> v = new LinkedHashMap<>();
        for (String c : a.values().keySet()) {
            String ta = a.get(c);
            String tb = b.get(c);
            if (c.equals(column)) {
                v.put(c, Double.toString(value));
            } else if (ta != null && ta.equals(tb)) {
                v.put(c, ta); // settings, text, a metric that did not move: as written
            } else {
                double va = a.numberOrNaN(c);
                double vb = b.numberOrNaN(c);
                v.put(c, Double.isFinite(va) && Double.isFinite(vb) ? Double.toString(va + t * (vb - va)) : "NaN");
            }
        }
        return ResultRow.of(run + " at " + label(), v);
    }

    private static List<ResultRow> ordered(String run, List<ResultRow> rows) {
        if (rows.isEmpty()) {
            throw new CurationException("--at: " + run + " has no evaluation rows");
        }
        return FinalRows.inIterationOrder(rows);
    }

    /** A sweep's cell by its id; a run folder by its label and its eval.csv (its rows say "FILE line N"). */
    static String name(List<String> key, List<ResultRow> rows) {
        if (!rows.isEmpty() && rows.get(0).has("cell")) {
            return "cell " + rows.get(0).get("cell");
        }
        String file = rows.isEmpty() ? "" : " (" + rows.get(0).where().replaceFirst(" (line|row) [0-9]+$", "") + ")";
        return "run '" + String.join(", ", key) + "'" + file;
    }
}
