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
 * {@link DiscreteParameterSpace} per axis, joined in an {@link AxesSpace}, walked in Sequential
 * mode so the order is deterministic. A later {@code tune} verb can swap in Arbiter's random or
 * genetic generators over the same space.
 */
public final class SweepGrid {
    private SweepGrid() {
    }

    public static List<SweepCell> expand(SweepSpec spec) {
        Map<String, String> fixed = new LinkedHashMap<>();
        spec.fixed().forEach((k, v) -> fixed.put(k, v.value()));
        if (spec.axes().isEmpty()) {
            return List.of(SweepCell.of(fixed, Map.of()));
        }
        Map<String, DiscreteParameterSpace<String>> axes = new LinkedHashMap<>();
        spec.axes().forEach((k, v) -> axes.put(k, new DiscreteParameterSpace<>(v.stream().map(SweepSpec.Setting::value).toList())));
        GridSearchCandidateGenerator gen = new GridSearchCandidateGenerator(new AxesSpace(axes), 1,
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

    /** The product of the axes: a value is one choice per axis, keyed by the axis name. */
    static final class AxesSpace implements ParameterSpace<Map<String, String>> {
        private final Map<String, DiscreteParameterSpace<String>> axes;

        AxesSpace(Map<String, DiscreteParameterSpace<String>> axes) {
            this.axes = axes;
        }

        @Override
        public Map<String, String> getValue(double[] parameterValues) {
            Map<String, String> v = new LinkedHashMap<>();
            axes.forEach((k, s) -> v.put(k, s.getValue(parameterValues)));
            return v;
        }

        @Override
        public int numParameters() {
            return axes.size();
        }

        @Override
        public List<ParameterSpace> collectLeaves() {
            return new ArrayList<>(axes.values());
        }

        @Override
        public Map<String, ParameterSpace> getNestedSpaces() {
            return new LinkedHashMap<>(axes);
        }

        @Override
        public boolean isLeaf() {
            return false;
        }

        @Override
        public void setIndices(int... indices) {
            throw new UnsupportedOperationException("AxesSpace is not a leaf");
        }
    }
}
