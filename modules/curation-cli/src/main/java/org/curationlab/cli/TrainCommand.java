package org.curationlab.cli;

import org.curationlab.data.CurationException;
import org.curationlab.data.DataWorld;
import org.curationlab.data.PairPool;
import org.curationlab.data.PoolSpec;
import org.curationlab.models.ImageTowerKind;
import org.curationlab.selection.ScoreMethod;
import org.curationlab.pruning.PruneOptions;
import org.curationlab.train.BatchPolicy;
import org.curationlab.train.PoolPruning;
import org.curationlab.train.Evaluator;
import org.curationlab.train.ReferenceModel;
import org.curationlab.train.ReferenceTraining;
import org.curationlab.train.SelectionConfig;
import org.curationlab.train.TrainConfig;
import org.curationlab.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code curate train}: train a learner on the web pool, uniformly or with JEST, writing evaluation rows as it goes. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a two-tower learner on the web pool, uniformly or with JEST online batch selection; "
                + "evaluation rows go to OUT/eval.csv with OUT/provenance.json.")
public final class TrainCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;
    @Mixin
    ModelOptions model;
    @Mixin
    RunOptions run;
    @Mixin
    SelectionOptions selection;
    @Mixin
    PruningOptions pruning;
    @Option(names = "--pool-pruning", paramLabel = "METHOD",
            description = "Prune the pool offline before training, with the reference's embeddings: dbp, ssp, semdedup, score or random "
                    + "(keeping --keep of it); none (the default) trains on the whole pool, so a sweep axis can hold the full-pool baseline.")
    String poolPruning;
    @Option(names = "--multi-res", defaultValue = "0", paramLabel = "FRACTION",
            description = "Fraction of each batch trained at 14x14 so the learner scores well there (CNN only) (default: ${DEFAULT-VALUE}).")
    double multiRes;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the run's rows, provenance and checkpoint.")
    Path out;
    @Spec
    CommandSpec spec;

    /**
     * Checks every setting without loading data or models: what {@code call()} would reject at
     * its start. {@code curate sweep} runs it on each cell before any cell runs.
     */
    void checkSettings() {
        if (poolPruning != null && poolPruning.trim().equalsIgnoreCase("none")) {
            poolPruning = null;
        }
        PoolSpec poolSpec = data.poolSpec();
        SelectionConfig sel = selection.config();
        TrainConfig cfg = trainConfig();
        requireBatchesFit(sel, cfg, poolSpec.size(), "--pool-size " + poolSpec.size());
        if (sel.scoreResolution() == 14 && cfg.model().imageTower() != ImageTowerKind.CNN) {
            throw new CurationException("--score-resolution 14 needs --tower cnn: the MLP tower only takes 28x28");
        }
        if (selection.referenceIterations < 1) {
            throw new CurationException("--reference-iterations: " + selection.referenceIterations + " must be at least 1");
        }
        if ((sel.method() != ScoreMethod.UNIFORM || poolPruning != null) && !java.nio.file.Files.isRegularFile(Path.of(selection.reference))) {
            try {
                org.curationlab.data.CurationLevel.parse(selection.reference);
            } catch (CurationException e) {
                throw new CurationException("--reference: '" + selection.reference + "' is neither a checkpoint file nor a curation level");
            }
        }
        if (poolPruning != null) {
            try {
                org.curationlab.pruning.Pruners.byName(poolPruning);
            } catch (CurationException e) {
                throw new CurationException(e.getMessage().replaceFirst("^--method", "--pool-pruning"));
            }
            pruning.options(cfg.seed());
        }
        if (data.dataDir != null && !java.nio.file.Files.isDirectory(data.dataDir)) {
            throw new CurationException("--data-dir: " + data.dataDir + " is not a folder");
        }
    }

    /**
     * A batch, or a super-batch to select from, larger than the pool would hold some pairs twice:
     * contrastive negatives that are the positive itself.
     */
    static void requireBatchesFit(SelectionConfig sel, TrainConfig cfg, int poolPairs, String pool) {
        if (cfg.batch() > poolPairs) {
            throw new CurationException("--batch: " + cfg.batch() + " is larger than " + pool + " (pairs would repeat within a batch)");
        }
        if (sel.method() != ScoreMethod.UNIFORM && sel.superBatch(cfg.batch()) > poolPairs) {
            throw new CurationException("--batch " + cfg.batch() + " with --filter-ratio " + sel.filterRatio() + " makes super-batches of "
                    + sel.superBatch(cfg.batch()) + " pairs, more than " + pool + " (pairs would repeat within a super-batch)");
        }
    }

    private TrainConfig trainConfig() {
        return new TrainConfig(model.config(run.iterations, data.seed), run.iterations, run.batch,
                run.evalEvery, run.evalSize, data.seed, run.threads(), multiRes);
    }

    @Override
    public Integer call() {
        checkSettings();
        PoolSpec poolSpec = data.poolSpec();
        SelectionConfig sel = selection.config();
        TrainConfig cfg = trainConfig();
        DataWorld world = data.world();
        PairPool pool = world.webPool(poolSpec);
        String poolKey = poolSpec.key();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("command", "train");
        settings.put("pool", poolSpec.key());
        settings.put("data_dir", world.data().dir().toString());
        settings.putAll(sel.asMap());
        settings.putAll(cfg.asMap());
        ReferenceModel reference = null;
        if (sel.method() != ScoreMethod.UNIFORM || poolPruning != null) {
            TrainConfig refCfg = new TrainConfig(cfg.model().withSchedule(cfg.model().learningRate(),
                    Math.min(cfg.model().warmupSteps(), selection.referenceIterations), selection.referenceIterations),
                    selection.referenceIterations, cfg.batch(), selection.referenceIterations, cfg.evalSize(), cfg.seed(), cfg.threads());
            Path refFile = ReferenceTraining.resolve(selection.reference, world, poolSpec.noise(), refCfg, selection.cacheDir(),
                    new ProgressBar(System.err, "reference " + selection.reference));
            reference = ReferenceModel.load(refFile);
            settings.put("reference", refFile.toString());
            settings.put("reference_sha256", reference.checkpointHash());
        }
        double oneOff = 0;
        if (poolPruning != null) {
            PruneOptions po = pruning.options(cfg.seed());
            double cleanBefore = pool.composition().fraction(org.curationlab.data.PairFlag.CLEAN);
            PoolPruning.Pruned pruned = PoolPruning.prune(pool, poolKey, poolPruning, po, reference, selection.cacheDir());
            pool = pruned.pool();
            poolKey = poolKey + ";pruning=" + poolPruning + ";" + po.toProperties();
            oneOff = pruned.referenceFlops();
            requireBatchesFit(sel, cfg, pool.size(), "the " + pool.size() + " pairs --pool-pruning " + poolPruning + " kept");
            settings.put("pool_pruning", poolPruning);
            po.toProperties().forEach((k, v) -> settings.put("pruning." + k, v));
            settings.put("pruned_pool", pruned.composition());
            System.err.printf("pruned the pool with %s: kept %d of %d pairs (clean fraction %.3f -> %.3f)%n", poolPruning,
                    pool.size(), pruned.result().poolSize(), cleanBefore,
                    pruned.composition().fraction(org.curationlab.data.PairFlag.CLEAN));
        }
        BatchPolicy policy = sel.method() == ScoreMethod.UNIFORM
                ? BatchPolicy.uniform(pool.size(), cfg.batch(), cfg.seed())
                : BatchPolicy.jest(pool, poolKey, cfg.batch(), cfg.seed(), reference, sel, selection.cacheDir());
        Evaluator evaluator = new Evaluator(world, cfg.evalSize(), cfg.seed());
        RunOptions.noteEvalSize(spec.commandLine().getErr(), cfg.evalSize(), evaluator.size());
        Trainer.Result r = new Trainer(cfg, pool, policy, evaluator, out,
                new ProgressBar(System.err, "train " + policy.describe() + (poolPruning == null ? "" : " on " + poolPruning + "-pruned pool")))
                .withOneOffReferenceFlops(oneOff).run(settings, run.resume);
        Summary.print(spec.commandLine().getOut(), r);
        return 0;
    }
}
