package org.curationlab.cli;

import org.curationlab.data.CurationException;
import org.curationlab.harness.sweep.SweepSpec;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --set KEY=VALUE} and {@code --seed-offset K} for the verbs that run a spec (sweep,
 * regress): run a subset or a variant of a committed spec without copying it, e.g. one seed of a
 * three-seed sweep ({@code --set seed=0}) or fresh seeds ({@code --seed-offset 1000}).
 * Overridden settings keep the line of the key they replace, so validation errors still point into
 * the spec file; the cells as run are recorded in the sweep's {@code sweep.json}.
 */
final class SpecOverrides {
    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a setting of every cell (replaces a fixed value or a whole axis), or make it an axis with "
                    + "KEY=[V1,V2,...] (e.g. --set method=[uniform,hard-learner]); repeatable.")
    List<String> settings = new ArrayList<>();

    @Option(names = "--seed-offset", defaultValue = "0", paramLabel = "K", description = "Add K to every seed of the spec.")
    long seedOffset;

    /** The spec with the --set values and the seed offset applied. */
    SweepSpec apply(SweepSpec s) {
        Map<String, SweepSpec.Setting> fixed = new LinkedHashMap<>(s.fixed());
        Map<String, List<SweepSpec.Setting>> axes = new LinkedHashMap<>(s.axes());
        for (String kv : settings) {
            int eq = kv.indexOf('=');
            if (eq <= 0 || eq == kv.length() - 1) {
                throw new CurationException("--set: '" + kv + "' is not KEY=VALUE (e.g. --set seed=0)");
            }
            String key = kv.substring(0, eq).trim();
            int line = s.lineOf(key, null);
            String value = kv.substring(eq + 1).trim();
            axes.remove(key);
            if (value.startsWith("[") && value.endsWith("]")) {
                fixed.remove(key);
                List<SweepSpec.Setting> values = new ArrayList<>();
                for (String v : value.substring(1, value.length() - 1).split(",")) {
                    if (v.isBlank()) {
                        throw new CurationException("--set: '" + kv + "' has an empty value in its list; expected KEY=[V1,V2,...]");
                    }
                    values.add(new SweepSpec.Setting(v.trim(), line));
                }
                axes.put(key, values);
            } else {
                fixed.put(key, new SweepSpec.Setting(value, line));
            }
        }
        if (seedOffset != 0) {
            if (axes.containsKey("seed")) {
                axes.put("seed", axes.get("seed").stream().map(v -> new SweepSpec.Setting(shift(s, v.value()), v.line())).toList());
            } else if (fixed.containsKey("seed")) {
                SweepSpec.Setting v = fixed.get("seed");
                fixed.put("seed", new SweepSpec.Setting(shift(s, v.value()), v.line()));
            } else {
                fixed.put("seed", new SweepSpec.Setting(Long.toString(seedOffset), 1));
            }
        }
        return new SweepSpec(s.file(), s.name(), fixed, axes, s.tuned(), s.tunedAs());
    }

    private String shift(SweepSpec s, String seed) {
        try {
            return Long.toString(Long.parseLong(seed.trim()) + seedOffset);
        } catch (NumberFormatException e) {
            throw new CurationException(s.file() + ": seed '" + seed + "' is not a whole number, so --seed-offset cannot shift it", e);
        }
    }
}
