package org.curationlab.cli;

import org.curationlab.data.CurationLevel;
import org.curationlab.data.DataWorld;
import org.curationlab.data.PairPool;
import org.curationlab.data.PoolSpec;
import org.curationlab.train.Evaluator;
import org.curationlab.train.RunProvenance;
import org.curationlab.train.TrainConfig;
import org.curationlab.train.Trainer;
import org.curationlab.train.UniformBatches;
import org.curationlab.data.CurationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code curate reference}: train the frozen reference model of JEST on a curation level's
 * reference set (the paper's small curated set) and save it as a checkpoint.
 */
@Command(name = "reference", mixinStandardHelpOptions = true,
        description = "Train a reference model on a curation level's reference set and save it as the checkpoint FILE "
                + "(FILE.json beside it holds its final metrics and provenance; FILE.run/ its evaluation rows).")
public final class ReferenceCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;
    @Mixin
    ModelOptions model;
    @Mixin
    RunOptions run;
    @Option(names = "--curation-level", defaultValue = "curated", paramLabel = "LEVEL",
            description = "none, half-noise, curated, curated-plus or curated-plus-plus (default: ${DEFAULT-VALUE}).")
    String level;
    @Option(names = "--reference-size", paramLabel = "N", description = "Pairs in the reference set (default: the level's preset size).")
    Integer referenceSize;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The checkpoint to write (e.g. refs/curated-M.zip).")
    Path out;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        CurationLevel curation = CurationLevel.parse(level);
        PoolSpec poolSpec = data.poolSpec();
        TrainConfig cfg = new TrainConfig(model.config(run.iterations, data.seed), run.iterations, run.batch,
                run.evalEvery, run.evalSize, data.seed, run.threads());
        if (Files.exists(out) && !run.resume) {
            throw new CurationException("--out: " + out + " exists; remove it or pass --resume");
        }
        DataWorld world = data.world();
        PairPool refSet = referenceSize == null ? world.referenceSet(curation, poolSpec.noise(), data.seed)
                : world.referenceSet(curation, poolSpec.noise(), referenceSize, data.seed);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("command", "reference");
        settings.put("curation_level", curation.key());
        settings.put("reference_pairs", refSet.size());
        settings.put("pool_noise", poolSpec.noise().toString());
        settings.put("data_dir", world.data().dir().toString());
        settings.putAll(cfg.asMap());
        Path runDir = runDir(out);
        Trainer.Result r = new Trainer(cfg, refSet, new UniformBatches(refSet.size(), cfg.batch(), cfg.seed()),
                new Evaluator(world, cfg.evalSize(), cfg.seed()), runDir, new ProgressBar(System.err, "reference " + curation.key()))
                .run(settings, run.resume);
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.copy(runDir.resolve(Trainer.CHECKPOINT), out, StandardCopyOption.REPLACE_EXISTING);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("metrics", r.last().asMap());
        extra.put("reference_set", refSet.composition());
        RunProvenance.write(out.resolveSibling(out.getFileName() + ".json"), settings, extra);
        Summary.print(spec.commandLine().getOut(), r);
        spec.commandLine().getOut().println("checkpoint " + out);
        return 0;
    }

    static Path runDir(Path checkpoint) {
        return checkpoint.resolveSibling(checkpoint.getFileName() + ".run");
    }
}
