package org.curationlab.train;

import org.curationlab.data.CurationException;
import org.curationlab.train.results.AddedColumns;
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
import java.util.List;
import java.util.Map;

/**
 * The evaluation rows of a run, as a CSV under its output folder. Each row is written with one
 * append and forced to disk, so a run killed at any moment leaves whole rows only. A last line
 * without its newline is read and kept by the rule of {@link LastLine} (kept when whole, dropped
 * when torn), and the next append first ends or cuts it the same way. A file begun by an earlier
 * version, with fewer columns, is first widened to today's ({@link AddedColumns}).
 */
public final class EvalLog {
    /**
     * The seconds of the training steps spent choosing each step's batch: drawing it, and for JEST
     * gathering and scoring the super-batch and running the selector. Part of {@code wall_s}.
     */
    public static final String SELECT_SECONDS = "select_s";

    /**
     * The columns every run writes, in order; selection runs fill the composition columns. A new
     * column goes at the end, so that an earlier version's header is a prefix ({@link AddedColumns}).
     */
    public static final List<String> COLUMNS = List.of(
            "iteration", ComputeLedger.EXAMPLES, ComputeLedger.TRAIN, ComputeLedger.SCORE_LEARNER,
            ComputeLedger.SCORE_REFERENCE, ComputeLedger.TOTAL,
            "zeroshot_top1", "i2t_r1", "i2t_r5", "t2i_r1", "t2i_r5", "probe_10shot", "wall_s",
            "loss", "learning_rate", "batch_clean", "batch_misaligned", "batch_generic", "batch_corrupted",
            "batch_duplicate", "batch_learnability", SELECT_SECONDS);

    /**
     * The columns that time the run rather than describe what it learned: they differ between two
     * runs of the same settings, so a comparison of rows (a resumed run against an uninterrupted
     * one, two engines) leaves them out. {@code wall_s} is the training steps' seconds (evaluation
     * excluded) and {@link #SELECT_SECONDS} a part of them.
     */
    public static final List<String> TIMING = List.of("wall_s", SELECT_SECONDS);

    private final Path file;

    public EvalLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Appends one row; values are looked up by column name, missing ones are left empty. */
    public void append(Map<String, ?> values) {
        for (String k : values.keySet()) {
            if (!COLUMNS.contains(k)) {
                throw new IllegalArgumentException("unknown eval column " + k);
            }
        }
        List<String> cells = new ArrayList<>(COLUMNS.size());
        for (String c : COLUMNS) {
            cells.add(ResultsCsv.number(values.get(c)));
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            dropTornTail();
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            if (!fresh) {
                AddedColumns.widen(file, COLUMNS);
            }
            String text = (fresh ? ResultsCsv.line(COLUMNS) : "") + ResultsCsv.line(cells);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                ch.force(false);
            }
        } catch (IOException e) {
            throw new CurationException(file + ": cannot append an evaluation row (" + e.getMessage() + ")", e);
        }
    }

    /** The whole rows written so far (none when the file does not exist yet). */
    public ResultsTable table() {
        return ResultsTable.readIfExists(file);
    }

    /** The whole rows written so far, as column → text maps. */
    public List<Map<String, String>> read() {
        return table().maps();
    }

    /** Makes the file what the reader reads (see {@link LastLine}): a kept last line gets its newline, a torn one is cut. */
    private void dropTornTail() throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return;
        }
        LastLine end = LastLine.of(file.toString(), Files.readAllBytes(file));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            if (end.keep() < ch.size()) {
                ch.truncate(end.keep());
            } else if (end.terminate()) {
                ch.write(ByteBuffer.wrap(new byte[]{'\n'}), end.keep());
            }
        }
    }
}
