package org.curationlab.train;

import org.curationlab.data.DataWorld;
import org.curationlab.data.PairFlag;
import org.curationlab.data.PoolComposition;
import org.curationlab.data.PoolTruth;
import org.curationlab.data.pairs.ImageTextPairs;
import org.curationlab.data.pairs.SyntheticPairs;
import org.curationlab.models.ImageResolution;
import org.curationlab.models.ImageShape;
import org.curationlab.data.PoolSpec;
import org.curationlab.pruning.PruneEmbedding;
import org.curationlab.pruning.PruneOptions;
import org.curationlab.train.settings.RunSchema;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Trains a {@link RunSpec} (docs/architecture.md): resolves its reference (a checkpoint, or a level's
 * reference trained once and cached), prunes the pool when asked, picks the batch policy, records
 * the provenance, and runs the {@link Trainer} into {@code out}. {@code curate train}, the sweep's
 * cells and tests all start runs here.
 */
public final class Runs {
    /** What a run tells its caller as it goes: progress bars by label, and one-line notes. */
    public interface Listener {
        Listener SILENT = new Listener() {
        };

        /** The listener of one training loop: {@code label} is e.g. "reference curated" or "train learnability/joint". */
        default ProgressListener progress(String label) {
            return ProgressListener.NONE;
        }

        /** A line worth showing the user (a pruned pool's size, an evaluation set cut to the test split). */
        default void note(String line) {
        }
    }

    /** A trained run: the trainer's result and the run's evaluation rows (column → text, as in {@code eval.csv}). */
    public record Result(Trainer.Result trained, List<Map<String, String>> rows) {
        public Metrics last() {
            return trained.last();
        }

        public ComputeLedger ledger() {
            return trained.ledger();
        }

        public Path out() {
            return trained.out();
        }
    }

    private Runs() {
    }

    /**
     * Trains {@code run} into the folder {@code out} and returns its rows. A folder that already
     * holds the run is continued when {@code resume}, refused otherwise.
     */
    public static Result train(RunSpec run, Path out, boolean resume, Listener listener) {
        run.check();
        ResumeCheck resumed = ResumeCheck.of(run, out, resume);
        SelectionConfig sel = run.selectionConfig();
        TrainConfig cfg = run.trainConfig();
        Path cacheDir = run.cacheDirectory();
        ImageTextPairs pool;
        String poolKey;
        Supplier<Evaluation> evaluation;
        Map<String, Object> settings;
        Supplier<ReferenceTraining.Resolved> referenceFile;
        OwnPairsData own = null;
        if (run.ownPairs()) {
            own = OwnPairsData.load(run, run.data().pairs(), "--pairs", run.data().evalPairs(), cacheDir);
            resumed.pairs(own.provenance());
            cfg = own.fit(cfg);
            // The check before loading sized the model for 28x28 grey: again at the pairs' shape and vocabulary.
            MemoryBudget.check(cfg, sel.method().usesModels() ? sel.superBatch(cfg.batch()) : cfg.batch(),
                    sel.method().usesLearner() ? sel.scorePatch() : null);
            pool = own.pool();
            poolKey = "pairs=" + run.data().pairs();
            RunSpec.requireBatchesFit(sel, cfg, pool.size(), "the " + pool.size() + " pairs --pairs trains on");
            OwnPairsData pairs = own;
            int evalSize = cfg.evalSize();
            own.evaluationNote(evalSize).ifPresent(listener::note);
            if (sel.method().usesModels() && sel.scoreResolution() == ImageResolution.HALF.side()) {
                // On your pairs "14" means half the images' side, not 14 pixels: say what it is.
                ImageShape shape = cfg.model().imageShape();
                listener.note("curate: --score-resolution " + run.selection().scoreResolution() + " scores your " + shape + " images at "
                        + shape.at(ImageResolution.HALF) + " (half their side, 2x2 average pooling)");
            }
            evaluation = () -> pairs.evaluator(evalSize);
            settings = provenance(run, null, cfg, cacheDir);
            settings.putAll(own.provenance());
            referenceFile = () -> ReferenceTraining.resolvePairs(run, run::referenceTrainConfig, cacheDir,
                    listener.progress("reference " + run.data().referencePairs()));
        } else {
            PoolSpec poolSpec = run.poolSpec();
            String dataDir = run.data().dataDir();
            DataWorld world = DataWorld.load(dataDir == null ? null : Path.of(dataDir));
            resumed.dataDir(world.data().dir());
            pool = new SyntheticPairs(world.webPool(poolSpec));
            poolKey = poolSpec.key();
            settings = provenance(run, world, cfg, cacheDir);
            TrainConfig c = cfg;
            evaluation = () -> {
                Evaluator testSplit = new Evaluator(world, c.evalSize(), c.seed());
                if (c.evalSize() > testSplit.size()) {
                    listener.note(evalSizeNote(c.evalSize(), testSplit.size()));
                }
                return testSplit;
            };
            String given = run.reference().reference();
            referenceFile = () -> ReferenceTraining.resolve(given, world, poolSpec.noise(), run::referenceTrainConfig, cacheDir,
                    listener.progress("reference " + given));
        }
        ReferenceModel reference = null;
        String pruning = run.pruning().poolPruning();
        if (sel.method().usesModels() || pruning != null) {
            ReferenceTraining.Resolved resolved = referenceFile.get();
            Path refFile = resolved.checkpoint();
            reference = ReferenceModel.load(refFile);
            resumed.reference(refFile, reference.checkpointHash());
            settings.put(RunProvenance.REFERENCE_CHECKPOINT, refFile.toString());
            settings.put("reference-sha256", reference.checkpointHash());
            if (resolved.training() != null) {
                // A reference the run trained: its images, steps and passes over them (what --reference-passes made of them).
                settings.put(RunProvenance.REFERENCE_TRAINING, resolved.training());
            }
        }
        double oneOff = 0;
        if (pruning != null) {
            PruneOptions po = run.pruneOptions();
            PruneEmbedding embedding = run.clusterEmbedding();
            PoolPruning.Pruned pruned = PoolPruning.prune(pool, poolKey, pruning, po, embedding, reference, cacheDir, "--pool-pruning");
            String cleanBefore = cleanFraction(pool.truth().map(PoolTruth::composition).orElse(null));
            pool = pruned.pool();
            // The image embedding keeps the key runs pruned before it had (their cached reference scores stay valid).
            poolKey = poolKey + ";pruning=" + pruning + ";" + po.toProperties()
                    + (embedding == PruneEmbedding.IMAGE ? "" : ";embedding=" + embedding.label());
            oneOff = pruned.referenceFlops();
            RunSpec.requireBatchesFit(sel, cfg, pool.size(), "the " + pool.size() + " pairs --pool-pruning " + pruning + " kept");
            if (pruned.composition() != null) {
                settings.put("pruned-pool", pruned.composition());
            }
            settings.put("pruning-stages", pruned.stagesAsMaps());
            for (PoolPruning.Stage s : pruned.stages()) {
                if (pruned.stages().size() > 1) {
                    listener.note(String.format(Locale.ROOT, "  stage %s: kept %d of %d pairs%s", s.stage(), s.kept(), s.input(),
                            s.composition() == null ? "" : " (" + s.byKind() + ")"));
                }
            }
            listener.note(String.format(Locale.ROOT, "pruned the pool with %s: kept %d of %d pairs%s", pruning,
                    pool.size(), pruned.result().poolSize(), pruned.composition() == null ? ""
                            : " (clean fraction " + cleanBefore + " -> " + cleanFraction(pruned.composition()) + ")"));
        }
        BatchPolicy policy = !sel.method().usesModels()
                ? BatchPolicy.uniform(pool.size(), cfg.batch(), cfg.seed())
                : BatchPolicy.jest(pool, poolKey, cfg.batch(), cfg.seed(), reference, sel, cacheDir);
        Trainer trainer = new Trainer(cfg, pool, policy, evaluation.get(), out,
                listener.progress("train " + policy.describe() + (pruning == null ? "" : " on " + pruning + "-pruned pool")))
                .withOneOffReferenceFlops(oneOff).withProvenance(resumed.provenance(settings));
        if (own != null) {
            trainer.withTokenizer(own.tokenizer());
        }
        Trainer.Result r = trainer.run(settings, resume);
        return new Result(r, new EvalLog(out.resolve(Trainer.EVAL_CSV)).read());
    }

    /** A composition's clean fraction as the pruning note prints it. */
    private static String cleanFraction(PoolComposition c) {
        return c == null ? "" : String.format(Locale.ROOT, "%.3f", c.fraction(PairFlag.CLEAN));
    }

    /**
     * The settings provenance.json records: every setting of the run under its key (as run.json
     * holds it), with what the machine chose where the run left it open (data folder, threads,
     * chunks, cache) and, for a patch tower, the patches its tower chose (training and scoring patch).
     * {@code world} is null for a run on your own pairs (no data folder is read).
     */
    static Map<String, Object> provenance(RunSpec run, DataWorld world, TrainConfig cfg, Path cacheDir) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("command", "train");
        settings.putAll(run.settings());
        if (world != null) {
            settings.put(RunSchema.DATA_DIR.key(), world.data().dir().toString());
        }
        settings.put(RunSchema.THREADS.key(), cfg.threads());
        settings.put(RunSchema.CHUNKS.key(), run.chunkCount());
        settings.put(RunSchema.CACHE_DIR.key(), cacheDir.toString());
        if (cfg.patches().byPatch()) {
            // A patch tower's patches as resolved: the training patch (unless drawn per step) and the scoring patch.
            int base = cfg.model().imageTower().patchSizes(cfg.model().imageShape()).get(0);
            if (!cfg.patches().flexi()) {
                settings.put(RunSchema.PATCH.key(), cfg.patches().patchAt(0));
            }
            Integer scorePatch = run.selectionConfig().scorePatch();
            settings.put(RunSchema.SCORE_PATCH.key(), scorePatch != null ? scorePatch : base);
        }
        return settings;
    }

    /** Said when --eval-size asks for more pairs than the test split holds (it is then cut to the split). */
    public static String evalSizeNote(int requested, int evaluated) {
        return "curate: --eval-size " + requested + " is more than the test split's " + evaluated
                + " pairs; evaluating on all " + evaluated;
    }
}
