package org.curationlab.harness.tune;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.curationlab.data.CurationException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a tune ({@code best.json}): per group (e.g. {@code method=learnability}) the best
 * candidate's settings, its objective, and every candidate tried. A sweep cell takes the best
 * settings of the group it matches; settings the cell sets itself win.
 */
public record TunedSettings(String tune, String objective, List<Group> groups) {
    public static final String FILE = "best.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A candidate's settings, its objective (mean over seeds) and the seeds it was measured on. */
    public record Candidate(Map<String, String> settings, double objective, int seeds) {
    }

    public record Group(Map<String, String> group, Map<String, String> best, double objective, List<Candidate> candidates) {
    }

    /** The settings with the matching group's best values added. */
    public Map<String, String> apply(Map<String, String> settings, Path spec) {
        for (Group g : groups) {
            boolean match = g.group().entrySet().stream().allMatch(e -> e.getValue().equals(settings.get(e.getKey())));
            if (match) {
                Map<String, String> out = new LinkedHashMap<>(settings);
                g.best().forEach(out::putIfAbsent);
                return out;
            }
        }
        throw new CurationException(spec + ": tuned: no group of the tune '" + tune + "' matches the cell " + settings
                + "; tuned groups are " + groups.stream().map(Group::group).toList());
    }

    public void write(Path file) {
        try {
            org.curationlab.data.io.AtomicFiles.write(file, JSON.writeValueAsBytes(this));
        } catch (IOException e) {
            throw new CurationException(file + ": cannot be written (" + e.getMessage() + ")", e);
        }
    }

    public static TunedSettings read(Path file) {
        try {
            return JSON.readValue(file.toFile(), TunedSettings.class);
        } catch (IOException e) {
            throw new CurationException(file + ": not the best.json of a `curate tune` run ("
                    + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }
}
