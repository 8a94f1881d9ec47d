package org.curationlab.cli;

import org.curationlab.data.CurationException;
import org.curationlab.data.io.Npy;
import org.curationlab.selection.BatchScorer;
import org.curationlab.selection.BruteForceSelector;
import org.curationlab.selection.FirstChunkRule;
import org.curationlab.selection.IndependentSelector;
import org.curationlab.selection.JointSelector;
import org.curationlab.selection.PairMatrix;
import org.curationlab.selection.Score;
import org.curationlab.selection.Scores;
import org.curationlab.selection.Selection;
import org.curationlab.selection.SigmoidScorer;
import org.curationlab.selection.SoftmaxScorer;
import org.curationlab.selection.UniformSelector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code curate select}: run a JEST selector on saved B×B pair-logit matrices, for inspection,
 * interop with other trainers, and testing.
 */
@Command(name = "select", mixinStandardHelpOptions = true,
        description = "Select a sub-batch from saved B x B pair-logit matrices (float32 .npy; rows images, columns texts, "
                + "matched pairs on the diagonal). Writes the chosen row indices, one per line, in selection order.")
public final class SelectCommand implements Callable<Integer> {
    @Option(names = "--learner-logits", paramLabel = "L.npy", description = "The learner's pair logits (needed by the scores that read the learner, e.g. hard-learner and learnability).")
    Path learnerLogits;
    @Option(names = "--reference-logits", paramLabel = "R.npy", description = "The reference's pair logits (needed by the scores that read the reference, e.g. easy-reference and learnability).")
    Path referenceLogits;
    @Option(names = "--loss", defaultValue = "sigmoid", paramLabel = "LOSS", description = "sigmoid or softmax (default: ${DEFAULT-VALUE}).")
    String loss;
    @Option(names = "--method", defaultValue = "learnability", paramLabel = "METHOD", completionCandidates = Scores.Names.class,
            description = "Batch score, one of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String method;
    @Option(names = "--selection", defaultValue = "joint", paramLabel = "KIND", description = "joint or independent (default: ${DEFAULT-VALUE}).")
    String selection;
    @Option(names = "--batch", required = true, paramLabel = "b", description = "Sub-batch size to select.")
    int batch;
    @Option(names = "--chunks", paramLabel = "n", description = "Chunks of the joint sampler (default: min(16, --batch)).")
    Integer chunks;
    @Option(names = "--greedy", description = "Top-k per chunk (top-b for independent) instead of sampling.")
    boolean greedy;
    @Option(names = "--refine", defaultValue = "0", paramLabel = "PASSES", description = "Swap-refinement passes after joint selection (default: ${DEFAULT-VALUE}).")
    int refine;
    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the sampler (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the chosen indices (omit with --report to only compare).")
    Path out;
    @Option(names = "--report", description = "Print the batch score of joint, independent and random selection, and the brute-force optimum when B <= 20.")
    boolean report;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Score m = Scores.parse(method);
        if (out == null && !report) {
            throw new CurationException("--out: missing; give a file for the chosen indices (or --report to only compare)");
        }
        if (out != null) {
            OutputGuard.check("--out", out, OutputGuard.Kind.CSV,
                    java.util.stream.Stream.of(learnerLogits, referenceLogits).filter(java.util.Objects::nonNull).toList());
        }
        PairMatrix l = read(learnerLogits, "--learner-logits", m.usesLearner());
        PairMatrix r = read(referenceLogits, "--reference-logits", m.usesReference());
        if (l != null && r != null && l.size() != r.size()) {
            throw new CurationException("--learner-logits is " + l.size() + "x" + l.size() + " but --reference-logits is "
                    + r.size() + "x" + r.size() + "; both must score the same super-batch");
        }
        BatchScorer scorer = switch (loss.toLowerCase(Locale.ROOT)) {
            case "sigmoid" -> SigmoidScorer.of(m, l, r);
            case "softmax" -> SoftmaxScorer.of(m, l, r);
            default -> throw new CurationException("--loss: '" + loss + "' is not sigmoid or softmax");
        };
        JointSelector joint = new JointSelector(new JointSelector.Options(chunks != null ? chunks : JointSelector.Options.defaultChunks(batch), FirstChunkRule.DIAGONAL_SOFTMAX, greedy, refine));
        IndependentSelector independent = new IndependentSelector(new IndependentSelector.Options(greedy));
        Selection chosen = switch (selection.toLowerCase(Locale.ROOT)) {
            case "joint" -> joint.select(scorer, batch, seed);
            case "independent" -> independent.select(scorer, batch, seed);
            default -> throw new CurationException("--selection: '" + selection + "' is not joint or independent");
        };
        if (out != null) {
            PruneCommand.writeIndices(out, chosen.indices());
        }
        PrintWriter o = spec.commandLine().getOut();
        if (report) {
            o.printf(Locale.ROOT, "B=%d b=%d method=%s loss=%s%n", scorer.size(), batch, m.name(), loss);
            o.printf(Locale.ROOT, "  %-12s %14.4f%n", "joint", joint.select(scorer, batch, seed).score());
            o.printf(Locale.ROOT, "  %-12s %14.4f%n", "independent", independent.select(scorer, batch, seed).score());
            o.printf(Locale.ROOT, "  %-12s %14.4f%n", "random", scorer.batchScore(new UniformSelector().select(scorer, batch, seed).indices()));
            if (scorer.size() <= 20) {
                o.printf(Locale.ROOT, "  %-12s %14.4f%n", "brute-force", new BruteForceSelector().select(scorer, batch, seed).score());
            }
        }
        if (out != null) {
            o.printf("selected %d of %d -> %s%n", batch, scorer.size(), out);
        }
        o.flush();
        return 0;
    }

    private static PairMatrix read(Path file, String flag, boolean needed) {
        if (file == null) {
            if (needed) {
                throw new CurationException(flag + ": missing; the chosen --method needs it");
            }
            return null;
        }
        Npy.Array a = Npy.read(file);
        float[] values = a.requireFloat32Matrix();
        if (a.rows() != a.cols()) {
            throw new CurationException(file + " (" + flag + "): is " + a.rows() + "x" + a.cols() + ", expected a square B x B matrix");
        }
        return PairMatrix.of(file.toString(), values);
    }
}
