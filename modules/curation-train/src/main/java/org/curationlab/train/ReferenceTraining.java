package org.curationlab.train;

import org.curationlab.data.CurationException;
import org.curationlab.data.CurationLevel;
import org.curationlab.data.DataWorld;
import org.curationlab.data.NoiseSpec;
import org.curationlab.data.PairPool;

import org.curationlab.train.settings.RunSchema;

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
        Trainer.Result r = new Trainer(cfg, refSet, BatchPolicy.uniform(refSet.size(), cfg.batch(), cfg.seed()),
                new Evaluator(world, cfg.evalSize(), cfg.seed()), runDir, progress)
                .withProvenance(ResumeCheck.ofSettings(runDir, resume).provenance(settings)).run(settings, resume);
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
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("metrics", r.last().asMap());
            extra.put("reference_set", refSet.composition());
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
     * tower, size, seed, iterations, the rich-caption recipe and, for the noisy levels, the pool's noise).
     */
    public static Path resolve(String spec, DataWorld world, NoiseSpec poolNoise, TrainConfig cfg, Path cacheDir,
                               ProgressListener progress) {
        Path file = Path.of(spec);
        if (Files.isRegularFile(file)) {
            return file;
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
        Path cached = cacheDir.resolve("references").resolve(String.format("%s-%s-%s-s%d-i%d-%s%s.zip", level.key(),
                cfg.model().imageTower().name().toLowerCase(), cfg.model().size(), cfg.seed(), cfg.iterations(), noise, recipe));
        if (Files.exists(cached)) {
            return cached;
        }
        // Cells of a sweep run side by side and often want the same reference: the first trains
        // it while the others wait on this lock, then find it cached.
        Path lockFile = cached.resolveSibling(cached.getFileName() + ".lock");
        try {
            Files.createDirectories(cached.toAbsolutePath().getParent());
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(lockFile,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                 java.nio.channels.FileLock lock = ch.lock()) {
                if (!Files.exists(cached)) {
                    train(world, level, poolNoise, null, cfg, cached, Files.exists(runDir(cached).resolve(Trainer.STATE))
                            || Files.exists(runDir(cached).resolve(Trainer.EVAL_CSV)), progress);
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
