package org.curationlab.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.curationlab.data.CurationException;

import org.curationlab.data.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run needs, beside the model, to continue exactly from a checkpoint: the step, the
 * compute ledger, wall time and batch-choosing time so far, and the training statistics of the interval that ends at
 * the checkpoint ({@code loss} and the {@code batch_*} columns of that step's row). Those cannot
 * be recomputed from the weights, so a run killed before the row was appended must find them
 * here to write the very row an uninterrupted run writes.
 *
 * <p>It is saved inside {@code checkpoint.zip}, so one rename commits weights and state together
 * and they can never disagree; {@code state.json} is a readable copy written after it.
 */
record RunState(long step, long examples, double flopsTrain, double flopsScoreLearner, double flopsScoreReference,
                double wallSeconds, double selectSeconds, Map<String, Double> intervalStats) {
    private static final List<String> FIELDS = List.of("step", "wall_s", ComputeLedger.EXAMPLES, ComputeLedger.TRAIN,
            ComputeLedger.SCORE_LEARNER, ComputeLedger.SCORE_REFERENCE);

    RunState {
        intervalStats = intervalStats == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(intervalStats));
    }

    static RunState of(long step, ComputeLedger ledger, double wall, double select, Map<String, Double> intervalStats) {
        return new RunState(step, ledger.examples(), ledger.train(), ledger.scoreLearner(), ledger.scoreReference(), wall, select,
                intervalStats);
    }

    void restoreInto(ComputeLedger ledger) {
        ledger.restore(examples, flopsTrain, flopsScoreLearner, flopsScoreReference);
    }

    byte[] toJson() {
        ObjectNode n = RunProvenance.json().createObjectNode();
        n.put("step", step);
        n.put(ComputeLedger.EXAMPLES, examples);
        n.put(ComputeLedger.TRAIN, flopsTrain);
        n.put(ComputeLedger.SCORE_LEARNER, flopsScoreLearner);
        n.put(ComputeLedger.SCORE_REFERENCE, flopsScoreReference);
        n.put("wall_s", wallSeconds);
        if (Double.isNaN(selectSeconds)) {
            n.putNull(EvalLog.SELECT_SECONDS);
        } else {
            n.put(EvalLog.SELECT_SECONDS, selectSeconds);
        }
        if (intervalStats != null) {
            // NaN (uniform runs have no learnability) is written as null: JSON has no NaN.
            ObjectNode s = n.putObject("interval");
            intervalStats.forEach((k, v) -> {
                if (Double.isNaN(v)) {
                    s.putNull(k);
                } else {
                    s.put(k, v);
                }
            });
        }
        try {
            return RunProvenance.json().writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a state written by {@link #toJson()}; {@code source} names the file in errors. */
    static RunState parse(byte[] json, String source) {
        JsonNode n;
        try {
            n = RunProvenance.json().readTree(json);
        } catch (IOException e) {
            throw new CurationException(source + ": unreadable (" + e.getMessage() + "); the run cannot be resumed", e);
        }
        for (String k : FIELDS) {
            if (n == null || !n.has(k)) {
                throw new CurationException(source + ": field '" + k + "' is missing; the run cannot be resumed");
            }
        }
        Map<String, Double> stats = null;
        if (n.has("interval")) {
            stats = new LinkedHashMap<>();
            for (var it = n.get("interval").fields(); it.hasNext(); ) {
                var e = it.next();
                stats.put(e.getKey(), e.getValue().isNull() ? Double.NaN : e.getValue().asDouble());
            }
        }
        return new RunState(n.get("step").asLong(), n.get(ComputeLedger.EXAMPLES).asLong(), n.get(ComputeLedger.TRAIN).asDouble(),
                n.get(ComputeLedger.SCORE_LEARNER).asDouble(), n.get(ComputeLedger.SCORE_REFERENCE).asDouble(), n.get("wall_s").asDouble(),
                // Absent from the state of a run begun before select_s was recorded: unknown (NaN).
                n.hasNonNull(EvalLog.SELECT_SECONDS) ? n.get(EvalLog.SELECT_SECONDS).asDouble() : Double.NaN, stats);
    }

    static RunState read(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new CurationException(file + ": unreadable (" + e.getMessage() + "); the run cannot be resumed", e);
        }
    }

    /** Replaces {@code file} whole (written aside, forced to disk, renamed). */
    void write(Path file) {
        try {
            AtomicFiles.write(file, toJson());
        } catch (IOException e) {
            throw new CurationException(file + ": cannot be written (" + e.getMessage() + ")", e);
        }
    }
}
