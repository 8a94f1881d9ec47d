package org.curationlab.harness.fit;

import com.fasterxml.jackson.databind.JsonNode;
import org.curationlab.data.CurationException;
import org.curationlab.models.ImageTowerKind;
import org.curationlab.models.ModelConfig;
import org.curationlab.models.ModelLadder;
import org.curationlab.models.ModelSize;
import org.curationlab.train.RunProvenance;
import org.curationlab.train.RunSpec;
import org.curationlab.train.Trainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A results row's model size N in parameters: results tables name the model, and a scaling law
 * needs its N.
 *
 * <p>A row of the synthetic world is counted from its {@code model} (ladder size) and {@code tower}
 * columns at the ladder's defaults (1×28×28 images, vocabulary 120, 12 tokens, width 64), as every
 * committed fit was. A row of a run on your own pairs (a non-empty {@code pairs} column) is counted
 * at the run's own shape, since its channels, image side and vocabulary (built from its pool) are
 * its own: the model as the run's {@code provenance.json} records it (its run settings and its
 * tokenizer's vocabulary and caption length), read from the run's folder, a sweep's
 * {@code cells/CELL/} beside its {@code results.csv}.
 */
public final class ModelParameters {
    /** The derived column's name, usable as {@code curate fit --x parameters}. */
    public static final String COLUMN = "parameters";
    /** The column that names a run's own pairs (the run setting {@code pairs}). */
    static final String PAIRS = "pairs";

    /** The sweep's cell folders, or null when the rows' run folders are not known. */
    private final Path cells;
    private final Map<String, Double> byCell = new HashMap<>();

    private ModelParameters(Path cells) {
        this.cells = cells;
    }

    /** Counts the rows of the results table {@code table} (a sweep's results.csv, its cells beside it); null: a table of no sweep. */
    public static ModelParameters forTable(Path table) {
        Path parent = table == null ? null : table.toAbsolutePath().getParent();
        return new ModelParameters(parent == null ? null : parent.resolve("cells"));
    }

    /** Counts the rows of the sweep in {@code dir}. */
    public static ModelParameters forSweep(Path dir) {
        return new ModelParameters(dir.resolve("cells"));
    }

    /**
     * N of the row's model, or null when the row names no ladder model; a row of a run on your
     * pairs whose run folder records no model shape is an error naming the file looked for.
     */
    public Double count(Map<String, String> row) {
        String pairs = row.get(PAIRS);
        if (pairs == null || pairs.isBlank() || of(row) == null) {
            return of(row);
        }
        String cell = row.get("cell");
        if (cells == null || cell == null || cell.isBlank()) {
            throw new CurationException("a row of a run on your pairs (pairs=" + pairs + ") without its run folder: its parameter count "
                    + "is that of its own image shape and vocabulary, recorded in the cell's provenance.json; give a sweep's results.csv "
                    + "with its cells/ folder beside it");
        }
        return byCell.computeIfAbsent(cell, c -> (double) ModelLadder.parameterCount(recorded(cells.resolve(c).resolve(Trainer.PROVENANCE))));
    }

    /** The model a run on your pairs trained, as its provenance records it: its settings at its image shape, its tokenizer's V and L. */
    static ModelConfig recorded(Path provenance) {
        if (!Files.isRegularFile(provenance)) {
            throw new CurationException(provenance + ": not there; a run on your pairs is counted at its own image shape and "
                    + "vocabulary, which its provenance records");
        }
        JsonNode doc;
        try {
            doc = RunProvenance.json().readTree(provenance.toFile());
        } catch (IOException e) {
            throw new CurationException(provenance + ": not a provenance record (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        JsonNode run = doc.path("run");
        JsonNode tokenizer = doc.path("settings").path("tokenizer");
        if (!run.isObject() || !tokenizer.path("vocabulary").isInt() || !tokenizer.path("max-tokens").isInt()) {
            throw new CurationException(provenance + ": records no run settings and tokenizer (run, settings.tokenizer.vocabulary "
                    + "and max-tokens); it is not a train run on your pairs");
        }
        // trainConfig() sizes the image tower to the run's --channels x --image-size, as training did.
        ModelConfig m = RunSpec.fromJson(run.toString(), provenance.toString()).trainConfig().model();
        return m.withShape(m.embedDim(), tokenizer.get("vocabulary").asInt(), tokenizer.get("max-tokens").asInt());
    }

    /** N of the row's model at the ladder's defaults (the synthetic world's runs), or null when the row names no ladder model. */
    public static Double of(Map<String, String> row) {
        String model = row.get("model");
        if (model == null || model.isBlank()) {
            return null;
        }
        try {
            ModelSize size = ModelSize.valueOf(model.trim().toUpperCase(Locale.ROOT));
            String tower = row.get("tower");
            ImageTowerKind kind = tower != null && !tower.isBlank()
                    ? ImageTowerKind.valueOf(tower.trim().toUpperCase(Locale.ROOT)) : ImageTowerKind.CNN;
            return (double) ModelLadder.parameterCount(ModelConfig.defaults(kind, size));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
