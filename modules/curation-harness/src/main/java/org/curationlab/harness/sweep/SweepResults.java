package org.curationlab.harness.sweep;

import org.curationlab.data.CurationException;
import org.curationlab.train.results.LastLine;
import org.curationlab.train.results.ResultsCsv;
import org.curationlab.train.results.ResultsTable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep's {@code results.csv}: every evaluation row of every finished cell, prefixed with the
 * cell id, the row's position in its cell ({@code cell_row} of {@code cell_rows}) and the cell's
 * settings.
 *
 * <p>Exactly once: a cell's rows go in ONE append, forced to disk, made only by the sweep
 * process (under its lock). A kill can therefore only tear the last block. The reader
 * ({@link ResultsTable#read}) leaves out a torn last line and any cell whose block lacks its last
 * row; {@link #repair} makes the file what the reader reads before each append (ends a whole last
 * line, cuts a torn one and a last block with missing rows), so a cell is either wholly in the file
 * (done, never run again) or not at all (run again on resume).
 */
public final class SweepResults {
    public static final String FILE = "results.csv";
    private static final List<String> PREFIX = List.of("cell", "cell_row", "cell_rows");

    private final Path file;
    private final List<String> header;

    /** @param settingKeys the cells' setting columns; {@code rowColumns} the evaluation columns */
    public SweepResults(Path dir, List<String> settingKeys, List<String> rowColumns) {
        this.file = dir.resolve(FILE);
        List<String> h = new ArrayList<>(PREFIX);
        h.addAll(settingKeys);
        for (String c : rowColumns) {
            if (!h.contains(c)) {
                h.add(c);
            }
        }
        this.header = List.copyOf(h);
    }

    public Path file() {
        return file;
    }

    public List<String> header() {
        return header;
    }

    /** Cuts a torn last line and a last block with missing rows, ends a whole last line with its newline; returns the bytes cut. */
    public long repair() {
        if (!Files.exists(file)) {
            return 0;
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            long keep = wholeBlocksLength(bytes);
            if (keep < bytes.length) {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.truncate(keep);
                    ch.force(true);
                }
            } else if (keep > 0 && bytes[bytes.length - 1] != '\n') {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.write(ByteBuffer.wrap(new byte[]{'\n'}), bytes.length);
                    ch.force(true);
                }
            }
            return Math.max(0, bytes.length - keep);
        } catch (IOException e) {
            throw new CurationException(file + ": cannot be repaired (" + e.getMessage() + ")", e);
        }
    }

    /** Appends a finished cell's rows (column → text) in one forced write. */
    public synchronized void appendCell(SweepCell cell, List<Map<String, String>> rows) {
        if (rows.isEmpty()) {
            throw new CurationException("cell " + cell.id() + " finished without evaluation rows");
        }
        repair();
        StringBuilder text = new StringBuilder();
        try {
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            if (fresh) {
                text.append(ResultsCsv.line(header));
            } else {
                List<String> existing = ResultsCsv.parseLine(Files.readAllLines(file, StandardCharsets.UTF_8).get(0));
                if (!existing.equals(header)) {
                    throw new CurationException(file + ": its columns " + existing + " are not this sweep's " + header);
                }
            }
            for (int i = 0; i < rows.size(); i++) {
                List<String> cells = new ArrayList<>(header.size());
                for (String c : header) {
                    cells.add(switch (c) {
                        case "cell" -> cell.id();
                        case "cell_row" -> Integer.toString(i + 1);
                        case "cell_rows" -> Integer.toString(rows.size());
                        default -> cell.settings().containsKey(c) ? cell.settings().get(c) : rows.get(i).getOrDefault(c, "");
                    });
                }
                text.append(ResultsCsv.line(cells));
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ByteBuffer buf = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
        } catch (IOException e) {
            throw new CurationException(file + ": cannot append the rows of cell " + cell.id() + " (" + e.getMessage() + ")", e);
        }
    }

    /** The rows of finished cells, as the one reader of result tables keeps them (a torn last block is left out). */
    public ResultsTable read() {
        if (!Files.exists(file)) {
            return new ResultsTable(file.toString(), header, List.of());
        }
        return ResultsTable.read(file);
    }

    /** Ids of the cells whose rows are in the file. */
    public Set<String> doneCells() {
        Set<String> done = new LinkedHashSet<>();
        read().rows().forEach(r -> done.add(r.text("cell")));
        return done;
    }

    /**
     * The length of the file's prefix made of the header and whole blocks: lines end in a newline
     * (or are a whole last line, as {@link LastLine} keeps it), and the last block holds as many
     * rows as its {@code cell_rows}.
     */
    static long wholeBlocksLength(byte[] bytes) {
        LastLine tail = LastLine.of(FILE, bytes);
        int end = tail.keep();
        String text = new String(bytes, 0, end, StandardCharsets.UTF_8) + (tail.terminate() ? "\n" : "");
        String[] lines = text.split("\n", -1);
        if (lines.length < 2) {
            return 0;
        }
        List<String> h = ResultsCsv.parseLine(lines[0]);
        int id = h.indexOf("cell");
        int row = h.indexOf("cell_row");
        int of = h.indexOf("cell_rows");
        long length = lines[0].getBytes(StandardCharsets.UTF_8).length + 1;
        long blockStart = length;
        String blockCell = null;
        int expected = 0;
        int seen = 0;
        for (int i = 1; i < lines.length - 1; i++) {
            List<String> cells = ResultsCsv.parseLine(lines[i]);
            if (cells.size() == h.size() && !cells.get(of).matches("[1-9][0-9]*")) {
                return blockStart;
            }
            long lineLength = lines[i].getBytes(StandardCharsets.UTF_8).length + 1;
            if (cells.size() != h.size()) {
                return blockStart;
            }
            if (cells.get(row).equals("1")) {
                if (seen != expected) {
                    return blockStart;
                }
                blockCell = cells.get(id);
                expected = Integer.parseInt(cells.get(of));
                seen = 0;
            } else if (!cells.get(id).equals(blockCell)) {
                return blockStart;
            }
            seen++;
            length += lineLength;
            if (seen == expected) {
                blockStart = length;
            }
        }
        return blockStart;
    }
}
