package org.curationlab.harness.fit;

import org.curationlab.train.results.ResultRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link Observation}s from result rows (column → string, as read from results CSV/JSONL).
 * Rows of the untrained model (an {@code iteration} column equal to 0) are left out: the evaluation
 * before the first step is not a point of a learning curve, and with x = flops_total it would sit at
 * the one-off reference pre-scoring cost and bend the fit. Errors name the row (1-based), the column and the offending value, so a user can fix the sweep
 * file or the command-line flag directly.
 */
public final class ObservationLoader {

    private ObservationLoader() {
    }

    /**
     * One-axis rows.
     *
     * @param xColumn    column holding the scale (compute, samples, parameters)
     * @param yColumn    column holding the error
     * @param byColumn   optional group column (null: all rows form one group)
     * @param seedColumn optional replicate column (null: each row is its own replicate)
     */
    public static List<Observation> load(List<Map<String, String>> rows, String xColumn, String yColumn,
                                         String byColumn, String seedColumn) {
        return load(rows, xColumn, null, yColumn, byColumn, seedColumn);
    }

    /** One-axis rows of a results table (see {@link #load(List, String, String, String, String)}). */
    public static List<Observation> loadRows(List<ResultRow> rows, String xColumn, String yColumn, String byColumn, String seedColumn) {
        return load(rows.stream().map(ResultRow::values).toList(), xColumn, null, yColumn, byColumn, seedColumn);
    }

    /** Two-axis rows for the Chinchilla form: {@code nColumn} (parameters) and {@code dColumn} (data). */
    public static List<Observation> load(List<Map<String, String>> rows, String nColumn, String dColumn,
                                         String yColumn, String byColumn, String seedColumn) {
        requireName(nColumn, "x");
        requireName(yColumn, "y");
        List<Observation> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            if (untrained(row)) {
                continue;
            }
            int rowNumber = i + 1;
            double x = positive(row, nColumn, rowNumber);
            double x2 = dColumn == null ? Double.NaN : positive(row, dColumn, rowNumber);
            double y = positive(row, yColumn, rowNumber);
            String group = byColumn == null ? null : text(row, byColumn, rowNumber);
            String seed = seedColumn == null ? null : text(row, seedColumn, rowNumber);
            out.add(new Observation(x, x2, y, group, seed));
        }
        return out;
    }

    private static boolean untrained(Map<String, String> row) {
        try {
            String it = row.get("iteration");
            return it != null && Double.parseDouble(it.trim()) == 0;
        } catch (NumberFormatException e) {
            return false; // not an evaluation row's iteration: leave it to the checks below
        }
    }

    private static void requireName(String column, String role) {
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException("the " + role + " column name is required");
        }
    }

    private static String text(Map<String, String> row, String column, int rowNumber) {
        String value = row.get(column);
        if (value == null) {
            throw new IllegalArgumentException("row " + rowNumber + ": missing column '" + column
                    + "' (columns present: " + row.keySet() + ")");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException("row " + rowNumber + ": column '" + column + "' is empty");
        }
        return value.trim();
    }

    private static double positive(Map<String, String> row, String column, int rowNumber) {
        String value = text(row, column, rowNumber);
        double parsed;
        try {
            parsed = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("row " + rowNumber + ": column '" + column + "' has value '"
                    + value + "', expected a number", e);
        }
        if (!(parsed > 0) || Double.isInfinite(parsed)) {
            throw new IllegalArgumentException("row " + rowNumber + ": column '" + column + "' has value '"
                    + value + "', expected a finite positive number (fits are in log space)");
        }
        return parsed;
    }
}
