package org.curationlab.cli;

import org.curationlab.data.CurationException;
import org.curationlab.harness.summary.FinalRows;
import org.curationlab.harness.sweep.SweepResults;
import org.curationlab.train.results.ResultRow;
import org.curationlab.train.results.ResultsTable;
import org.curationlab.train.Trainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --run GROUP=DIR} arguments of {@code fit} and {@code plot}: each names a run folder
 * and the group (legend label) it belongs to; a group named again collects its other seeds.
 */
final class RunFolders {
    private RunFolders() {
    }

    /** Group → the eval.csv rows of each of its run folders, in the order given. */
    static Map<String, List<List<ResultRow>>> read(List<String> specs) {
        Map<String, List<List<ResultRow>>> groups = new LinkedHashMap<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            if (eq <= 0) {
                throw new CurationException("--run: '" + spec + "' is not GROUP=DIR");
            }
            String group = spec.substring(0, eq);
            Path csv = Path.of(spec.substring(eq + 1)).resolve(Trainer.EVAL_CSV);
            if (!Files.exists(csv)) {
                throw new CurationException("--run " + group + ": " + csv + " does not exist");
            }
            groups.computeIfAbsent(group, k -> new ArrayList<>()).add(ResultsTable.read(csv).rows());
        }
        return groups;
    }

    /** A sweep's rows grouped by cell (id without its hash), or by the value of {@code by}; each member is one cell's rows. */
    static Map<String, List<List<ResultRow>>> sweep(Path sweep, String by) {
        Map<String, List<List<ResultRow>>> groups = new LinkedHashMap<>();
        sweepGroups(sweep, by == null ? List.of() : List.of(by)).forEach((key, members) -> groups.put(String.join(", ", key), members));
        return groups;
    }

    /**
     * A sweep's finished cells grouped by the values of the {@code by} columns (in order of first
     * appearance), or by cell (id without its hash) when there are none; each member is one cell's rows.
     */
    static Map<List<String>, List<List<ResultRow>>> sweepGroups(Path sweep, List<String> by) {
        Path csv = sweep.resolve(SweepResults.FILE);
        ResultsTable table = ResultsTable.read(csv);
        if (table.isEmpty()) {
            throw new CurationException(csv + ": holds no finished cell yet");
        }
        by.forEach(b -> table.require(b, "--by"));
        Map<List<String>, Map<String, List<ResultRow>>> byKey = new LinkedHashMap<>();
        FinalRows.groups(table.rows(), r -> r.text("cell")).forEach((cell, rows) -> {
            List<String> key = by.isEmpty() ? List.of(cell.replaceFirst("_[0-9a-f]+$", "")) : by.stream().map(b -> rows.get(0).get(b)).toList();
            byKey.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(cell, rows);
        });
        Map<List<String>, List<List<ResultRow>>> groups = new LinkedHashMap<>();
        byKey.forEach((key, cells) -> groups.put(key, new ArrayList<>(cells.values())));
        return groups;
    }

    /** The eval.csv files the {@code --run GROUP=DIR} arguments name (for the --out guard). */
    static List<Path> files(List<String> specs) {
        List<Path> out = new ArrayList<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            if (eq > 0) {
                out.add(Path.of(spec.substring(eq + 1)).resolve(Trainer.EVAL_CSV));
            }
        }
        return out;
    }
}
