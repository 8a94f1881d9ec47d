package org.curationlab.train;

import org.curationlab.data.CurationException;
import org.curationlab.data.CurationLevel;
import org.curationlab.data.DataWorld;
import org.curationlab.data.NoiseSpec;
import org.curationlab.data.PairPool;
import org.curationlab.data.pairs.SyntheticPairs;

import org.curationlab.train.settings.RunSchema;
import org.curationlab.train.settings.Setting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trains JEST's reference model on a curation level's reference set and saves it as a checkpoint
 * with {@code FILE.json} (final metrics, the reference set's composition, provenance) beside it
 * and the run's rows in {@code FILE.run/}. Used by {@code curate reference}, and by training runs
 * that name a reference by its level, which are given a cached reference trained here.
 */
public final class ReferenceTraining {
    private ReferenceTraining() {
    }

    public static Trainer.Result train(DataWorld world, CurationLevel level, NoiseSpec poolNoise, Integer referenceSize,
                                       TrainConfig cfg, Path checkpoint, boolean resume, ProgressListener progress) {
        if (Files.exists(checkpoint) && !resume) {
            throw new CurationException(checkpoint + " exists; remove it or pass --resume");
        }
        // Before anything is allocated, as a learner's run checks it (RunSpec.check).
        MemoryBudget.check(cfg, cfg.batch());
        PairPool refSet = referenceSize == null ? world.referenceSet(level, poolNoise, cfg.seed())
                : world.referenceSet(level, poolNoise, referenceSize, cfg.seed());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("command", "reference");
        // Keys as `curate reference` spells its options (and the run schema its shared ones).
        settings.put("curation-level", level.key());
        settings.put("reference-size", refSet.size());
        settings.put(RunSchema.NOISE.key(), poolNoise.toString());
        settings.put(RunSchema.DATA_DIR.key(), world.data().dir().toString());
        settings.putAll(cfg.asMap());
        Path runDir = runDir(checkpoint);
        Trainer.Result r = new Trainer(cfg, new SyntheticPairs(refSet), BatchPolicy.uniform(refSet.size(), cfg.batch(), cfg.seed()),
                new Evaluator(world, cfg.evalSize(), cfg.seed()), runDir, progress)
                .withProvenance(ResumeCheck.ofSettings(runDir, resume).provenance(settings)).run(settings, resume);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("metrics", r.last().asMap());
        extra.put("reference_set", refSet.composition());
        return commit(r, checkpoint, runDir, settings, extra);
    }

    /**
     * Trains a reference on your own curated pairs ({@code --reference-pairs}), evaluated on
     * {@code --eval-pairs} or a held-out 10% of them, and saves it as {@code checkpoint} with its
     * tokenizer inside (built from the pairs it trained on), FILE.json and FILE.run/ beside it.
     */
    public static Trainer.Result trainOnPairs(RunSpec run, TrainConfig cfg, Path checkpoint, boolean resume, Path cacheDir,
                                              ProgressListener progress) {
        return trainOnPairs(run, pairs -> cfg, checkpoint, resume, cacheDir, progress);
    }

    /**
     * As {@link #trainOnPairs(RunSpec, TrainConfig, Path, boolean, Path, ProgressListener)}, the
     * configuration made once the pairs are loaded: {@code cfgFor} is given how many pairs the
     * reference trains on (the source less its held-out split), so that {@code --passes} can count
     * passes over them.
     */
    public static Trainer.Result trainOnPairs(RunSpec run, java.util.function.IntFunction<TrainConfig> cfgFor, Path checkpoint,
                                              boolean resume, Path cacheDir, ProgressListener progress) {
        if (Files.exists(checkpoint) && !resume) {
            throw new CurationException(checkpoint + " exists; remove it or pass --resume");
        }
        String source = run.data().referencePairs();
        OwnPairsData data = OwnPairsData.load(run, source, "--reference-pairs", run.data().evalPairs(), cacheDir);
        TrainConfig fitted = data.fit(cfgFor.apply(data.pool().size()));
        MemoryBudget.check(fitted, fitted.batch());
        // A reference trains on uniform batches, whatever the learner's method.
        RunSpec.requireBatchesFit(RunSpec.defaults().selectionConfig(), fitted, data.pool().size(),
                "the " + data.pool().size() + " pairs --reference-pairs trains on");
        // Said on stderr, as the trainer's own notes are: a reference has no listener.
        data.evaluationNote(fitted.evalSize()).ifPresent(System.err::println);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("command", "reference");
        // The pairs settings as given (decoding, tokenizer), under the schema's keys.
        Map<String, Object> given = run.settings();
        for (Setting<?> s : RunSchema.of(Setting.Group.DATA, Setting.Group.PAIRS)) {
            if (s.quiet() && given.containsKey(s.key())) {
                settings.put(s.key(), given.get(s.key()));
            }
        }
        settings.putAll(fitted.asMap());
        settings.putAll(data.provenance());
        Path runDir = runDir(checkpoint);
        ResumeCheck check = ResumeCheck.ofSettings(runDir, resume);
        check.pairs(data.provenance());
        Trainer.Result r = new Trainer(fitted, data.pool(), BatchPolicy.uniform(data.pool().size(), fitted.batch(), fitted.seed()),
                data.evaluator(fitted.evalSize()), runDir, progress)
                .withTokenizer(data.tokenizer())
                .withProvenance(check.provenance(settings)).run(settings, resume);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("metrics", r.last().asMap());
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("pairs", data.pool().size());
        set.put("source", source);
        extra.put("reference_set", set);
        return commit(r, checkpoint, runDir, settings, extra);
    }

    /**
     * The reference a run on your own pairs names: a checkpoint file ({@code --reference FILE}), or
     * one trained once on {@code --reference-pairs} with {@code cfg} and cached under
     * {@code cacheDir/references/}, keyed by what was loaded (its content hash) and every setting
     * that shapes it.
     */
    public static Resolved resolvePairs(RunSpec run, java.util.function.IntFunction<TrainConfig> cfgFor, Path cacheDir,
                                        ProgressListener progress) {
        String source = run.data().referencePairs();
        if (source == null) {
            Path file = Path.of(run.reference().reference());
            if (Files.isRegularFile(file)) {
                return Resolved.file(file);
            }
            throw new CurationException("--reference: '" + run.reference().reference() + "' is not a checkpoint file; with --pairs, give "
                    + "a reference trained on your own pairs (curate reference --reference-pairs SOURCE --out FILE), or --reference-pairs SOURCE");
        }
        // The reference's pairs are curated: --shuffle-captions moves captions of the run's --pairs only.
        OwnPairsData data = OwnPairsData.load(run, source, "--reference-pairs", null, cacheDir);
        // Its budget counts the pairs it trains on: the source less the 10% it holds out (each pair is its own image).
        int images = data.pool().size();
        TrainConfig cfg = cfgFor.apply(images);
        TrainConfig fitted = data.fit(cfg);
        String key = ReferenceModel.sha256((data.provenance().get("reference-pairs-sha256") + ";" + fitted.asMap() + ";"
                + fitted.model() + ";" + run.pairsOptions(null)).getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 16);
        Path cached = cacheDir.resolve("references").resolve("pairs-" + key + ".zip");
        trainedOnce(cached, resume -> trainOnPairs(run.with(RunSchema.EVAL_PAIRS, null).with(RunSchema.SHUFFLE_CAPTIONS, 0.0), cfg, cached,
                resume, cacheDir, progress));
        return new Resolved(cached, images, cfg.iterations(), cfg.batch());
    }

    /** Copies the run's checkpoint to {@code checkpoint} with FILE.json beside it (whole or not at all). */
    private static Trainer.Result commit(Trainer.Result r, Path checkpoint, Path runDir, Map<String, Object> settings,
                                         Map<String, Object> extra) {
        try {
            Path parent = checkpoint.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = parent.resolve(checkpoint.getFileName() + ".tmp");
            if (!Files.exists(runDir.resolve(Trainer.CHECKPOINT))) {
                // A finished run kept without its checkpoint (as results are committed).
                if (Files.exists(checkpoint)) {
                    return r;
                }
                throw new CurationException(checkpoint + " and " + runDir.resolve(Trainer.CHECKPOINT)
                        + " are both missing; remove " + runDir + " to train the reference again");
            }
            Files.copy(runDir.resolve(Trainer.CHECKPOINT), tmp, StandardCopyOption.REPLACE_EXISTING);
            RunProvenance.write(checkpoint.resolveSibling(checkpoint.getFileName() + ".json"), settings, extra);
            Files.move(tmp, checkpoint, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CurationException(checkpoint + ": cannot be written (" + e.getMessage() + ")", e);
        }
        return r;
    }

    /**
     * The reference a run names: a checkpoint file, or a curation level, for which a reference is
     * trained once with {@code cfg} and cached under {@code cacheDir/references/} (keyed by level,
     * the rich-caption recipe, for the noisy levels the pool's noise, and every setting that shapes
     * its weights, its steps among them: {@link #levelCacheName}). {@code cfgFor} is given the
     * level's images (its reference set's size), so that a budget in passes becomes steps.
     */
    public static Resolved resolve(String spec, DataWorld world, NoiseSpec poolNoise, java.util.function.IntFunction<TrainConfig> cfgFor,
                                   Path cacheDir, ProgressListener progress) {
        Path file = Path.of(spec);
        if (Files.isRegularFile(file)) {
            return Resolved.file(file);
        }
        CurationLevel level;
        try {
            level = CurationLevel.parse(spec);
        } catch (CurationException e) {
            throw new CurationException("--reference: '" + spec + "' is neither a checkpoint file nor a curation level ("
                    + e.getMessage().replaceFirst("^--curation-level: ", "") + ")");
        }
        String noise = level.noise(poolNoise).noiseRate() == 0 && level.noise(poolNoise).longtail() == 0
                ? "clean" : Integer.toHexString(level.noise(poolNoise).toString().hashCode());
        // "twins": rich captions sit beside the standard ones (before, they replaced them), so a
        // reference cached by an older version under the old name is never picked up.
        String recipe = level.richFraction() > 0 ? "-twins" : "";
        // The level's reference set holds level.size() images (world.referenceSet), as curate reference counts its passes.
        TrainConfig cfg = cfgFor.apply(level.size());
        Path cached = cacheDir.resolve("references").resolve(levelCacheName(level, cfg, noise + recipe));
        trainedOnce(cached, resume -> train(world, level, poolNoise, null, cfg, cached, resume, progress));
        return new Resolved(cached, level.size(), cfg.iterations(), cfg.batch());
    }

    /**
     * The reference a run resolved: its checkpoint and, when the run trained it (a level's, or on
     * {@code --reference-pairs}; else null), the images it trained on, its steps and batch.
     */
    public record Resolved(Path checkpoint, Integer images, Integer steps, Integer batch) {
        static Resolved file(Path checkpoint) {
            return new Resolved(checkpoint, null, null, null);
        }

        /** What provenance.json records of a reference the run trained (images, steps, passes over the images), or null. */
        public Map<String, Object> training() {
            if (steps == null) {
                return null;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("images", images);
            m.put("steps", steps);
            m.put("batch", batch);
            m.put("passes", ReferenceBudget.passesOf(steps, images, batch));
            return m;
        }
    }

    /**
     * A level reference's cache file name: readable fields (level, tower, size, seed, iterations, the
     * pool's noise and recipe) and a hash of the whole model config, batch and patch plan. A reference
     * takes the run's model settings (learning rate, warm-up, weight decay, loss, embedding width,
     * image shape), so two runs that differ in any of them must not share one: the readable fields
     * alone once let a sweep over learning rates reuse whichever reference its first cell trained.
     */
    static String levelCacheName(CurationLevel level, TrainConfig cfg, String noiseAndRecipe) {
        String shaping = cfg.model() + ";batch=" + cfg.batch() + ";patches=" + cfg.patches();
        String hash = ReferenceModel.sha256(shaping.getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 12);
        return String.format("%s-%s-%s-s%d-i%d-%s-%s.zip", level.key(), cfg.model().imageTower().name().toLowerCase(),
                cfg.model().size(), cfg.seed(), cfg.iterations(), noiseAndRecipe, hash);
    }

    /**
     * The reference at {@code cached}, trained by {@code train} only if it is not there yet; {@code train}
     * is told whether a half-trained run beside it is to be resumed. Cells of a sweep run side by side
     * and often want the same reference: the first trains it while the others wait on this lock, then
     * find it cached.
     */
    private static Path trainedOnce(Path cached, java.util.function.Consumer<Boolean> train) {
        if (Files.exists(cached)) {
            return cached;
        }
        Path lockFile = cached.resolveSibling(cached.getFileName() + ".lock");
        try {
            Files.createDirectories(cached.toAbsolutePath().getParent());
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(lockFile,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                 java.nio.channels.FileLock lock = ch.lock()) {
                if (!Files.exists(cached)) {
                    train.accept(Files.exists(runDir(cached).resolve(Trainer.STATE)) || Files.exists(runDir(cached).resolve(Trainer.EVAL_CSV)));
                }
            }
        } catch (IOException e) {
            throw new CurationException(lockFile + ": cannot lock the reference cache (" + e.getMessage() + ")", e);
        }
        return cached;
    }

    public static Path runDir(Path checkpoint) {
        return checkpoint.resolveSibling(checkpoint.getFileName() + ".run");
    }
}
