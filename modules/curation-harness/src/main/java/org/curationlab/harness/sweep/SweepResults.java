package org.curationlab.harness.sweep;

import org.curationlab.data.CurationException;
import org.curationlab.train.results.AddedColumns;
import org.curationlab.train.results.CellBlocks;
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
    /** The file's length after this store's last append (whole blocks under this header); -1 before one or after a failed one. */
    private long appended = -1;

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

    /**
     * Appends a finished cell's rows (column → text) in one forced write. The file is repaired and
     * its header checked on the first append, and again only when its length is no longer what this
     * store's last append left (someone cut or wrote it): each later append writes its block without
     * reading the table again, which a sweep of many cells would otherwise read once per cell. A
     * file begun by an earlier version, whose header lacks evaluation columns added since, is widened
     * to this sweep's header first ({@link AddedColumns}); any other header is refused.
     */
    public synchronized void appendCell(SweepCell cell, List<Map<String, String>> rows) {
        if (rows.isEmpty()) {
            throw new CurationException("cell " + cell.id() + " finished without evaluation rows");
        }
        StringBuilder text = new StringBuilder();
        try {
            long size = Files.exists(file) ? Files.size(file) : 0;
            if (size != appended) {
                appended = -1;
                repair();
                size = Files.exists(file) ? Files.size(file) : 0;
                if (size > 0 && AddedColumns.widen(file, header) > 0) {
                    size = Files.size(file);
                }
            }
            if (size == 0) {
                text.append(ResultsCsv.line(header));
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
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            appended = -1; // unknown until the write is on disk
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            appended = size + bytes.length;
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
     * The length of the file's prefix the reader keeps, less an unfinished last block
     * ({@link CellBlocks#keptByAppender}): the end rule of {@link LastLine}, then the block rule of
     * {@link CellBlocks}, so a repair never cuts a row the reader counts. One more than the file's
     * length when its whole last line still needs its newline.
     */
    static long wholeBlocksLength(byte[] bytes) {
        LastLine tail = LastLine.of(FILE, bytes);
        String text = new String(bytes, 0, tail.keep(), StandardCharsets.UTF_8) + (tail.terminate() ? "\n" : "");
        String[] lines = text.split("\n", -1);
        if (lines.length < 2) {
            return 0;
        }
        ResultsTable table = ResultsTable.parse(FILE, text);
        int kept = CellBlocks.applies(table.columns()) ? CellBlocks.keptByAppender(table.rows()) : table.rows().size();
        long length = 0;
        for (int i = 0; i <= kept; i++) {
            length += lines[i].getBytes(StandardCharsets.UTF_8).length + 1;
        }
        return length;
    }
}
