package org.curationlab.train.results;

import org.curationlab.data.CurationException;
import org.curationlab.data.io.AtomicFiles;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The rule for a results file begun by an earlier version of the toolkit, whose header lacks
 * columns added since (docs/reliability.md, "Columns added later"): new columns are only ever
 * appended, so such a header is a prefix of today's. Before a writer appends to it, the file is
 * widened whole (one atomic replace): the header gains the new columns and every existing row an
 * empty cell for each, which is what those rows held. Any other header is refused, naming the file.
 * Rows are lines ({@link ResultsCsv}), so widening a row is appending commas to its line; a file
 * saved with a byte-order mark or CRLF line ends is read as {@link ResultsTable#read} reads it and
 * written back plain.
 */
public final class AddedColumns {
    private AddedColumns() {
    }

    /**
     * Makes {@code file}'s header {@code header}: unchanged when it already is, widened when it is a
     * proper prefix of it. The file must hold whole lines (its writer repairs a torn tail first).
     *
     * @return the number of columns added (0 when the header was already today's)
     */
    public static int widen(Path file, List<String> header) {
        try {
            if (headerOf(file).equals(header)) {
                return 0;
            }
            // Only a file to widen is read whole; the rule of ResultsTable#read (BOM, CRLF) applies to it.
            String text = ResultsTable.clean(Files.readString(file, StandardCharsets.UTF_8));
            int end = text.indexOf('\n');
            List<String> existing = ResultsCsv.parseLine(end < 0 ? text : text.substring(0, end));
            if (existing.equals(header)) {
                // Today's columns behind a byte-order mark: the reader reads it as is.
                return 0;
            }
            if (existing.size() >= header.size() || !header.subList(0, existing.size()).equals(existing)) {
                throw new CurationException(file + ": its columns " + existing + " are not " + header
                        + " (nor an earlier version's, a prefix of them)");
            }
            int added = header.size() - existing.size();
            String empties = ",".repeat(added);
            ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 64);
            out.writeBytes(ResultsCsv.line(header).getBytes(StandardCharsets.UTF_8));
            if (end >= 0) {
                for (String row : text.substring(end + 1).split("\n", -1)) {
                    if (!row.isEmpty()) {
                        out.writeBytes((row + empties + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            AtomicFiles.write(file, out.toByteArray());
            return added;
        } catch (IOException e) {
            throw new CurationException(file + ": cannot add the columns " + header + " to it (" + e.getMessage() + ")", e);
        }
    }

    /** The file's first line as cells, read without the rest (an append checks it every time). */
    private static List<String> headerOf(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            return ResultsCsv.parseLine(line == null ? "" : line);
        }
    }
}
