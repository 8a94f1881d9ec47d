package org.curationlab.train.results;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The one rule for the end of a results table, shared by its reader and its appenders. Rows are
 * written whole, newline included, in one append; so a last line without its newline is either a
 * row whose newline never came (kept when it has as many cells as the header: nothing of it is
 * missing) or a torn write (fewer cells, or an open quote: dropped). An appender first makes the
 * file what the reader reads: it ends a kept line with its newline and cuts a dropped one, so a
 * row the reader counted is never lost by the next append.
 *
 * @param keep      how many bytes of the file the reader keeps
 * @param terminate whether the kept bytes end in a line that still needs its newline
 * @param note      what happened to the last line, for the user (null when it had its newline)
 */
public record LastLine(int keep, boolean terminate, String note) {

    /** The rule applied to a file's bytes; {@code source} names the file in the note. */
    public static LastLine of(String source, byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        if (end == bytes.length) {
            return new LastLine(bytes.length, false, null);
        }
        String last = new String(bytes, end, bytes.length - end, StandardCharsets.UTF_8).replace("\r", "");
        int number = lineCount(bytes, end) + 1;
        if (end == 0) {
            // the header alone, without its newline: a table with no rows, its header still whole
            return new LastLine(bytes.length, true, null);
        }
        String header = firstLine(bytes, end);
        int width = cells(header);
        int have = cells(last);
        if (have == width && !last.isBlank()) {
            return new LastLine(bytes.length, true, source + ": line " + number + " has no newline; kept (a whole row of "
                    + width + " cells)");
        }
        return new LastLine(end, false, source + ": dropped line " + number + ": torn (no newline, "
                + (have < 0 ? "an open quote" : have + " of " + width + " cells") + ")");
    }

    /** Cells in one line, -1 when it does not parse (an open quote: a write cut inside a quoted cell). */
    private static int cells(String line) {
        if (line.chars().filter(c -> c == '"').count() % 2 != 0) {
            return -1;
        }
        try {
            List<String> c = ResultsCsv.parseLine(line);
            return c.size();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static String firstLine(byte[] bytes, int end) {
        int i = 0;
        while (i < end && bytes[i] != '\n') {
            i++;
        }
        String h = new String(bytes, 0, i, StandardCharsets.UTF_8).replace("\r", "");
        return h.startsWith("\uFEFF") ? h.substring(1) : h;
    }

    private static int lineCount(byte[] bytes, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) {
            if (bytes[i] == '\n') {
                n++;
            }
        }
        return n;
    }
}
