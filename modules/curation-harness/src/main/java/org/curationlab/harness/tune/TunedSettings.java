package org.curationlab.harness.tune;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.curationlab.data.CurationException;
import org.curationlab.harness.sweep.SweepCell;
import org.curationlab.harness.sweep.SweepGrid;
import org.curationlab.harness.sweep.SweepSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a tune ({@code best.json}): per group (e.g. {@code method=learnability}) the best
 * candidate's settings, its objective, and every candidate tried. A sweep cell takes the best
 * settings of the group it matches; settings the cell sets itself win.
 *
 * <p>The tune package, not the sweep's grid, adds them ({@link #cells}): the sweep package knows
 * only that a spec names a {@code tuned:} file.
 */
public record TunedSettings(String tune, String objective, List<Group> groups) {
    public static final String FILE = "best.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A candidate's settings, its objective (mean over seeds) and the seeds it was measured on. */
    public record Candidate(Map<String, String> settings, double objective, int seeds) {
    }

    public record Group(Map<String, String> group, Map<String, String> best, double objective, List<Candidate> candidates) {
    }

    /**
     * A sweep spec's cells, each with the best settings of its group in the spec's {@code tuned:}
     * file added (the grid's own cells when the spec names none).
     */
    public static List<SweepCell> cells(SweepSpec spec) {
        List<SweepCell> grid = SweepGrid.expand(spec);
        if (spec.tuned() == null) {
            return grid;
        }
        TunedSettings tuned = read(spec.tuned());
        return grid.stream().map(c -> SweepCell.of(tuned.apply(c.settings(), spec.tunedAs(), spec.file(), spec.tuned()), c.axisValues()))
                .toList();
    }

    /**
     * The settings with the matching group's best values added. A group without a best (none of
     * its candidates was measured) is refused: its cells would silently run untuned. {@code as}
     * (the spec's {@code tuned-as}) maps a cell's value to the group it takes its settings from.
     */
    Map<String, String> apply(Map<String, String> settings, Map<String, Map<String, String>> as, Path spec, Path file) {
        Map<String, String> lookup = new LinkedHashMap<>(settings);
        as.forEach((key, values) -> {
            String v = settings.get(key);
            if (v != null && values.containsKey(v)) {
                lookup.put(key, values.get(v));
            }
        });
        for (Group g : groups) {
            boolean match = g.group().entrySet().stream().allMatch(e -> e.getValue().equals(lookup.get(e.getKey())));
            if (match) {
                if (g.best() == null || g.best().isEmpty()) {
                    throw new CurationException(file + ": holds no best settings for the group " + g.group()
                            + " (none of its candidates was measured); finish the tune with `curate tune --resume`");
                }
                Map<String, String> out = new LinkedHashMap<>(settings);
                g.best().forEach(out::putIfAbsent);
                return out;
            }
        }
        throw new CurationException(spec + ": tuned: no group of the tune '" + tune + "' matches the cell " + settings
                + "; tuned groups are " + groups.stream().map(Group::group).toList() + " (tuned-as: maps a value onto one)");
    }

    /** Whether any group has best settings (a tune none of whose cells was measured has none). */
    public boolean found() {
        return groups != null && groups.stream().anyMatch(g -> g.best() != null && !g.best().isEmpty());
    }

    public void write(Path file) {
        try {
            org.curationlab.data.io.AtomicFiles.write(file, JSON.writeValueAsBytes(this));
        } catch (IOException e) {
            throw new CurationException(file + ": cannot be written (" + e.getMessage() + ")", e);
        }
    }

    /** Reads a best.json; one with no best settings at all is refused, naming the file. */
    public static TunedSettings read(Path file) {
        TunedSettings t;
        try {
            t = JSON.readValue(file.toFile(), TunedSettings.class);
        } catch (IOException e) {
            throw new CurationException(file + ": not the best.json of a `curate tune` run ("
                    + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        if (!t.found()) {
            throw new CurationException(file + ": holds no best settings (the tune measured no candidate); "
                    + "rerun `curate tune` and check its results.csv");
        }
        return t;
    }
}
