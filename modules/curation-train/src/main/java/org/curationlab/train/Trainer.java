package org.curationlab.train;

import com.fasterxml.jackson.databind.JsonNode;
import org.curationlab.data.CurationException;
import org.curationlab.data.PairPool;
import org.curationlab.models.TwoTowerModel;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training loop: batches from a {@link BatchSource}, one optimiser step each, an evaluation
 * row every {@code evalEvery} steps (and at steps 0 and the last), a checkpoint with each row.
 *
 * <p>Output folder: {@code eval.csv} (the rows), {@code provenance.json}, {@code checkpoint.zip}
 * and {@code state.json} (step and compute ledger at the checkpoint). The checkpoint is written
 * before its row, so on resume rows past the checkpoint are dropped and a missing row at the
 * checkpoint is re-evaluated: every step has at most one row, and none is lost.
 */
public final class Trainer {
    public static final String EVAL_CSV = "eval.csv";
    public static final String PROVENANCE = "provenance.json";
    public static final String CHECKPOINT = "checkpoint.zip";
    public static final String STATE = "state.json";

    /** What a finished run hands back ({@code model} is null when an already finished run was "resumed"). */
    public record Result(TwoTowerModel model, Metrics last, ComputeLedger ledger, Path out) {
    }

    private final TrainConfig config;
    private final PairPool data;
    private final BatchPolicy batchPolicy;
    private final Evaluator evaluator;
    private final Path out;
    private final ProgressListener progress;
    private double oneOffReferenceFlops;

    public Trainer(TrainConfig config, PairPool data, BatchPolicy batchPolicy, Evaluator evaluator, Path out, ProgressListener progress) {
        this.config = config;
        this.data = data;
        this.batchPolicy = batchPolicy;
        this.evaluator = evaluator;
        this.out = out;
        this.progress = progress;
    }

    /**
     * FLOPs the reference spent on this run's data before training (e.g. embedding the pool to
     * prune it), charged to the ledger's reference column when the run starts.
     */
    public Trainer withOneOffReferenceFlops(double flops) {
        this.oneOffReferenceFlops = flops;
        return this;
    }

    /**
     * Runs to {@code config.iterations()}. A folder that already holds a run is continued when
     * {@code resume}, and refused otherwise (results are never overwritten).
     */
    public Result run(Map<String, Object> settings, boolean resume) {
        // One writer per run folder: a second process (say, a sweep cell's orphan still
        // stopping) would interleave rows and checkpoints with this one.
        Path lockFile = out.resolve(".lock");
        try {
            Files.createDirectories(out);
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(lockFile,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
                java.nio.channels.FileLock lock = null;
                for (int i = 0; i < 60 && lock == null; i++) {
                    lock = ch.tryLock();
                    if (lock == null) {
                        Thread.sleep(500);
                    }
                }
                if (lock == null) {
                    throw new CurationException(out + ": another process is writing this run");
                }
                try {
                    return runLocked(settings, resume);
                } finally {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw new CurationException(out + ": cannot lock the run folder (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CurationException(out + ": interrupted while waiting for another process writing this run");
        }
    }

    private Result runLocked(Map<String, Object> settings, boolean resume) {
        Nd4j.getEnvironment().setMaxThreads(config.threads());
        Nd4j.getEnvironment().setMaxMasterThreads(config.threads());
        EvalLog log = new EvalLog(out.resolve(EVAL_CSV));
        boolean existing = Files.exists(out.resolve(EVAL_CSV)) || Files.exists(out.resolve(STATE));
        if (existing && !resume) {
            throw new CurationException(out + " already holds a run; pass --resume to continue it, or choose another --out");
        }
        TwoTowerModel model;
        ComputeLedger ledger = new ComputeLedger();
        long start = 0;
        double wall = 0;
        if (existing && Files.exists(out.resolve(STATE))) {
            JsonNode state = readState();
            start = state.get("step").asLong();
            wall = state.get("wall_s").asDouble();
            ledger.restore(state.get("examples").asLong(), state.get("flops_train").asDouble(),
                    state.get("flops_score_learner").asDouble(), state.get("flops_score_reference").asDouble());
            if (start >= config.iterations() && hasRow(log, start)) {
                // A finished run: its rows are final, so no checkpoint is needed (results are
                // committed without their checkpoints).
                return new Result(null, lastMetrics(log), ledger, out);
            }
            model = TwoTowerModel.load(out.resolve(CHECKPOINT));
            dropRowsAfter(log, start);
        } else {
            model = TwoTowerModel.create(config.model());
            ledger.addReferenceScoring(oneOffReferenceFlops);
        }
        RunProvenance.write(out.resolve(PROVENANCE), settings, Map.of("data", Map.of(
                "name", data.name(), "pairs", data.size())));

        Encoders encoders = ModelEncoders.of(model);
        BatchSource batches = batchPolicy.bind(model, ledger, start > 0);
        BatchStats trained = new BatchStats();
        Metrics last = null;
        if (!hasRow(log, start)) {
            last = evaluateAndLog(encoders, log, start, ledger, wall, Double.NaN, model.learningRate(), trained, Double.NaN);
        }
        int lowRes = (int) Math.round(config.multiResFraction() * config.batch());
        double trainFlopsPerExample28 = model.trainFlopsPerExample(28);
        double trainFlopsPerExample14 = lowRes > 0 ? model.trainFlopsPerExample(14) : 0;
        long total = config.iterations();
        double loss = Double.NaN;
        for (long step = start; step < total; step++) {
            long t0 = System.nanoTime();
            int[] ids = batches.batch(step);
            trained.add(data, ids);
            loss = trainStep(model, ids, lowRes);
            if (!Double.isFinite(loss)) {
                throw new TrainingDivergedException("training diverged at iteration " + (step + 1) + ": the loss is " + loss
                        + "; the rows written so far are kept in " + log.file()
                        + ". Try a lower learning rate (--lr).");
            }
            ledger.addTraining(ids.length, trainFlopsPerExample28 * (ids.length - lowRes) + trainFlopsPerExample14 * lowRes
                    + 3.0 * model.logitsFlopsPerExample(ids.length) * ids.length);
            double seconds = (System.nanoTime() - t0) / 1e9;
            wall += seconds;
            progress.step(step + 1, total, loss, ids.length / seconds);
            long done = step + 1;
            if (done % config.evalEvery() == 0 || done == total) {
                checkpoint(model, done, ledger, wall);
                last = evaluateAndLog(encoders, log, done, ledger, wall, loss, model.learningRate(), trained,
                        batches.drainMeanLearnability());
                trained.clear();
            }
        }
        if (last == null) {
            last = evaluator.evaluate(encoders);
        }
        return new Result(model, last, ledger, out);
    }

    /**
     * One optimiser step; with multi-resolution training the last {@code lowRes} pairs of the batch
     * are seen at 14×14, so the learner stays a good scorer at the cheap resolution (Flexi-JEST).
     */
    private double trainStep(TwoTowerModel model, int[] ids, int lowRes) {
        if (lowRes == 0) {
            return model.trainStep(data.images(ids), data.tokens(ids));
        }
        int[] high = java.util.Arrays.copyOfRange(ids, 0, ids.length - lowRes);
        int[] low = java.util.Arrays.copyOfRange(ids, ids.length - lowRes, ids.length);
        return model.trainStep(data.images(high), org.curationlab.models.ImageResolution.downsample(data.images(low)), data.tokens(ids));
    }

    private Metrics evaluateAndLog(Encoders encoders, EvalLog log, long step, ComputeLedger ledger, double wall,
                                   double loss, double lr, BatchStats trained, double learnability) {
        Metrics m = evaluator.evaluate(encoders);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("iteration", step);
        row.put("examples", ledger.examples());
        row.put("flops_train", ledger.train());
        row.put("flops_score_learner", ledger.scoreLearner());
        row.put("flops_score_reference", ledger.scoreReference());
        row.put("flops_total", ledger.total());
        m.asMap().forEach(row::put);
        row.put("wall_s", wall);
        row.put("loss", loss);
        row.put("learning_rate", lr);
        for (org.curationlab.data.PairFlag f : org.curationlab.data.PairFlag.values()) {
            row.put("batch_" + f.label(), trained.fraction(f));
        }
        row.put("batch_learnability", learnability);
        log.append(row);
        progress.evaluated(step, m);
        return m;
    }

    private void checkpoint(TwoTowerModel model, long step, ComputeLedger ledger, double wall) {
        try {
            Files.createDirectories(out);
            Path tmp = out.resolve(CHECKPOINT + ".tmp");
            model.save(tmp);
            Files.move(tmp, out.resolve(CHECKPOINT), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("step", step);
            state.put("examples", ledger.examples());
            state.put("flops_train", ledger.train());
            state.put("flops_score_learner", ledger.scoreLearner());
            state.put("flops_score_reference", ledger.scoreReference());
            state.put("wall_s", wall);
            Path stmp = out.resolve(STATE + ".tmp");
            RunProvenance.json().writeValue(stmp.toFile(), state);
            Files.move(stmp, out.resolve(STATE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CurationException(out + ": cannot write the checkpoint (" + e.getMessage() + ")", e);
        }
    }

    private JsonNode readState() {
        Path f = out.resolve(STATE);
        try {
            JsonNode n = RunProvenance.json().readTree(f.toFile());
            for (String k : List.of("step", "wall_s", "examples", "flops_train", "flops_score_learner", "flops_score_reference")) {
                if (n == null || !n.has(k)) {
                    throw new CurationException(f + ": field '" + k + "' is missing; the run cannot be resumed");
                }
            }
            return n;
        } catch (IOException e) {
            throw new CurationException(f + ": unreadable (" + e.getMessage() + "); the run cannot be resumed", e);
        }
    }

    private static Metrics lastMetrics(EvalLog log) {
        List<Map<String, String>> rows = log.read();
        Map<String, String> r = rows.get(rows.size() - 1);
        double[] v = new double[Metrics.NAMES.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Double.parseDouble(r.get(Metrics.NAMES[i]));
        }
        return new Metrics(v[0], v[1], v[2], v[3], v[4], v[5]);
    }

    private static boolean hasRow(EvalLog log, long step) {
        return log.read().stream().anyMatch(r -> Long.parseLong(r.get("iteration")) == step);
    }

    /** Removes rows written after the checkpoint, keeping the file's rows whole. */
    private static void dropRowsAfter(EvalLog log, long step) {
        List<Map<String, String>> rows = log.read();
        if (rows.stream().noneMatch(r -> Long.parseLong(r.get("iteration")) > step)) {
            return;
        }
        try {
            Path tmp = log.file().resolveSibling(EVAL_CSV + ".tmp");
            Files.deleteIfExists(tmp);
            EvalLog kept = new EvalLog(tmp);
            for (Map<String, String> r : rows) {
                if (Long.parseLong(r.get("iteration")) <= step) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    r.forEach((k, v) -> {
                        if (EvalLog.COLUMNS.contains(k) && !v.isEmpty()) {
                            row.put(k, v);
                        }
                    });
                    kept.append(row);
                }
            }
            Files.move(tmp, log.file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CurationException(log.file() + ": cannot drop rows past the checkpoint (" + e.getMessage() + ")", e);
        }
    }
}
