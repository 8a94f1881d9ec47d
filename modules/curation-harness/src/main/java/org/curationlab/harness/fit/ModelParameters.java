package org.curationlab.harness.fit;

import org.curationlab.models.ImageTowerKind;
import org.curationlab.models.ModelConfig;
import org.curationlab.models.ModelLadder;
import org.curationlab.models.ModelSize;

import java.util.Locale;
import java.util.Map;

/**
 * A results row's model size N in parameters, from its {@code model} (ladder size) and {@code tower}
 * columns at the ladder's defaults: results tables name the model, and a scaling law needs its N.
 */
public final class ModelParameters {
    /** The derived column's name, usable as {@code curate fit --x parameters}. */
    public static final String COLUMN = "parameters";

    private ModelParameters() {
    }

    /** N of the row's model, or null when the row names no ladder model. */
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
