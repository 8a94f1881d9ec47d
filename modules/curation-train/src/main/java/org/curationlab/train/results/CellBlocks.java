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
        for (List<ResultRow> block : blocks(rows)) {
            if (done(block)) {
                kept.addAll(block);
            } else {
                ResultRow first = block.get(0);
                notes.add(source + ": dropped cell " + first.text(CELL) + ": " + block.size() + " of " + first.whole(ROWS)
                        + " rows (unfinished, " + first.where().substring(source.length()).trim() + ")");
            }
        }
        return kept;
    }

    /**
     * How many of the rows, from the first, an appender keeps before its next block: all of them
     * but an unfinished last block (the one kind a kill makes: a write cut short). It cuts nothing
     * that {@link #finished} keeps; an unfinished block further up stays, left out by every reader.
     */
    public static int keptByAppender(List<ResultRow> rows) {
        List<List<ResultRow>> blocks = blocks(rows);
        return blocks.isEmpty() || done(blocks.get(blocks.size() - 1)) ? rows.size()
                : rows.size() - blocks.get(blocks.size() - 1).size();
    }

    /** Consecutive rows of one cell with rising {@code cell_row}, in file order. */
    private static List<List<ResultRow>> blocks(List<ResultRow> rows) {
        List<List<ResultRow>> blocks = new ArrayList<>();
        List<ResultRow> block = new ArrayList<>();
        for (ResultRow r : rows) {
            if (!block.isEmpty()) {
                ResultRow prev = block.get(block.size() - 1);
                if (!r.text(CELL).equals(prev.text(CELL)) || r.whole(ROW) <= prev.whole(ROW)) {
                    blocks.add(block);
                    block = new ArrayList<>();
                }
            }
            block.add(r);
        }
        if (!block.isEmpty()) {
            blocks.add(block);
        }
        return blocks;
    }

    /** A block is finished when it holds its last row. */
    private static boolean done(List<ResultRow> block) {
        return block.stream().anyMatch(r -> r.whole(ROW) == r.whole(ROWS));
    }
}
