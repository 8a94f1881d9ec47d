package org.curationlab.cli;

import org.curationlab.data.CurationException;
import org.curationlab.data.CurationLevel;
import org.curationlab.data.DataWorld;
import org.curationlab.data.PoolSpec;
import org.curationlab.train.ReferenceBudget;
import org.curationlab.train.ReferenceTraining;
import org.curationlab.train.RunSpec;
import org.curationlab.train.settings.RunSchema;
import org.curationlab.train.settings.Setting;
import org.curationlab.train.TrainConfig;
import org.curationlab.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code curate reference}: train the frozen reference model of JEST on a curation level's
 * reference set (the paper's small curated set) and save it as a checkpoint.
 */
@Command(name = "reference", mixinStandardHelpOptions = true, modelTransformer = SettingOptions.Reference.class,
        description = "Train a reference model on a curation level's reference set, or on your own curated pairs (--reference-pairs), "
                + "and save it as the checkpoint FILE "
                + "(FILE.json beside it holds its final metrics and provenance; FILE.run/ its evaluation rows).")
public final class ReferenceCommand implements Callable<Integer> {
    @Option(names = "--resume", description = "Continue the run already in --out from its last checkpoint.")
    boolean resume;
    @Option(names = "--curation-level", defaultValue = "curated", paramLabel = "LEVEL",
            description = "none, half-noise, curated, curated-plus or curated-plus-plus (default: ${DEFAULT-VALUE}).")
    String level;
    @Option(names = "--reference-size", paramLabel = "N", description = "Pairs in the reference set (default: the level's preset size).")
    Integer referenceSize;
    @Option(names = "--passes", paramLabel = "P", description = "Train for P passes over the reference set's images: "
            + "ceil(P x images / batch) steps (default: " + (int) ReferenceBudget.DEFAULT_PASSES + " unless --iterations is given: 625 steps for the 2 000-image "
            + "levels; with --reference-pairs, passes over the pairs it trains on). "
            + "One number of passes for every level gives each level a budget in proportion to its data, so a larger level is "
            + "neither cut short nor a smaller one over-trained.")
    Double passes;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The checkpoint to write (e.g. refs/curated-M.zip).")
    Path out;
    @Spec
    CommandSpec spec;
    private RunSpec settings;

    @Override
    public Integer call() {
        RunSpec run = settings();
        if (run.data().referencePairs() != null) {
            return onPairs(run);
        }
        if (run.ownPairs()) {
            throw new CurationException("--pairs: curate reference trains on your curated pairs, --reference-pairs SOURCE");
        }
        for (Setting<?> s : RunSchema.of(Setting.Group.DATA, Setting.Group.PAIRS)) {
            if (s.quiet() && !java.util.Objects.equals(s.of(run), s.defaultValue())) {
                throw new CurationException("--" + s.key() + ": only with --reference-pairs (a curation level's reference is Fashion-MNIST's)");
            }
        }
        CurationLevel curation = CurationLevel.parse(level);
        PoolSpec poolSpec = run.poolSpec();
        TrainConfig cfg = run.with(RunSchema.ITERATIONS, iterations(curation)).trainConfig();
        String dataDir = run.data().dataDir();
        Trainer.Result r = ReferenceTraining.train(DataWorld.load(dataDir == null ? null : Path.of(dataDir)), curation, poolSpec.noise(),
                referenceSize, cfg, out, resume,
                new ProgressBar(System.err, "reference " + curation.key()));
        Summary.print(spec.commandLine().getOut(), r);
        spec.commandLine().getOut().println("checkpoint " + out);
        return 0;
    }

    /**
     * A reference on your own curated pairs: trained on {@code --reference-pairs} but a held-out
     * 10% (or all of them, evaluated on {@code --eval-pairs}); its tokenizer goes into the checkpoint.
     */
    private Integer onPairs(RunSpec run) {
        ParseResult given = spec.commandLine().getParseResult();
        for (String synthetic : List.of("--curation-level", "--reference-size", "--pool-size", "--noise", "--data-dir")) {
            if (given.hasMatchedOption(synthetic)) {
                throw new CurationException(synthetic + ": not with --reference-pairs (the reference trains on the pairs it names, for "
                        + "--iterations steps or --passes passes over them)");
            }
        }
        budget(); // refuses --passes with --iterations, or a bad --passes, before anything is read
        boolean iterationsGiven = iterationsGiven();
        // Passes count the pairs trained on, known once the source is read and its 10% held out.
        java.util.function.IntFunction<TrainConfig> cfgFor = pairs -> {
            if (iterationsGiven) {
                return run.trainConfig();
            }
            int steps = iterations(pairs);
            double p = passes != null ? passes : ReferenceBudget.DEFAULT_PASSES;
            spec.commandLine().getErr().printf(java.util.Locale.ROOT, "curate reference: %s passes over the %d pairs trained on: "
                    + "%d iterations of %d%n", java.math.BigDecimal.valueOf(p).stripTrailingZeros().toPlainString(), pairs, steps,
                    run.training().batch());
            spec.commandLine().getErr().flush();
            return run.with(RunSchema.ITERATIONS, steps).trainConfig();
        };
        Trainer.Result r = ReferenceTraining.trainOnPairs(run, cfgFor, out, resume, run.cacheDirectory(),
                new ProgressBar(System.err, "reference " + run.data().referencePairs()));
        Summary.print(spec.commandLine().getOut(), r);
        spec.commandLine().getOut().println("checkpoint " + out);
        return 0;
    }

    /** The settings a reference shares with a run, as given (the rest at their defaults); read once, on first use. */
    RunSpec settings() {
        if (settings == null) {
            settings = SettingOptions.read(spec, SettingOptions.Reference.SETTINGS);
        }
        return settings;
    }

    /**
     * --iterations as given, else the steps that make --passes (default {@value ReferenceBudget#DEFAULT_PASSES})
     * passes over the level's images. A reference's record names the steps it took, so it is rerun with them.
     */
    int iterations(CurationLevel curation) {
        if (referenceSize != null && referenceSize <= 0) {
            throw new CurationException("--reference-size: " + referenceSize + " must be positive");
        }
        return iterations(referenceSize != null ? referenceSize : curation.size());
    }

    /**
     * The steps that make --passes (default {@value ReferenceBudget#DEFAULT_PASSES}) passes over
     * {@code images} images, ceil(P x images / batch) (on your pairs, each pair is its own image: a
     * source names an image once), or --iterations as given.
     */
    int iterations(int images) {
        return budget().steps(images, settings().training().batch());
    }

    /** --iterations as given, else --passes (its default when not given); both given is refused. */
    private ReferenceBudget budget() {
        return ReferenceBudget.of(iterationsGiven() ? settings().training().iterations() : null, passes, passes != null,
                "--iterations", "--passes");
    }

    private boolean iterationsGiven() {
        return spec.commandLine().getParseResult().hasMatchedOption("--iterations");
    }
}
