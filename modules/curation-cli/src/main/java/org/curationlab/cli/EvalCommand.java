package org.curationlab.cli;

import org.curationlab.data.DataWorld;
import org.curationlab.models.TwoTowerModel;
import org.curationlab.train.Evaluator;
import org.curationlab.train.Metrics;
import org.curationlab.train.ModelEncoders;
import org.curationlab.train.RunProvenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code curate eval}: evaluate any saved model on the test split. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a saved model on the real test split: zero-shot top-1, retrieval recall@1/@5 both ways, 10-shot linear probe.")
public final class EvalCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", required = true, paramLabel = "FILE", description = "A checkpoint written by train or reference.")
    Path checkpoint;
    @Option(names = "--json", description = "Print one JSON object keyed by metric name instead of a table.")
    boolean json;
    @Option(names = "--eval-size", defaultValue = "10000", paramLabel = "N", description = "Test pairs to evaluate on (default: ${DEFAULT-VALUE}).")
    int evalSize;
    @Option(names = "--data-dir", paramLabel = "DIR", description = "Folder with the Fashion-MNIST IDX files (default: the usual search order).")
    Path dataDir;
    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the test captions and probe shots (default: ${DEFAULT-VALUE}).")
    long seed;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (evalSize < 10) {
            throw new org.curationlab.data.CurationException("--eval-size: " + evalSize + " must be at least 10 test pairs");
        }
        // Refuses a checkpoint with NaN or infinite weights: it would score every pair alike.
        TwoTowerModel model = TwoTowerModel.load(checkpoint);
        DataWorld world = DataWorld.load(dataDir);
        Evaluator evaluator = new Evaluator(world, evalSize, seed);
        if (evalSize > evaluator.size()) {
            spec.commandLine().getErr().println(org.curationlab.train.Runs.evalSizeNote(evalSize, evaluator.size()));
            spec.commandLine().getErr().flush();
        }
        Metrics m = evaluator.evaluate(ModelEncoders.of(model));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(RunProvenance.jsonLine(m.asMap()));
        } else {
            for (Map.Entry<String, Double> e : m.asMap().entrySet()) {
                out.printf(Locale.ROOT, "%-14s %.4f%n", e.getKey(), e.getValue());
            }
        }
        out.flush();
        return 0;
    }
}
