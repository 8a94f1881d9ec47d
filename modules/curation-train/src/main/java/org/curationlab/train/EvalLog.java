package org.curationlab.train;

import org.curationlab.data.CurationException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evaluation rows of a run, as a CSV under its output folder. Each row is written with one
 * append and forced to disk, so a run killed at any moment leaves whole rows only; a torn last
 * line (no newline) is dropped on read and overwritten by the next append.
 */
public final class EvalLog {
    /** The columns every run writes, in order; selection runs fill the composition columns. */
    public static final List<String> COLUMNS = List.of(
            "iteration", "examples", "flops_train", "flops_score_learner", "flops_score_reference", "flops_total",
            "zeroshot_top1", "i2t_r1", "i2t_r5", "t2i_r1", "t2i_r5", "probe_10shot", "wall_s",
            "loss", "learning_rate", "batch_clean", "batch_misaligned", "batch_generic", "batch_corrupted",
            "batch_duplicate", "batch_learnability");

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
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < COLUMNS.size(); i++) {
            Object v = values.get(COLUMNS.get(i));
            if (i > 0) {
                line.append(',');
            }
            line.append(format(v));
        }
        line.append('\n');
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            dropTornTail();
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            String text = (fresh ? String.join(",", COLUMNS) + "\n" : "") + line;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                ch.force(false);
            }
        } catch (IOException e) {
            throw new CurationException(file + ": cannot append an evaluation row (" + e.getMessage() + ")", e);
        }
    }

    /** The whole rows written so far, as column → text maps. */
    public List<Map<String, String>> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            String text = Files.readString(file).replace("\r\n", "\n");
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1); // a copy saved by a spreadsheet
            }
            List<Map<String, String>> rows = new ArrayList<>();
            String[] lines = text.split("\n", -1);
            if (lines.length == 0 || lines[0].isEmpty()) {
                return rows;
            }
            String[] header = lines[0].split(",", -1);
            // The last element is "" after a final newline, or a torn line: either way skip it.
            for (int i = 1; i < lines.length - 1; i++) {
                String[] cells = lines[i].split(",", -1);
                if (cells.length != header.length) {
                    throw new CurationException(file + ": line " + (i + 1) + " has " + cells.length + " cells, the header " + header.length);
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int k = 0; k < header.length; k++) {
                    row.put(header[k], cells[k]);
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new CurationException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private void dropTornTail() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        long size = Files.size(file);
        if (size == 0) {
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes[bytes.length - 1] == '\n') {
            return;
        }
        int lastNewline = bytes.length - 1;
        while (lastNewline >= 0 && bytes[lastNewline] != '\n') {
            lastNewline--;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(lastNewline + 1);
        }
    }

    static String format(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return Double.isNaN(d) ? "NaN" : String.format(Locale.ROOT, "%.6g", d);
        }
        if (v instanceof Float f) {
            return String.format(Locale.ROOT, "%.6g", f);
        }
        return v.toString();
    }
}
