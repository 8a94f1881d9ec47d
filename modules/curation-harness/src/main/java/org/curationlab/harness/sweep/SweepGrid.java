package org.curationlab.harness.sweep;

import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands a spec's axes into cells with Arbiter's grid generator (DESIGN §5): one
 * {@link DiscreteParameterSpace} per axis, joined in a {@link SettingsSpace}, walked in Sequential
 * mode so the order is deterministic. {@code curate tune} uses Arbiter's random and grid
 * generators over the same kind of space (org.curationlab.harness.tune.TunePlan).
 */
public final class SweepGrid {
    private SweepGrid() {
    }

    public static List<SweepCell> expand(SweepSpec spec) {
        List<SweepCell> cells = grid(spec);
        if (spec.tuned() == null) {
            return cells;
        }
        org.curationlab.harness.tune.TunedSettings tuned = org.curationlab.harness.tune.TunedSettings.read(spec.tuned());
        return cells.stream().map(c -> SweepCell.of(tuned.apply(c.settings(), spec.file()), c.axisValues())).toList();
    }

    private static List<SweepCell> grid(SweepSpec spec) {
        Map<String, String> fixed = new LinkedHashMap<>();
        spec.fixed().forEach((k, v) -> fixed.put(k, v.value()));
        if (spec.axes().isEmpty()) {
            return List.of(SweepCell.of(fixed, Map.of()));
        }
        Map<String, ParameterSpace<?>> axes = new LinkedHashMap<>();
        spec.axes().forEach((k, v) -> axes.put(k, new DiscreteParameterSpace<>(v.stream().map(SweepSpec.Setting::value).toList())));
        GridSearchCandidateGenerator gen = new GridSearchCandidateGenerator(new SettingsSpace(axes), 1,
                GridSearchCandidateGenerator.Mode.Sequential, null);
        List<SweepCell> cells = new ArrayList<>();
        while (gen.hasMoreCandidates()) {
            Candidate<?> c = gen.getCandidate();
            if (c.getException() != null) {
                throw new IllegalStateException("grid expansion failed", c.getException());
            }
            @SuppressWarnings("unchecked")
            Map<String, String> values = (Map<String, String>) c.getValue();
            cells.add(SweepCell.of(fixed, values));
        }
        return cells;
    }

}
