package org.curationlab.harness.summary;

import org.curationlab.data.CurationException;
import org.curationlab.train.results.ResultRow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which rows of a results table a report reads: those whose columns hold the given values
 * ({@code COL=VALUE}, compared as text, all of them), and optionally only each cell's final row
 * ({@link FinalRows}: a Chinchilla point is a run trained to D with its own schedule, not a point
 * midway through a longer cosine). Rows keep their file order; final rows the order in which their
 * cells first appear.
 *
 * @param where     column → the text it must hold
 * @param finalRows whether to keep only each cell's final row (of the rows that match)
 */
public record RowSelection(Map<String, String> where, boolean finalRows) {
    public static final String CELL = "cell";

    public RowSelection {
        where = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(where));
    }

    /** From {@code COL=VALUE} texts, as given to {@code flag}; an error naming the flag for one without '='. */
    public static RowSelection parse(String flag, List<String> specs, boolean finalRows) {
        Map<String, String> where = new LinkedHashMap<>();
        for (String s : specs == null ? List.<String>of() : specs) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new CurationException(flag + ": '" + s + "' is not COL=VALUE (e.g. model=S)");
            }
            String col = s.substring(0, eq).trim();
            if (where.containsKey(col)) {
                throw new CurationException(flag + ": column '" + col + "' is given twice; a row holds one value");
            }
            where.put(col, s.substring(eq + 1).trim());
        }
        return new RowSelection(where, finalRows);
    }

    public boolean selectsAll() {
        return where.isEmpty() && !finalRows;
    }

    /** The rows selected; an error naming the row when a --where column or the cell column is missing. */
    public List<ResultRow> apply(List<ResultRow> rows) {
        List<ResultRow> kept = new ArrayList<>();
        for (ResultRow r : rows) {
            boolean match = true;
            for (Map.Entry<String, String> e : where.entrySet()) {
                match &= r.text(e.getKey()).equals(e.getValue());
            }
            if (match) {
                kept.add(r);
            }
        }
        return finalRows ? new ArrayList<>(FinalRows.byKey(kept, r -> r.text(CELL)).values()) : kept;
    }
}
