package org.curationlab.cli;

import org.curationlab.data.CurationException;
import org.curationlab.data.DataWorld;
import org.curationlab.data.pairs.CaptionTokenizer;
import org.curationlab.data.pairs.OwnPairPool;
import org.curationlab.models.ModelConfig;
import org.curationlab.models.TwoTowerModel;
import org.curationlab.train.Evaluation;
import org.curationlab.train.Evaluator;
import org.curationlab.train.HeldOutEvaluator;
import org.curationlab.train.OwnPairsData;
import org.curationlab.train.RunSpec;
import org.curationlab.train.settings.RunSchema;
import org.curationlab.train.Metrics;
import org.curationlab.train.ModelEncoders;
import org.curationlab.train.RunProvenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code curate eval}: evaluate any saved model on the test split, or on your own held-out pairs. */
@Command(name = "eval", mixinStandardHelpOptions = true, modelTransformer = SettingOptions.Eval.class,
        description = "Evaluate a saved model on the real test split: zero-shot top-1, retrieval recall@1/@5 both ways, 10-shot linear probe. "
                + "With --pairs (its held-out 10%%) or --eval-pairs: recall@1/@5 both ways on your pairs, and zero-shot top-1 when they have labels.")
public final class EvalCommand implements Callable<Integer> {
    /** The count of pairs evaluated, printed beside the metrics of an evaluation on your pairs. */
    static final String EVAL_PAIRS = "eval_pairs";
    @Option(names = "--checkpoint", required = true, paramLabel = "FILE", description = "A checkpoint written by train or reference.")
    Path checkpoint;
    @Option(names = "--json", description = "Print one JSON object keyed by metric name instead of a table.")
    boolean json;
    @Option(names = "--eval-size", defaultValue = "10000", paramLabel = "N", description = "Test pairs to evaluate on (default: ${DEFAULT-VALUE}); "
            + "on your pairs, a seeded subset of the held-out pairs when they are more.")
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
        RunSpec run = SettingOptions.read(spec, SettingOptions.Eval.SETTINGS);
        Evaluation evaluator;
        TwoTowerModel model;
        boolean ownPairs = false;
        if (run.ownPairs() || run.data().evalPairs() != null) {
            ModelConfig held = TwoTowerModel.readConfig(checkpoint);
            CaptionTokenizer tokenizer = TwoTowerModel.readTokenizer(checkpoint).orElseThrow(() -> new CurationException("--checkpoint: "
                    + checkpoint + " was trained on the Fashion-MNIST world (it holds no caption tokenizer); --pairs and --eval-pairs "
                    + "evaluate a model trained on your own pairs"));
            // The images are decoded to the shape the model takes unless told otherwise (then refused below if it differs).
            ParseResult given = spec.commandLine().getParseResult();
            if (!given.hasMatchedOption("--image-size")) {
                run = run.with(RunSchema.IMAGE_SIZE, held.imageShape().side());
            }
            if (!given.hasMatchedOption("--channels")) {
                run = run.with(RunSchema.CHANNELS, held.imageShape().channels());
            }
            OwnPairPool pairs = OwnPairsData.evaluationPairs(run, run.cacheDirectory(), tokenizer);
            held.requireFits(pairs.channels(), pairs.side(), pairs.pairs().source());
            model = TwoTowerModel.load(checkpoint);
            HeldOutEvaluator.note(run.data().evalPairs() != null ? "pairs of --eval-pairs" : "held-out pairs", pairs.size(), evalSize)
                    .ifPresent(line -> {
                        spec.commandLine().getErr().println(line);
                        spec.commandLine().getErr().flush();
                    });
            evaluator = HeldOutEvaluator.of(pairs, tokenizer, evalSize);
            ownPairs = true;
        } else {
            // Refuses a checkpoint with NaN or infinite weights: it would score every pair alike.
            model = TwoTowerModel.load(checkpoint);
            DataWorld world = DataWorld.load(dataDir);
            Evaluator testSplit = new Evaluator(world, evalSize, seed);
            if (evalSize > testSplit.size()) {
                spec.commandLine().getErr().println(org.curationlab.train.Runs.evalSizeNote(evalSize, testSplit.size()));
                spec.commandLine().getErr().flush();
            }
            evaluator = testSplit;
        }
        Metrics m = evaluator.evaluate(ModelEncoders.of(model));
        Map<String, Double> shown = new LinkedHashMap<>();
        m.asMap().forEach((k, v) -> {
            if (evaluator.reports(k)) {
                shown.put(k, v);
            }
        });
        PrintWriter out = spec.commandLine().getOut();
        // On your pairs, recall@k depends on how many pairs were ranked: their count goes with the metrics.
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>(shown);
            if (ownPairs) {
                doc.put(EVAL_PAIRS, evaluator.size());
            }
            out.println(RunProvenance.jsonLine(doc));
        } else {
            for (Map.Entry<String, Double> e : shown.entrySet()) {
                out.printf(Locale.ROOT, "%-14s %.4f%n", e.getKey(), e.getValue());
            }
            if (ownPairs) {
                out.printf(Locale.ROOT, "%-14s %d%n", EVAL_PAIRS, evaluator.size());
            }
        }
        out.flush();
        return 0;
    }
}
