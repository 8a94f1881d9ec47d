package org.curationlab.train.results;

import org.curationlab.data.CurationException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A results table: a header and its rows, as a run's {@code eval.csv} or a sweep's
 * {@code results.csv} holds them. {@link #read} is the one reader of result tables (resume,
 * table, compare, plot, fit, multipliers, regress and tune all read through it), with one rule
 * for what is left out, each left-out part named in a note ({@link ResultsNotes}, on stderr):
 * <ul>
 *   <li>a last line without its newline is kept when it has every column, dropped when it has
 *       fewer or an open quote ({@link LastLine}, also applied by the appenders);</li>
 *   <li>in a sweep's table, a cell whose block lacks its last row is dropped ({@link CellBlocks}).</li>
 * </ul>
 * A UTF-8 byte-order mark and CRLF line ends from a spreadsheet are accepted; a column named twice
 * or a line of the wrong width is an error naming the file and the line. Tables made in memory
 * come from {@link #of}.
 *
 * @param notes what the reader left out or kept against the grain, one line each
 */
public record ResultsTable(String source, List<String> columns, List<ResultRow> rows, List<String> notes) {
    public ResultsTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }

    public ResultsTable(String source, List<String> columns, List<ResultRow> rows) {
        this(source, columns, rows, List.of());
    }

    /** The table in a CSV file with a header; an error naming the file when it does not exist. */
    public static ResultsTable read(Path csv) {
        if (!Files.exists(csv)) {
            throw new CurationException(csv + ": does not exist");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(csv);
        } catch (IOException e) {
            throw new CurationException(csv + ": cannot be read (" + e.getMessage() + ")", e);
        }
        String source = csv.toString();
        List<String> notes = new ArrayList<>();
        LastLine end = LastLine.of(source, bytes);
        if (end.note() != null) {
            notes.add(end.note());
        }
        String text = new String(bytes, 0, end.keep(), StandardCharsets.UTF_8) + (end.terminate() ? "\n" : "");
        ResultsTable all = parse(source, clean(text));
        List<ResultRow> rows = CellBlocks.applies(all.columns()) ? CellBlocks.finished(source, all.rows(), notes) : all.rows();
        notes.forEach(ResultsNotes::note);
        return new ResultsTable(source, all.columns(), rows, notes);
    }

    /** The table in a CSV file, or an empty one when the file does not exist yet. */
    public static ResultsTable readIfExists(Path csv) {
        return Files.exists(csv) ? read(csv) : new ResultsTable(csv.toString(), List.of(), List.of());
    }

    /**
     * The table in {@code text} (whole lines, as {@link #read} keeps them); {@code source} names
     * it in messages.
     */
    public static ResultsTable parse(String source, String text) {
        List<List<String>> lines = text.isEmpty() ? List.of() : ResultsCsv.parse(text);
        if (lines.isEmpty() || (lines.get(0).size() == 1 && lines.get(0).get(0).isEmpty())) {
            return new ResultsTable(source, List.of(), List.of());
        }
        List<String> header = lines.get(0);
        for (int k = 0; k < header.size(); k++) {
            int first = header.indexOf(header.get(k));
            if (first != k) {
                throw new CurationException(source + ": column '" + header.get(k) + "' appears twice in the header (columns "
                        + (first + 1) + " and " + (k + 1) + ")");
            }
        }
        List<ResultRow> rows = new ArrayList<>(lines.size() - 1);
        for (int i = 1; i < lines.size(); i++) {
            List<String> cells = lines.get(i);
            if (cells.size() != header.size()) {
                throw new CurationException(source + ": line " + (i + 1) + " has " + cells.size() + " cells, the header " + header.size());
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int k = 0; k < header.size(); k++) {
                row.put(header.get(k), cells.get(k));
            }
            rows.add(new ResultRow(source + " line " + (i + 1), row));
        }
        return new ResultsTable(source, header, rows);
    }

    /** A text without a byte-order mark, with CRLF line ends made LF (as a spreadsheet may save it). */
    static String clean(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return text.replace("\r\n", "\n");
    }

    /** Rows made in memory (e.g. a cell's rows handed back by an engine), each named "{@code source} row N". */
    public static ResultsTable of(String source, List<? extends Map<String, String>> rows) {
        List<ResultRow> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(new ResultRow(source + " row " + (i + 1), rows.get(i)));
        }
        return new ResultsTable(source, rows.isEmpty() ? List.of() : List.copyOf(rows.get(0).keySet()), out);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public boolean has(String column) {
        return columns.contains(column);
    }

    /** An error naming the table and its columns unless it has {@code column}; {@code what} says who asked (a flag). */
    public void require(String column, String what) {
        if (!has(column)) {
            throw new CurationException(what + ": " + source + " has no column '" + column + "'; columns are " + columns);
        }
    }

    /** The rows as column → text maps (what crosses a process boundary). */
    public List<Map<String, String>> maps() {
        return rows.stream().map(ResultRow::values).toList();
    }
}
