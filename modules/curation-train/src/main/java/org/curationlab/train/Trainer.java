package org.curationlab.train;

import org.curationlab.data.CurationException;
import org.curationlab.data.NativeArrays;
import org.curationlab.data.PoolTruth;
import org.curationlab.data.pairs.CaptionTokenizer;
import org.curationlab.data.pairs.ImageTextPairs;
import org.curationlab.models.FlopCount;
import org.curationlab.models.TwoTowerModel;
import org.curationlab.train.results.ResultRow;
import org.nd4j.linalg.api.ndarray.INDArray;
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
 * and {@code state.json} (a readable copy of the run state inside the checkpoint). At each row
 * the checkpoint is committed first, by one rename, holding the weights and the {@link RunState}
 * (ledger and the interval's training statistics); then state.json; then the row is evaluated and
 * appended. A run killed anywhere in between resumes from the checkpoint, whose own state is the
 * truth: a missing row is re-evaluated from the same weights with the saved statistics, so it is
 * the row an uninterrupted run writes, and rows past the checkpoint are dropped. Every step has at
 * most one row, and none is lost.
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
    private final ImageTextPairs data;
    private final BatchPolicy batchPolicy;
    private final Evaluation evaluator;
    private final Path out;
    private final ProgressListener progress;
    private double oneOffReferenceFlops;
    private Map<String, Object> provenance = Map.of();
    private CaptionTokenizer tokenizer;
    private CrashPoint crashPoint;
    private long crashStep;
    private boolean crashHalts;

    public Trainer(TrainConfig config, ImageTextPairs data, BatchPolicy batchPolicy, Evaluation evaluator, Path out, ProgressListener progress) {
        this.config = config;
        this.data = data;
        this.batchPolicy = batchPolicy;
        this.evaluator = evaluator;
        this.out = out;
        this.progress = progress;
        String crash = System.getProperty(CrashPoint.PROPERTY);
        if (crash != null && !crash.isBlank()) {
            String[] parts = crash.trim().split("@");
            crashAt(CrashPoint.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT).replace('-', '_')), Long.parseLong(parts[1]));
            crashHalts = true;
        }
    }

    /** Fault injection for the kill-and-resume tests: throw {@link CrashPoint.SimulatedKill} at {@code point} of {@code step}. */
    Trainer crashAt(CrashPoint point, long step) {
        this.crashPoint = point;
        this.crashStep = step;
        return this;
    }

    private void reach(CrashPoint point, long step) {
        if (point == crashPoint && step == crashStep) {
            if (crashHalts) {
                Runtime.getRuntime().halt(137);
            }
            throw new CrashPoint.SimulatedKill(point, step);
        }
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
     * The caption tokenizer of a run on your own pairs (built from its pool): saved inside every
     * checkpoint, so evaluation and a resumed run encode captions exactly as training did; a resumed
     * checkpoint must hold the same one.
     */
    public Trainer withTokenizer(CaptionTokenizer tokenizer) {
        this.tokenizer = tokenizer;
        return this;
    }

    /** Entries provenance.json holds beside the settings (the run's flat settings and its sessions: {@link ResumeCheck}). */
    public Trainer withProvenance(Map<String, Object> extra) {
        this.provenance = Map.copyOf(extra);
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
        boolean existing = Files.exists(out.resolve(EVAL_CSV)) || Files.exists(out.resolve(STATE)) || Files.exists(out.resolve(CHECKPOINT));
        if (existing && !resume) {
            throw new CurationException(out + " already holds a run; pass --resume to continue it, or choose another --out");
        }
        removeStaleTemporaries();
        TwoTowerModel model;
        ComputeLedger ledger = new ComputeLedger();
        long start = 0;
        double wall = 0;
        // The part of wall spent choosing batches; unknown (NaN, an empty cell) for the rest of a run
        // resumed from a state that predates it.
        double select = 0;
        Map<String, Double> pendingStats = null;
        RunState state = existing ? resumeState() : null;
        if (state != null) {
            start = state.step();
            wall = state.wallSeconds();
            select = state.selectSeconds();
            state.restoreInto(ledger);
            pendingStats = state.intervalStats();
            if (start >= config.iterations() && hasRow(log, start)) {
                // A finished run: its rows are final, so no checkpoint is needed (results are
                // committed without their checkpoints).
                return new Result(null, lastMetrics(log), ledger, out);
            }
            if (!Files.exists(out.resolve(CHECKPOINT))) {
                throw new CurationException(out.resolve(CHECKPOINT) + " is missing while " + out.resolve(STATE) + " says step " + start
                        + "; the run cannot be resumed (remove " + out + " to start it again)");
            }
            model = TwoTowerModel.load(out.resolve(CHECKPOINT));
            ResumeCheck.requireModel(out.resolve(CHECKPOINT), model.config(), config.model());
            ResumeCheck.requireTokenizer(out.resolve(CHECKPOINT), model.tokenizer().orElse(null), tokenizer);
            if (model.step() != start) {
                throw new CurationException(out.resolve(CHECKPOINT) + " holds the weights of step " + model.step()
                        + " but its run state says step " + start + "; the run cannot be resumed (remove " + out + " to start it again)");
            }
            ResumeCheck.requireRowsBefore(log, start, config.evalEvery());
            dropRowsAfter(log, start);
        } else {
            model = TwoTowerModel.create(config.model());
            if (tokenizer != null) {
                model.attachTokenizer(tokenizer);
            }
            ledger.addReferenceScoring(oneOffReferenceFlops);
            if (existing) {
                dropRowsAfter(log, 0);
            }
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("data", Map.of("name", data.name(), "pairs", data.size()));
        extra.putAll(provenance);
        RunProvenance.write(out.resolve(PROVENANCE), settings, extra);

        Encoders encoders = ModelEncoders.of(model);
        BatchSource batches = batchPolicy.bind(model, ledger, start > 0);
        // Batch composition exists only where the pool has ground truth (the synthetic world).
        PoolTruth truth = data.truth().orElse(null);
        BatchStats trained = new BatchStats();
        Metrics last = null;
        if (!hasRow(log, start)) {
            if (start > 0 && pendingStats == null) {
                System.err.println(out + ": the checkpoint of step " + start + " predates saved interval statistics; "
                        + "its re-evaluated row has no loss or batch_* values");
            }
            last = evaluateAndLog(encoders, log, start, ledger, wall, select, model.learningRate(),
                    pendingStats != null ? pendingStats : intervalStats(Double.NaN, truth == null ? null : trained, Double.NaN));
        }
        int lowRes = (int) Math.round(config.multiResFraction() * config.batch());
        long total = config.iterations();
        double loss = Double.NaN;
        for (long step = start; step < total; step++) {
            long t0 = System.nanoTime();
            int[] ids = batches.batch(step);
            select += (System.nanoTime() - t0) / 1e9;
            if (truth != null) {
                trained.add(truth, ids);
            }
            // A patch tower's step trains at its drawn patch; the rows past it at the larger patch, unless that is the step's.
            int patch = config.patches().byPatch() ? config.patches().patchAt(step) : 0;
            int largeRows = patch == config.patches().largePatch() ? 0 : lowRes;
            try {
                loss = patch > 0 ? trainStepAtPatch(model, ids, patch, largeRows) : trainStep(model, ids, lowRes);
            } catch (CurationException e) {
                throw TrainingDivergedException.inFlagTerms(e, log.file());
            }
            if (!Double.isFinite(loss)) {
                throw new TrainingDivergedException("training diverged at iteration " + (step + 1) + ": the loss is " + loss
                        + "; the rows written so far are kept in " + log.file()
                        + ". Try a lower learning rate (--lr).");
            }
            ledger.addTraining(ids.length, patch > 0
                    ? FlopCount.trainStepAtPatches(model.config(), ids.length, patch, largeRows, config.patches().largePatch())
                    : FlopCount.trainStep(model.config(), ids.length, lowRes));
            double seconds = (System.nanoTime() - t0) / 1e9;
            wall += seconds;
            progress.step(step + 1, total, loss, ids.length / seconds);
            long done = step + 1;
            reach(CrashPoint.AFTER_STEP, done);
            if (done % config.evalEvery() == 0 || done == total) {
                Map<String, Double> stats = intervalStats(loss, truth == null ? null : trained, batches.drainMeanLearnability());
                trained.clear();
                try {
                    checkpoint(model, RunState.of(done, ledger, wall, select, stats));
                } catch (CurationException e) {
                    throw TrainingDivergedException.inFlagTerms(e, log.file());
                }
                last = evaluateAndLog(encoders, log, done, ledger, wall, select, model.learningRate(), stats);
                reach(CrashPoint.AFTER_ROW, done);
            }
        }
        if (last == null) {
            last = evaluator.evaluate(encoders);
        }
        return new Result(model, last, ledger, out);
    }

    /**
     * The state to resume from. The checkpoint's own run state is the truth (it is committed with
     * the weights by one rename); state.json, written after it, may lag one checkpoint behind after
     * a kill between the two and is then repaired. A state.json ahead of its checkpoint cannot come
     * from a kill: the pair was mixed by hand, and is refused. Null when nothing was checkpointed.
     */
    private RunState resumeState() {
        Path ckpt = out.resolve(CHECKPOINT);
        Path stateFile = out.resolve(STATE);
        byte[] embedded = Files.exists(ckpt) ? TwoTowerModel.readRunState(ckpt) : null;
        if (embedded == null) {
            // No checkpoint, or one written before run states were embedded: state.json is all there is.
            return Files.exists(stateFile) ? RunState.read(stateFile) : null;
        }
        RunState truth = RunState.parse(embedded, ckpt + " (run-state.json)");
        RunState copy = null;
        if (Files.exists(stateFile)) {
            try {
                copy = RunState.read(stateFile);
            } catch (CurationException e) {
                // Only a readable copy of the checkpoint's own state (say, emptied by a full disk): rewritten from it below.
                System.err.println(out + ": " + e.getMessage().replace("; the run cannot be resumed", "")
                        + "; rewriting it from the checkpoint, which holds step " + truth.step());
                truth.write(stateFile);
                return truth;
            }
        }
        if (copy != null && copy.step() > truth.step()) {
            throw new CurationException(stateFile + " says step " + copy.step() + " but " + ckpt + " holds step " + truth.step()
                    + ": they are not one run's pair; restore the matching checkpoint, or remove " + out + " to start again");
        }
        if (copy == null || copy.step() != truth.step()) {
            System.err.println(out + ": state.json " + (copy == null ? "is missing" : "said step " + copy.step())
                    + ", the checkpoint holds step " + truth.step() + " (stopped between the two writes); continuing from step " + truth.step());
            truth.write(stateFile);
        }
        return truth;
    }

    /** Temporary files a kill left behind; nothing else writes this folder while we hold its lock. */
    private void removeStaleTemporaries() {
        try (var files = Files.list(out)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".tmp") && (name.startsWith(CHECKPOINT) || name.startsWith(STATE) || name.startsWith(EVAL_CSV))) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw new CurationException(out + ": cannot remove temporary files (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The training statistics of an interval: the parts of its row that the weights cannot give
     * back. {@code trained} is null for a pool without ground truth: no batch_* composition then.
     */
    private Map<String, Double> intervalStats(double loss, BatchStats trained, double learnability) {
        Map<String, Double> stats = new LinkedHashMap<>();
        stats.put("loss", loss);
        for (org.curationlab.data.PairFlag f : trained == null ? new org.curationlab.data.PairFlag[0] : org.curationlab.data.PairFlag.values()) {
            stats.put("batch_" + f.label(), trained.fraction(f));
        }
        stats.put("batch_learnability", learnability);
        return stats;
    }

    /**
     * One optimiser step; with multi-resolution training the last {@code lowRes} pairs of the batch
     * are seen at 14×14, so the learner stays a good scorer at the cheap resolution (Flexi-JEST).
     */
    private double trainStep(TwoTowerModel model, int[] ids, int lowRes) {
        INDArray tokens = data.tokens(ids);
        if (lowRes == 0) {
            INDArray images = data.images(ids);
            try {
                return model.trainStep(images, tokens);
            } finally {
                NativeArrays.release(images, tokens);
            }
        }
        int[] high = java.util.Arrays.copyOfRange(ids, 0, ids.length - lowRes);
        int[] low = java.util.Arrays.copyOfRange(ids, ids.length - lowRes, ids.length);
        INDArray images = data.images(high);
        INDArray lowFull = data.images(low);
        INDArray halved = halve(model.config(), lowFull);
        try {
            return model.trainStep(images, halved, tokens);
        } finally {
            NativeArrays.release(images, lowFull, halved, tokens);
        }
    }

    /**
     * Images at half the model's side (2×2 average pooling): Fashion-MNIST's 28×28 by the same call
     * as always (its runs stay bit for bit), another shape (your own pairs) by its own.
     */
    static org.nd4j.linalg.api.ndarray.INDArray halve(org.curationlab.models.ModelConfig config, org.nd4j.linalg.api.ndarray.INDArray images) {
        return config.imageShape().equals(org.curationlab.models.ImageShape.DEFAULT)
                ? org.curationlab.models.ImageResolution.downsample(images) : config.imageShape().downsample(images);
    }

    /**
     * One optimiser step of a patch tower (FlexiViT, docs/models.md) at {@code patch}, the last
     * {@code largeRows} pairs at the plan's larger patch (multi-resolution training by patch).
     */
    private double trainStepAtPatch(TwoTowerModel model, int[] ids, int patch, int largeRows) {
        INDArray tokens = data.tokens(ids);
        if (largeRows == 0) {
            INDArray images = data.images(ids);
            try {
                // The base patch through the patch-less call, as a vit run trained before patches were settings.
                return patch == model.patchSizes().get(0) ? model.trainStep(images, tokens)
                        : model.trainStep(images, tokens, patch);
            } finally {
                NativeArrays.release(images, tokens);
            }
        }
        int[] main = java.util.Arrays.copyOfRange(ids, 0, ids.length - largeRows);
        int[] large = java.util.Arrays.copyOfRange(ids, ids.length - largeRows, ids.length);
        INDArray images = data.images(main);
        INDArray largeImages = data.images(large);
        try {
            return model.trainStep(images, patch, largeImages, config.patches().largePatch(), tokens);
        } finally {
            NativeArrays.release(images, largeImages, tokens);
        }
    }

    private Metrics evaluateAndLog(Encoders encoders, EvalLog log, long step, ComputeLedger ledger, double wall,
                                   double select, double lr, Map<String, Double> intervalStats) {
        Metrics m = evaluator.evaluate(encoders);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("iteration", step);
        row.putAll(ledger.columns());
        m.asMap().forEach((k, v) -> {
            if (evaluator.reports(k)) {
                row.put(k, v);
            }
        });
        row.put("wall_s", wall);
        if (!Double.isNaN(select)) {
            row.put(EvalLog.SELECT_SECONDS, select);
        }
        row.put("learning_rate", lr);
        intervalStats.forEach((k, v) -> {
            if (EvalLog.COLUMNS.contains(k)) {
                row.put(k, v);
            }
        });
        reach(CrashPoint.AFTER_EVALUATION, step);
        log.append(row);
        progress.evaluated(step, m);
        return m;
    }

    /** Commits weights and run state with one rename, then writes the readable state.json copy. */
    private void checkpoint(TwoTowerModel model, RunState state) {
        model.save(out.resolve(CHECKPOINT), state.toJson());
        reach(CrashPoint.AFTER_CHECKPOINT, state.step());
        state.write(out.resolve(STATE));
        reach(CrashPoint.AFTER_STATE, state.step());
    }

    private static Metrics lastMetrics(EvalLog log) {
        List<ResultRow> rows = log.table().rows();
        ResultRow r = rows.get(rows.size() - 1);
        double[] v = new double[Metrics.NAMES.length];
        for (int i = 0; i < v.length; i++) {
            // A metric the evaluation does not report (zero-shot without labels) is an empty cell.
            v[i] = r.text(Metrics.NAMES[i]).isBlank() ? Double.NaN : r.number(Metrics.NAMES[i]);
        }
        return new Metrics(v[0], v[1], v[2], v[3], v[4], v[5]);
    }

    private static boolean hasRow(EvalLog log, long step) {
        return log.table().rows().stream().anyMatch(r -> r.whole("iteration") == step);
    }

    /** Removes rows written after the checkpoint, keeping the file's rows whole. */
    private static void dropRowsAfter(EvalLog log, long step) {
        List<ResultRow> rows = log.table().rows();
        if (rows.stream().noneMatch(r -> r.whole("iteration") > step)) {
            return;
        }
        try {
            Path tmp = log.file().resolveSibling(EVAL_CSV + ".tmp");
            Files.deleteIfExists(tmp);
            EvalLog kept = new EvalLog(tmp);
            for (ResultRow r : rows) {
                if (r.whole("iteration") <= step) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    r.values().forEach((k, v) -> {
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
