package org.curationlab.harness.sweep;

import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Named Arbiter parameter spaces joined into one: a value is one choice per name, as the text a
 * {@code curate train} option takes (continuous values with four significant digits, so the
 * same draw always gives the same setting and so the same cell id).
 */
public final class SettingsSpace implements ParameterSpace<Map<String, String>> {
    private final Map<String, ParameterSpace<?>> spaces;

    public SettingsSpace(Map<String, ParameterSpace<?>> spaces) {
        this.spaces = new LinkedHashMap<>(spaces);
    }

    @Override
    public Map<String, String> getValue(double[] parameterValues) {
        Map<String, String> v = new LinkedHashMap<>();
        spaces.forEach((k, s) -> {
            Object x = s.getValue(parameterValues);
            v.put(k, x instanceof Double d ? String.format(Locale.ROOT, "%.4g", d).replaceFirst("(\\.\\d*?)0+($|e)", "$1$2").replaceFirst("\\.($|e)", "$1")
                    : String.valueOf(x));
        });
        return v;
    }

    @Override
    public int numParameters() {
        return spaces.values().stream().mapToInt(ParameterSpace::numParameters).sum();
    }

    @Override
    public List<ParameterSpace> collectLeaves() {
        List<ParameterSpace> leaves = new ArrayList<>();
        spaces.values().forEach(s -> leaves.addAll(s.collectLeaves()));
        return leaves;
    }

    @Override
    public Map<String, ParameterSpace> getNestedSpaces() {
        return new LinkedHashMap<>(spaces);
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException("SettingsSpace is not a leaf");
    }
}
