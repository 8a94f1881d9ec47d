package org.curationlab.harness.plot;

import org.curationlab.train.results.ResultRow;

import java.util.List;
import java.util.Set;

/**
 * The groups of a sweep's figures: one combination of the group columns (the non-seed axes, or
 * {@code --by}), labelled as a legend shows it ("learnability" with one column, "method=x, f=y"
 * with several, "all" with none).
 */
final class SweepGroups {
    private final List<String> columns;

    SweepGroups(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    /** The row's group label. */
    String label(ResultRow r) {
        if (columns.isEmpty()) {
            return "all";
        }
        StringBuilder sb = new StringBuilder();
        for (String c : columns) {
            sb.append(sb.length() == 0 ? "" : ", ").append(columns.size() == 1 ? "" : c + "=").append(r.get(c));
        }
        return sb.toString();
    }

    /** The row's group without some columns (those a figure puts on its x axis), "all" when none is left. */
    String labelWithout(ResultRow r, Set<String> without) {
        StringBuilder sb = new StringBuilder();
        for (String c : columns) {
            if (!without.contains(c)) {
                sb.append(sb.length() == 0 ? "" : ", ").append(c).append('=').append(r.get(c));
            }
        }
        return sb.length() == 0 ? "all" : sb.toString();
    }

    /** The row's cell: its id, or its group and seed in a table without cell ids. */
    String cell(ResultRow r) {
        return r.has("cell") ? r.get("cell") : label(r) + "/" + r.get("seed");
    }

    /** Whether the rows take more than one value in {@code column}. */
    static boolean varies(List<ResultRow> rows, String column) {
        return rows.get(0).has(column) && rows.stream().map(r -> r.get(column)).distinct().count() > 1;
    }
}
