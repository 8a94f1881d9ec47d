package org.curationlab.cli;

import org.curationlab.data.CurationLevel;
import org.curationlab.data.PoolSpec;
import org.curationlab.train.ReferenceTraining;
import org.curationlab.train.TrainConfig;
import org.curationlab.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
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
    public Integer call() {
        CurationLevel curation = CurationLevel.parse(level);
        PoolSpec poolSpec = data.poolSpec();
        TrainConfig cfg = new TrainConfig(model.config(run.iterations, data.seed), run.iterations, run.batch,
                run.evalEvery, run.evalSize, data.seed, run.threads());
        Trainer.Result r = ReferenceTraining.train(data.world(), curation, poolSpec.noise(), referenceSize, cfg, out, run.resume,
                new ProgressBar(System.err, "reference " + curation.key()));
        Summary.print(spec.commandLine().getOut(), r);
        spec.commandLine().getOut().println("checkpoint " + out);
        return 0;
    }
}
