package org.curationlab.train.results;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The CSV dialect of every results table, through Jackson's CSV module: comma-separated, lines
 * ending in a newline, a cell quoted (RFC 4180) only when it holds a comma or a quote. Newlines
 * inside a cell are written as spaces, so one line is one row — which is what lets a writer append
 * whole rows atomically and a reader drop a torn last line. Numbers are formatted by the writer
 * ({@link #number}), never by the CSV library, so files keep the shape they always had.
 */
public final class ResultsCsv {
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING) // quote only what needs it
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .build();
    private static final CsvSchema SCHEMA = CsvSchema.emptySchema().withLineSeparator("\n");
    private static final ObjectWriter WRITER = MAPPER.writerFor(String[].class).with(SCHEMA);
    private static final ObjectReader READER = MAPPER.readerFor(String[].class).with(SCHEMA);

    private ResultsCsv() {
    }

    /** One row as a line, newline included. */
    public static String line(List<String> cells) {
        String[] clean = new String[cells.size()];
        for (int i = 0; i < clean.length; i++) {
            String c = cells.get(i);
            clean[i] = c == null ? "" : c.replace('\n', ' ').replace('\r', ' ');
        }
        try {
            return WRITER.writeValueAsString(clean);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to a String cannot fail
        }
    }

    /** The cells of one line (without its newline). */
    public static List<String> parseLine(String line) {
        List<List<String>> rows = parse(line + "\n");
        return rows.isEmpty() ? List.of("") : rows.get(0);
    }

    /** The rows of a text of whole lines; an empty line is a row of one empty cell. */
    public static List<List<String>> parse(String text) {
        List<List<String>> out = new ArrayList<>();
        try (MappingIterator<String[]> it = READER.readValues(text)) {
            while (it.hasNextValue()) {
                out.add(new ArrayList<>(Arrays.asList(it.nextValue())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** How a number is written in a results table: six significant digits, "NaN" as such. */
    public static String number(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return Double.isNaN(d) ? "NaN" : String.format(java.util.Locale.ROOT, "%.6g", d);
        }
        if (v instanceof Float f) {
            return String.format(java.util.Locale.ROOT, "%.6g", f);
        }
        return v.toString();
    }
}
