package org.curationlab.harness.summary;

import org.curationlab.train.results.ResultRow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Rows per group and the final row per cell. "Final" is the row with the highest
 * {@code iteration}; of rows at the same iteration (or in a table without one) the later in the
 * file, which is the later written. Keys keep the order in which they first appear.
 */
public final class FinalRows {
    public static final String ITERATION = "iteration";

    private FinalRows() {
    }

    /** The rows of each key, in file order. */
    public static Map<String, List<ResultRow>> groups(List<ResultRow> rows, Function<ResultRow, String> key) {
        Map<String, List<ResultRow>> out = new LinkedHashMap<>();
        for (ResultRow r : rows) {
            out.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    /** The final row of each key (e.g. of each cell: {@code r -> r.text("cell")}). */
    public static Map<String, ResultRow> byKey(List<ResultRow> rows, Function<ResultRow, String> key) {
        Map<String, ResultRow> out = new LinkedHashMap<>();
        for (ResultRow r : rows) {
            String k = key.apply(r);
            ResultRow cur = out.get(k);
            if (cur == null || iteration(r) >= iteration(cur)) {
                out.put(k, r);
            }
        }
        return out;
    }

    /** The final row of one cell's or one run's rows (null when there are none). */
    public static ResultRow of(List<ResultRow> rows) {
        return rows.isEmpty() ? null : byKey(rows, r -> "").get("");
    }

    /**
     * One run's rows in {@code iteration} order, a row written again for the same iteration (as
     * after a resume) replacing the earlier one, as for the final row; in file order when the
     * table has no {@code iteration}.
     */
    public static List<ResultRow> inIterationOrder(List<ResultRow> rows) {
        if (rows.isEmpty() || !rows.get(0).has(ITERATION)) {
            return rows;
        }
        TreeMap<Double, ResultRow> byIteration = new TreeMap<>();
        rows.forEach(r -> byIteration.put(r.number(ITERATION), r));
        return new ArrayList<>(byIteration.values());
    }

    /** A row's iteration; an error naming the row when it is there but not a number, 0 when the table has none. */
    private static double iteration(ResultRow r) {
        return r.has(ITERATION) ? r.number(ITERATION) : 0;
    }
}
