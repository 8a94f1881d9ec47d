package org.curationlab.harness.sweep;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What running one cell gave back to the sweep: the child's exit code, and either the cell's
 * evaluation rows (exit 0) or the end of its stderr (a failure, for {@code failed.jsonl}).
 * Serializable because a remote engine returns it from wherever the cell ran.
 */
public record CellResult(int exitCode, List<Map<String, String>> rows, List<String> stderrTail) implements Serializable {
    public CellResult {
        List<Map<String, String>> copy = new ArrayList<>();
        rows.forEach(r -> copy.add(new LinkedHashMap<>(r)));
        rows = copy;
        stderrTail = new ArrayList<>(stderrTail);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** A cell the engine could not run at all (e.g. a Spark task that failed on every try). */
    public static CellResult engineFailure(String message) {
        return new CellResult(-1, List.of(), List.of(message));
    }
}
