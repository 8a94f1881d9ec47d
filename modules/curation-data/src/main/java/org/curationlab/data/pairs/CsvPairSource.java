package org.curationlab.data.pairs;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.curationlab.data.CurationException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV or TSV list with a header: one row per pair, an image path (relative to the list's
 * folder, and kept inside it) and a caption; optionally a label. The delimiter is whichever of
 * tab, comma, semicolon or bar the header line holds most of. Quoted cells may hold delimiters,
 * quotes and newlines (Jackson's CSV parser). open_clip's {@code filepath}/{@code title} are the
 * first names tried.
 */
public final class CsvPairSource implements PairSource {
    static final List<String> IMAGE_NAMES = List.of("filepath", "image", "image_path", "path", "file", "filename");
    static final List<String> CAPTION_NAMES = List.of("title", "caption", "text");

    private final Path file;
    private final Path base;
    private final PairsOptions options;
    private Scan scanned;

    CsvPairSource(Path file, PairsOptions options) {
        this.file = file.toAbsolutePath().normalize();
        this.base = this.file.getParent();
        this.options = options;
    }

    @Override
    public String kind() {
        return "csv";
    }

    @Override
    public Path path() {
        return file;
    }

    /** The list itself and every image it names (the images the scan found). */
    @Override
    public String fingerprint() {
        ContentHash h = new ContentHash().file(file.getFileName().toString(), file);
        for (Candidate c : scan().candidates()) {
            Path image = ((ImageRef.OnDisk) c.image()).file();
            h.file(base.relativize(image).toString(), image);
        }
        return h.hex();
    }

    @Override
    public Scan scan() {
        if (scanned == null) {
            scanned = read();
        }
        return scanned;
    }

    private Scan read() {
        String text;
        try {
            // Bytes that are not UTF-8 become U+FFFD here and are refused per caption below.
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (IOException e) {
            throw new CurationException("--pairs: " + file + " cannot be read (" + e.getMessage() + ")", e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        char sep = delimiter(text);
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(sep);
        List<Candidate> out = new ArrayList<>();
        List<Skip> skips = new ArrayList<>();
        Map<String, Integer> firstLineOfKey = new HashMap<>();
        try (MappingIterator<String[]> rows = mapper.readerFor(String[].class).with(schema).readValues(text)) {
            if (!rows.hasNextValue()) {
                throw new CurationException("--pairs: " + file + " is empty (expected a header line)");
            }
            String[] header = rows.nextValue();
            int imageCol = column(header, options.imageColumn(), IMAGE_NAMES, "--image-column");
            int captionCol = column(header, options.captionColumn(), CAPTION_NAMES, "--caption-column");
            int labelCol = options.labelColumn() == null ? -1
                    : column(header, options.labelColumn(), List.of(), "--label-column");
            while (true) {
                int line = rows.getCurrentLocation().getLineNr();
                String[] row;
                try {
                    if (!rows.hasNextValue()) {
                        break;
                    }
                    row = rows.nextValue();
                } catch (RuntimeException e) {
                    throw new CurationException(file + ":" + line + ": not valid CSV (" + firstLine(e.getMessage()) + ")", e);
                }
                String where = file.getFileName() + ":" + line;
                if (row.length == 1 && row[0].isBlank()) {
                    continue;
                }
                int need = Math.max(imageCol, Math.max(captionCol, labelCol)) + 1;
                if (row.length < need) {
                    skips.add(new Skip(where, Skip.Reason.BAD_ROW, row.length + " fields, the header has " + header.length));
                    continue;
                }
                try {
                    String caption = CaptionText.check(row[captionCol], false);
                    String label = null;
                    if (labelCol >= 0) {
                        label = row[labelCol].strip();
                        if (label.isEmpty()) {
                            throw new BadItem(Skip.Reason.BAD_ROW, "empty label");
                        }
                    }
                    String rel = row[imageCol].strip();
                    Path image = resolve(rel);
                    String key = base.relativize(image).toString();
                    Integer first = firstLineOfKey.putIfAbsent(key, line);
                    if (first != null) {
                        throw new BadItem(Skip.Reason.DUPLICATE_KEY, "image '" + rel + "' is also on line " + first);
                    }
                    out.add(new Candidate(key, where + " " + rel, new ImageRef.OnDisk(image), caption, label));
                } catch (BadItem b) {
                    skips.add(b.at(where));
                }
            }
        } catch (IOException e) {
            throw new CurationException("--pairs: " + file + " cannot be parsed as CSV (" + firstLine(e.getMessage()) + ")", e);
        }
        return new Scan(out, skips);
    }

    /** The image path inside the list's folder, existing; symbolic links may not lead out either. */
    private Path resolve(String rel) throws BadItem {
        if (rel.isEmpty()) {
            throw new BadItem(Skip.Reason.MISSING_FILE, "empty image path");
        }
        Path p;
        try {
            p = base.resolve(rel).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new BadItem(Skip.Reason.MISSING_FILE, "'" + rel + "' is not a valid path");
        }
        if (!p.startsWith(base)) {
            throw new BadItem(Skip.Reason.ESCAPES_SOURCE, "'" + rel + "' is outside " + base);
        }
        if (!Files.isRegularFile(p)) {
            throw new BadItem(Skip.Reason.MISSING_FILE, "'" + rel + "' does not exist");
        }
        try {
            if (!p.toRealPath().startsWith(base.toRealPath())) {
                throw new BadItem(Skip.Reason.ESCAPES_SOURCE, "'" + rel + "' links outside " + base);
            }
        } catch (IOException e) {
            throw new BadItem(Skip.Reason.MISSING_FILE, "'" + rel + "' cannot be resolved (" + e.getMessage() + ")");
        }
        return p;
    }

    private int column(String[] header, String wanted, List<String> defaults, String flag) {
        List<String> names = wanted != null ? List.of(wanted) : defaults;
        for (String n : names) {
            for (int i = 0; i < header.length; i++) {
                if (header[i].strip().equalsIgnoreCase(n)) {
                    return i;
                }
            }
        }
        throw new CurationException(file + ": no column " + (wanted != null ? "'" + wanted + "'" : "named any of " + defaults)
                + " in the header (" + String.join(", ", header) + "); name it with " + flag);
    }

    /** Of tab, comma, semicolon and bar, the one the header line holds most of (comma on a tie). */
    static char delimiter(String text) {
        int end = text.indexOf('\n');
        String header = end < 0 ? text : text.substring(0, end);
        char best = ',';
        long bestCount = header.chars().filter(c -> c == ',').count();
        for (char c : new char[]{'\t', ';', '|'}) {
            long n = header.chars().filter(x -> x == c).count();
            if (n > bestCount) {
                best = c;
                bestCount = n;
            }
        }
        return best;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
