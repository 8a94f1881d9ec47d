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
 * Expands a spec's axes into cells with Arbiter's grid generator (docs/harness.md): one
 * {@link DiscreteParameterSpace} per axis, joined in a {@link SettingsSpace}, walked in Sequential
 * mode so the order is deterministic. {@code curate tune} uses Arbiter's random and grid
 * generators over the same kind of space (the tune package's TunePlan).
 *
 * <p>Axes of one value are held out of Arbiter's grid and put back in place: its generator indexes
 * past the end of a one-value space placed before a larger one. A one-value axis multiplies the
 * grid by one, so the cells and their order are those the grid had without it.
 */
public final class SweepGrid {
    /**
     * Grids above this many cells are refused before expansion: a sweep cell is a training run
     * of minutes, so larger grids are typos (or want {@code curate tune}'s random search), and
     * expanding them alone takes minutes.
     */
    public static final int MAX_CELLS = 10_000;

    private SweepGrid() {
    }

    /** The grid's cells: fixed settings and axis values only (a spec's {@code tuned:} settings are not the grid's). */
    public static List<SweepCell> expand(SweepSpec spec) {
        Map<String, String> fixed = new LinkedHashMap<>();
        spec.fixed().forEach((k, v) -> fixed.put(k, v.value()));
        requireWithinLimit(spec);
        Map<String, ParameterSpace<?>> axes = new LinkedHashMap<>();
        spec.axes().forEach((k, v) -> {
            if (v.size() > 1) {
                axes.put(k, new DiscreteParameterSpace<>(v.stream().map(SweepSpec.Setting::value).toList()));
            }
        });
        if (axes.isEmpty()) {
            return List.of(SweepCell.of(fixed, inAxisOrder(spec, Map.of())));
        }
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
            cells.add(SweepCell.of(fixed, inAxisOrder(spec, values)));
        }
        return cells;
    }

    /** The grid's values with the one-value axes put back, in the spec's axis order. */
    private static Map<String, String> inAxisOrder(SweepSpec spec, Map<String, String> gridValues) {
        Map<String, String> values = new LinkedHashMap<>();
        spec.axes().forEach((k, v) -> values.put(k, v.size() == 1 ? v.get(0).value() : gridValues.get(k)));
        return values;
    }

    private static void requireWithinLimit(SweepSpec spec) {
        long cells = 1;
        for (List<SweepSpec.Setting> values : spec.axes().values()) {
            cells = Math.min(cells * values.size(), Long.MAX_VALUE / 1_000_000);
        }
        if (cells > MAX_CELLS) {
            throw new org.curationlab.data.CurationException(spec.file() + ": the grid has " + cells + " cells ("
                    + String.join(" x ", spec.axes().entrySet().stream().map(e -> e.getValue().size() + " " + e.getKey()).toList())
                    + "), above the limit of " + MAX_CELLS + "; split the sweep, or search it with curate tune");
        }
    }

}
