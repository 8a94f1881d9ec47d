package org.curationlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.curationlab.data.CurationException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A committed {@code curate bench --json} record read back: its named rows, in file order (the
 * environment row included), each a JSON object with the fields {@link BenchResult#asMap} writes.
 */
final class BenchRecord {
    private BenchRecord() {
    }

    /**
     * The rows of {@code file} by name; {@code flag} names the option that gave the file, in errors.
     */
    static Map<String, JsonNode> read(Path file, String flag) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new CurationException(flag + ": cannot read " + file + " (" + e.getMessage() + ")", e);
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode row;
            try {
                row = json.readTree(line);
            } catch (IOException e) {
                throw new CurationException(flag + ": " + file + " line " + lineNo + " is not a JSON object", e);
            }
            if (row.hasNonNull("name")) {
                out.put(row.get("name").asText(), row);
            }
        }
        return out;
    }

    /** A row's number field, NaN when the row lacks it or holds null. */
    static double number(JsonNode row, String field) {
        JsonNode v = row.get(field);
        return v != null && v.isNumber() ? v.asDouble() : Double.NaN;
    }
}
