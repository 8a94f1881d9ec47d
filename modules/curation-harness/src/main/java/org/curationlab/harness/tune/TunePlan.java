package org.curationlab.harness.tune;

import org.curationlab.harness.summary.FinalRows;
import org.curationlab.harness.summary.MeanSd;
import org.curationlab.harness.sweep.SettingsSpace;
import org.curationlab.train.results.ResultRow;
import org.curationlab.train.results.ResultsTable;
import org.curationlab.harness.sweep.SweepCell;
import org.curationlab.harness.sweep.SweepSpec;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.distribution.LogUniformDistribution;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The cells of a tune (group × candidate × seed) and, from their rows, the best candidate per group. */
public final class TunePlan {
    private TunePlan() {
    }

    /** The candidates Arbiter draws from the search space: seeded, so the same on every run. */
    public static List<Map<String, String>> candidates(TuneSpec t) {
        Map<String, ParameterSpace<?>> leaves = new LinkedHashMap<>();
        t.space().forEach((k, d) -> leaves.put(k, d.discrete() ? new DiscreteParameterSpace<>(d.values())
                : d.log() ? new ContinuousParameterSpace(new LogUniformDistribution(d.min(), d.max()))
                : new ContinuousParameterSpace(d.min(), d.max())));
        SettingsSpace space = new SettingsSpace(leaves);
        CandidateGenerator gen;
        if (t.kind().equals("grid")) {
            gen = new GridSearchCandidateGenerator(space, t.candidates(), GridSearchCandidateGenerator.Mode.Sequential, null);
        } else {
            RandomSearchGenerator r = new RandomSearchGenerator(space, null);
            r.setRngSeed(t.seed());
            gen = r;
        }
        // Distinct candidates only: a random draw of a small discrete space repeats itself.
        LinkedHashSet<Map<String, String>> out = new LinkedHashSet<>();
        int draws = 0;
        while (gen.hasMoreCandidates() && (t.kind().equals("grid") || (out.size() < t.candidates() && draws < 20 * t.candidates()))) {
            Candidate<?> c = gen.getCandidate();
            draws++;
            if (c.getException() != null) {
                throw new IllegalStateException("candidate generation failed", c.getException());
            }
            @SuppressWarnings("unchecked")
            Map<String, String> v = (Map<String, String>) c.getValue();
            out.add(v);
        }
        return new ArrayList<>(out);
    }

    /** The groups: every combination of the spec's axes except the seed. */
    static List<Map<String, String>> groups(SweepSpec s) {
        Map<String, List<SweepSpec.Setting>> axes = new LinkedHashMap<>(s.axes());
        axes.remove("seed");
        return new SweepSpec(s.file(), s.name(), Map.of(), axes).cells().stream().map(SweepCell::axisValues).toList();
    }

    private static List<String> seeds(SweepSpec s) {
        List<SweepSpec.Setting> v = s.axes().get("seed");
        return v == null ? java.util.Collections.singletonList(null) : v.stream().map(SweepSpec.Setting::value).toList();
    }

    /**
     * The sweep the tune's cells run as: the spec with each searched setting added as an axis
     * listing the values its candidates take (at the line of its {@code search.space} key). So
     * results.csv gets a column per searched setting, like a sweep's axes, which is what
     * {@link #best} reads the candidates back from; and a bad candidate value names its line.
     * Its cells are {@link #cells}, not this spec's grid.
     */
    public static SweepSpec asRun(TuneSpec t) {
        Map<String, List<SweepSpec.Setting>> axes = new LinkedHashMap<>(t.sweep().axes());
        List<Map<String, String>> candidates = candidates(t);
        for (String key : t.space().keySet()) {
            int line = t.lineOf("search.space." + key);
            axes.put(key, candidates.stream().map(c -> c.get(key)).distinct().map(v -> new SweepSpec.Setting(v, line)).toList());
        }
        return new SweepSpec(t.sweep().file(), t.sweep().name(), t.sweep().fixed(), axes);
    }

    public static List<SweepCell> cells(TuneSpec t) {
        Map<String, String> fixed = new LinkedHashMap<>();
        t.sweep().fixed().forEach((k, v) -> fixed.put(k, v.value()));
        List<SweepCell> cells = new ArrayList<>();
        List<Map<String, String>> candidates = candidates(t);
        for (Map<String, String> group : groups(t.sweep())) {
            for (Map<String, String> candidate : candidates) {
                for (String seed : seeds(t.sweep())) {
                    Map<String, String> axisValues = new LinkedHashMap<>(group);
                    axisValues.putAll(candidate);
                    if (seed != null) {
                        axisValues.put("seed", seed);
                    }
                    cells.add(SweepCell.of(fixed, axisValues));
                }
            }
        }
        return cells;
    }

    /**
     * The best candidate of each group by the objective's final value, averaged over seeds. The
     * table must have a column per searched setting and the objective's column (a tune's
     * results.csv written by the runner with {@link #asRun}); a group none of whose candidates was
     * measured gets an empty best.
     */
    public static TunedSettings best(TuneSpec t, ResultsTable table) {
        if (!table.isEmpty()) {
            for (String key : t.space().keySet()) {
                table.require(key, "curate tune (a tune folder begun by an older curate has no column per searched setting;"
                        + " start the tune again with another --out)");
            }
            table.require(t.objective(), "search.objective");
        }
        List<ResultRow> rows = table.rows();
        List<TunedSettings.Group> out = new ArrayList<>();
        List<Map<String, String>> candidates = candidates(t);
        for (Map<String, String> group : groups(t.sweep())) {
            List<TunedSettings.Candidate> tried = new ArrayList<>();
            for (Map<String, String> candidate : candidates) {
                List<ResultRow> measured = rows.stream().filter(r -> matches(r, group) && matches(r, candidate))
                        .filter(r -> r.get(t.objective()) != null && !r.get(t.objective()).isEmpty()).toList();
                Map<String, ResultRow> last = new TreeMap<>(FinalRows.byKey(measured, r -> r.values().getOrDefault("seed", "")));
                if (!last.isEmpty()) {
                    double mean = MeanSd.of(last.values().stream().map(r -> r.number(t.objective())).toList()).mean();
                    tried.add(new TunedSettings.Candidate(candidate, mean, last.size()));
                }
            }
            TunedSettings.Candidate best = tried.stream().filter(c -> !Double.isNaN(c.objective()))
                    .max(java.util.Comparator.comparingDouble(TunedSettings.Candidate::objective)).orElse(null);
            out.add(new TunedSettings.Group(group, best == null ? Map.of() : best.settings(),
                    best == null ? Double.NaN : best.objective(), tried));
        }
        return new TunedSettings(t.sweep().name(), t.objective(), out);
    }

    private static boolean matches(ResultRow row, Map<String, String> settings) {
        return settings.entrySet().stream().allMatch(e -> e.getValue().equals(row.get(e.getKey())));
    }
}
