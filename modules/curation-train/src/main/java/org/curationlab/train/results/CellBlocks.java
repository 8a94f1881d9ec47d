package org.curationlab.train.results;

import java.util.ArrayList;
import java.util.List;

/**
 * The rule for a sweep's table ({@code cell}, {@code cell_row}, {@code cell_rows} columns): a
 * cell's rows are appended as one block, so a block is finished when it holds its last row
 * ({@code cell_row} equal to {@code cell_rows}). A block without it — a write cut short, or a
 * cell's rows copied before it ended — is left out of every view of finished results, with a
 * note naming the cell and how many of its rows there were. A block is a run of consecutive rows
 * of one cell with rising {@code cell_row}; a table of final rows only (one row per cell, its
 * last) is therefore all finished blocks.
 */
public final class CellBlocks {
    public static final String CELL = "cell";
    public static final String ROW = "cell_row";
    public static final String ROWS = "cell_rows";

    private CellBlocks() {
    }

    /** Whether the table is one of a sweep's (has the three block columns). */
    public static boolean applies(List<String> columns) {
        return columns.contains(CELL) && columns.contains(ROW) && columns.contains(ROWS);
    }

    /** The rows of finished blocks; a note per unfinished one goes to {@code notes}. */
    public static List<ResultRow> finished(String source, List<ResultRow> rows, List<String> notes) {
        List<ResultRow> kept = new ArrayList<>(rows.size());
        List<ResultRow> block = new ArrayList<>();
        for (ResultRow r : rows) {
            if (!block.isEmpty()) {
                ResultRow prev = block.get(block.size() - 1);
                if (!r.text(CELL).equals(prev.text(CELL)) || r.whole(ROW) <= prev.whole(ROW)) {
                    close(source, block, kept, notes);
                }
            }
            block.add(r);
        }
        close(source, block, kept, notes);
        return kept;
    }

    private static void close(String source, List<ResultRow> block, List<ResultRow> kept, List<String> notes) {
        if (block.isEmpty()) {
            return;
        }
        boolean done = block.stream().anyMatch(r -> r.whole(ROW) == r.whole(ROWS));
        if (done) {
            kept.addAll(block);
        } else {
            ResultRow first = block.get(0);
            notes.add(source + ": dropped cell " + first.text(CELL) + ": " + block.size() + " of " + first.whole(ROWS)
                    + " rows (unfinished, " + first.where().substring(source.length()).trim() + ")");
        }
        block.clear();
    }
}
