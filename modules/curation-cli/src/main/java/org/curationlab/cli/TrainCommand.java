package org.curationlab.cli;

import org.curationlab.data.CurationException;
import org.curationlab.pruning.Pruners;
import org.curationlab.train.ProgressListener;
import org.curationlab.train.RunSpec;
import org.curationlab.train.Runs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
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
    @Option(names = "--pool-pruning", paramLabel = "PIPELINE", completionCandidates = Pruners.Names.class,
            description = "Prune the pool offline before training, with the reference's embeddings: one of ${COMPLETION-CANDIDATES} "
                    + "(keeping --keep of it), or a pipeline of them joined by '+', each stage on what the one before kept, its ':q' the "
                    + "fraction of the original pool it leaves (e.g. semdedup+score:0.5+dbp:0.3; a last stage without one takes --keep); "
                    + "none (the default) trains on the whole pool, so a sweep axis can hold the full-pool baseline.")
    String poolPruning;
    @Option(names = "--multi-res", defaultValue = "0", paramLabel = "FRACTION",
            description = "Fraction of each batch trained at 14x14 so the learner scores well there (CNN only) (default: ${DEFAULT-VALUE}).")
    double multiRes;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the run's rows, provenance and checkpoint.")
    Path out;
    @Option(names = "--run", paramLabel = "FILE",
            description = "Train the run a JSON file describes (fields: these options' long names without dashes; fields left out "
                    + "take their defaults), as `curate sweep` does for each cell; only --out and --resume go beside it.")
    Path runFile;
    private static final Set<String> ALONGSIDE_RUN = Set.of("--run", "--out", "--resume");
    @Spec
    CommandSpec spec;

    /**
     * The run these options describe, one field per option. With {@code --run FILE} the file is the
     * run, and only {@code --out} and {@code --resume} may be given beside it.
     */
    RunSpec toRun() {
        if (runFile != null) {
            List<String> others = spec.commandLine().getParseResult().matchedOptions().stream()
                    .map(OptionSpec::longestName).filter(n -> !ALONGSIDE_RUN.contains(n)).toList();
            if (!others.isEmpty()) {
                throw new CurationException("--run: " + runFile + " holds every setting of the run; give only --out and --resume "
                        + "beside it (got " + String.join(", ", others) + ")");
            }
            return RunSpec.read(runFile);
        }
        return new RunSpec(data.dataDir == null ? null : data.dataDir.toString(), data.poolSize, data.noise, data.seed,
                model.size, model.tower, model.loss, model.learningRate, model.warmup, model.embedDim,
                run.iterations, run.batch, run.evalEvery, run.evalSize, run.threads, multiRes,
                selection.method, selection.selection, selection.filterRatio, selection.scoreResolution, selection.chunks,
                selection.firstChunk, selection.greedy, selection.refine, selection.negateScores,
                selection.reference, selection.referenceIterations, selection.cacheDir == null ? null : selection.cacheDir.toString(),
                poolPruning, pruning.keep, pruning.clusters, pruning.temperature, pruning.nn, pruning.epsilon, pruning.minPerCluster,
                pruning.pruneEmbedding);
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Runs.Result r = Runs.train(toRun(), out, run.resume, new Runs.Listener() {
            @Override
            public ProgressListener progress(String label) {
                return new ProgressBar(System.err, label);
            }

            @Override
            public void note(String line) {
                err.println(line);
                err.flush();
            }
        });
        Summary.print(spec.commandLine().getOut(), r.trained());
        return 0;
    }
}
