package org.curationlab.harness.multiplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.curationlab.data.CurationException;
import org.curationlab.harness.summary.FinalRows;
import org.curationlab.harness.summary.ReferenceAccuracy;
import org.curationlab.train.Trainer;
import org.curationlab.train.results.ResultRow;
import org.curationlab.train.results.ResultsTable;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where one side of a condition (the baseline or the method) was recorded: either the rows of a
 * results table ({@code runs}, e.g. a sweep's results.csv) that match every {@code where} setting,
 * one seed per value of its {@code seed} column; or run folders ({@code dirs}, each an eval.csv,
 * one seed per folder in name order; a last path component may be a glob such as {@code uniform-s*}).
 *
 * <p>{@code flops} names the column the FLOPs multiplier reads (default {@code flops_total}). A
 * filtering-ratio f = 0 cell trains exactly uniform's batches but also pays for scoring them, so as
 * a uniform baseline it is charged {@code flops_train}, what uniform itself pays.
 *
 * <p>{@code timedAlone} is the spec's {@code timed-alone} (null when it does not say): whether these runs' training
 * time ({@code wall_s}) was measured with the machine to itself; see {@link #timing()}.
 *
 * @param label what this side is in messages, e.g. "multipliers.yaml: condition 'L, 2400': baseline"
 */
public record RunSource(String label, Path runs, List<String> dirs, Map<String, String> where, String flops, Boolean timedAlone) {
    public static final String SEED = "seed";
    public static final String ITERATION = FinalRows.ITERATION;
    public static final String DEFAULT_FLOPS = "flops_total";
    /** Training seconds so far (evaluation excluded, selection and scoring included): the wall-clock axis. */
    public static final String WALL = "wall_s";
    /** What a sweep records beside its results.csv: how many cells it ran at a time. */
    static final String SWEEP_JSON = "sweep.json";

    /** A side the spec says nothing about the timing of. */
    public RunSource(String label, Path runs, List<String> dirs, Map<String, String> where, String flops) {
        this(label, runs, dirs, where, flops, null);
    }

    public RunSource {
        dirs = dirs == null ? List.of() : List.copyOf(dirs);
        where = where == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(where));
        flops = flops == null ? DEFAULT_FLOPS : flops;
        if ((runs == null) == dirs.isEmpty()) {
            throw new CurationException(label + ": give either runs: CSV or dirs: [DIR, ...]");
        }
        if (!dirs.isEmpty() && !where.isEmpty()) {
            throw new CurationException(label + ": where: filters the rows of runs: CSV; run folders (dirs:) are taken whole");
        }
    }

    /**
     * The matching rows grouped by seed, in seed order of first appearance; each row has a "seed" and, when known, a
     * "reference". Every seed must have evaluations past step 0 and end at the same step: a run still in progress
     * would otherwise lower the seed-averaged curve's last point.
     */
    public Map<String, List<ResultRow>> bySeed() {
        Map<String, List<ResultRow>> out = rows();
        Map<String, Double> ends = new LinkedHashMap<>();
        out.forEach((seed, rows) -> {
            ResultRow last = FinalRows.of(rows);
            if (last == null || last.number(ITERATION) <= 0) {
                throw new CurationException(label + ": seed " + seed + " (" + (last == null ? "no rows" : last.where())
                        + ") has no evaluation after step 0");
            }
            ends.put(seed, last.number(ITERATION));
        });
        if (new TreeSet<>(ends.values()).size() > 1) {
            throw new CurationException(label + ": the seeds end at different steps " + ends + "; is one of them still running? "
                    + "A multiplier needs every seed of a side trained to the same budget");
        }
        return out;
    }

    /**
     * Whether this side's wall_s was measured alone: a sweep that ran more than one cell at a time ({@code jobs} in the
     * sweep.json beside its results.csv) was not, and a spec that says it was is contradicted (an error); otherwise the
     * spec's {@code timed-alone}, or unknown when it says nothing (run folders record no concurrency).
     */
    public Timing timing() {
        Integer jobs = runs == null ? null : sweepJobs(runs.toAbsolutePath().getParent().resolve(SWEEP_JSON));
        if (jobs != null && jobs > 1) {
            if (Boolean.TRUE.equals(timedAlone)) {
                throw new CurationException(label + ": timed-alone: true, but " + runs.resolveSibling(SWEEP_JSON) + " records jobs: "
                        + jobs + " (its cells ran " + jobs + " at a time); expected timed-alone: false or no timed-alone");
            }
            return new Timing(Timing.Status.NOT_ALONE, "sweep ran " + jobs + " cells at a time (" + SWEEP_JSON + " jobs: " + jobs + ")");
        }
        if (timedAlone == null) {
            return new Timing(Timing.Status.UNKNOWN, "not recorded");
        }
        return timedAlone ? Timing.alone() : new Timing(Timing.Status.NOT_ALONE, "spec: timed-alone: false");
    }

    /**
     * The thread counts this side's runs trained with, as recorded: a sweep's {@code threads_per_cell} (sweep.json beside
     * its results.csv), or each run folder's provenance.json {@code settings.threads}; empty when nothing records them.
     */
    public Set<Integer> threads() {
        Set<Integer> out = new TreeSet<>();
        if (runs != null) {
            JsonNode t = json(runs.toAbsolutePath().getParent().resolve(SWEEP_JSON), "threads_per_cell");
            if (t != null && t.isIntegralNumber()) {
                out.add(t.asInt());
            }
            return out;
        }
        for (Path dir : folders()) {
            JsonNode settings = json(dir.resolve(Trainer.PROVENANCE), "settings");
            if (settings != null && settings.has("threads") && settings.get("threads").isIntegralNumber()) {
                out.add(settings.get("threads").asInt());
            }
        }
        return out;
    }

    /** One top-level field of a JSON record, or null without the file or the field. */
    private JsonNode json(Path file, String field) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return new ObjectMapper().readTree(file.toFile()).get(field);
        } catch (IOException e) {
            throw new CurationException(label + ": " + file + " is not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    /** The {@code jobs} a sweep.json records, or null without the file or the field. */
    private Integer sweepJobs(Path sweepJson) {
        JsonNode jobs = json(sweepJson, "jobs");
        if (jobs == null) {
            return null;
        }
        if (!jobs.isIntegralNumber() || jobs.asInt() < 1) {
            throw new CurationException(label + ": " + sweepJson + ": jobs holds '" + jobs.asText() + "'; expected a whole number of at least 1");
        }
        return jobs.asInt();
    }

    private Map<String, List<ResultRow>> rows() {
        Map<String, List<ResultRow>> out = new LinkedHashMap<>();
        if (runs != null) {
            if (!Files.isRegularFile(runs)) {
                throw new CurationException(label + ": runs: " + runs + " does not exist");
            }
            ResultsTable table = ResultsTable.read(runs);
            for (String column : where.keySet()) {
                if (!table.has(column)) {
                    throw new CurationException(label + ": where: column '" + column + "' is not in " + runs + " (columns: " + table.columns() + ")");
                }
            }
            if (!table.has(SEED)) {
                throw new CurationException(label + ": " + runs + " has no '" + SEED + "' column to tell its replicates apart");
            }
            for (ResultRow r : table.rows()) {
                if (matches(r)) {
                    out.computeIfAbsent(r.text(SEED), k -> new ArrayList<>()).add(r);
                }
            }
            if (out.isEmpty()) {
                throw new CurationException(label + ": no row of " + runs + " matches where " + where + " (" + valuesOf(table) + ")");
            }
            out.forEach(this::requireOneRunPerSeed);
            return out;
        }
        int seed = 0;
        for (Path dir : folders()) {
            Path csv = dir.resolve(Trainer.EVAL_CSV);
            if (!Files.isRegularFile(csv)) {
                throw new CurationException(label + ": " + csv + " does not exist (a run folder holds " + Trainer.EVAL_CSV + ")");
            }
            String reference = ReferenceAccuracy.namedIn(dir);
            String s = Integer.toString(seed++);
            List<ResultRow> rows = new ArrayList<>();
            for (ResultRow r : ResultsTable.read(csv).rows()) {
                ResultRow withSeed = r.with(SEED, s);
                rows.add(reference == null ? withSeed : withSeed.with("reference", reference));
            }
            out.put(s, rows);
        }
        return out;
    }

    private boolean matches(ResultRow r) {
        for (Map.Entry<String, String> w : where.entrySet()) {
            if (!same(r.get(w.getKey()), w.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Equal as text, or as numbers when both are numbers (so 0 matches 0.0 and 150 matches 150.0). */
    static boolean same(String value, String wanted) {
        if (value == null) {
            return false;
        }
        if (value.trim().equals(wanted.trim())) {
            return true;
        }
        try {
            return Double.parseDouble(value.trim()) == Double.parseDouble(wanted.trim());
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The values each where column holds in the table, to say what would have matched. */
    private String valuesOf(ResultsTable table) {
        List<String> parts = new ArrayList<>();
        for (String column : where.keySet()) {
            TreeSet<String> seen = new TreeSet<>();
            table.rows().forEach(r -> seen.add(r.get(column)));
            parts.add(column + " holds " + seen);
        }
        return String.join("; ", parts);
    }

    /** Two cells of one seed left by a loose where would mix two curves into one replicate. */
    private void requireOneRunPerSeed(String seed, List<ResultRow> rows) {
        TreeSet<String> cells = new TreeSet<>();
        TreeSet<String> iterations = new TreeSet<>();
        boolean repeated = false;
        for (ResultRow r : rows) {
            if (r.has("cell")) {
                cells.add(r.get("cell"));
            }
            repeated |= r.has(ITERATION) && !iterations.add(r.get(ITERATION));
        }
        if (cells.size() > 1 || repeated) {
            throw new CurationException(label + ": seed " + seed + " of " + runs + " matches more than one run "
                    + (cells.isEmpty() ? "" : cells + " ") + "under where " + where + "; add the setting that tells them apart");
        }
    }

    /** The run folders, globs expanded in name order; a folder named twice would count as two seeds, so it is an error. */
    private List<Path> folders() {
        List<Path> out = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        for (String d : dirs) {
            Path p = Path.of(d);
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            if (!name.contains("*") && !name.contains("?") && !name.contains("[")) {
                add(out, seen, p);
                continue;
            }
            Path parent = p.getParent() == null ? Path.of(".") : p.getParent();
            List<Path> found = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(parent, name)) {
                stream.forEach(q -> {
                    if (Files.isDirectory(q)) {
                        found.add(q);
                    }
                });
            } catch (IOException e) {
                throw new CurationException(label + ": dirs: cannot list " + parent + " (" + e.getMessage() + ")", e);
            }
            if (found.isEmpty()) {
                throw new CurationException(label + ": dirs: no folder matches " + p);
            }
            found.sort(null);
            found.forEach(q -> add(out, seen, q));
        }
        return out;
    }

    private void add(List<Path> out, Set<Path> seen, Path dir) {
        if (!seen.add(dir.toAbsolutePath().normalize())) {
            throw new CurationException(label + ": dirs: " + dir + " is named twice; each run folder is one seed");
        }
        out.add(dir);
    }
}
