package org.curationlab.cli;

import org.curationlab.selection.Scores;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The JEST options of {@code curate train}: fields of {@link org.curationlab.train.RunSpec}, which parses and checks them. */
public final class SelectionOptions {
    @Option(names = "--method", defaultValue = "uniform", paramLabel = "METHOD", completionCandidates = Scores.Names.class,
            description = "Batch score, one of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--selection", defaultValue = "joint", paramLabel = "KIND",
            description = "joint (the paper's chunked sampler) or independent (per-example scores) (default: ${DEFAULT-VALUE}).")
    String selection;

    @Option(names = "--filter-ratio", defaultValue = "0.8", paramLabel = "f",
            description = "Fraction of each super-batch filtered out: B = b / (1 - f) (default: ${DEFAULT-VALUE}).")
    double filterRatio;

    @Option(names = "--reference", defaultValue = "curated", paramLabel = "FILE|LEVEL",
            description = "The frozen reference: a checkpoint from `curate reference`, or a curation level whose reference is "
                    + "trained once and cached (default: ${DEFAULT-VALUE}).")
    String reference;

    @Option(names = "--reference-iterations", defaultValue = "1000", paramLabel = "N",
            description = "Steps for a reference trained from a level (default: ${DEFAULT-VALUE}).")
    int referenceIterations;

    @Option(names = "--score-resolution", defaultValue = "28", paramLabel = "RES",
            description = "Resolution the learner scores at: 28, or 14 (the Flexi-JEST analogue, CNN only) (default: ${DEFAULT-VALUE}).")
    int scoreResolution;

    @Option(names = "--chunks", paramLabel = "n", description = "Chunks of the joint sampler (default: min(16, --batch)).")
    Integer chunks;

    @Option(names = "--first-chunk", defaultValue = "diagonal-softmax", paramLabel = "RULE",
            description = "First chunk of the joint sampler: diagonal-softmax, uniform or greedy (default: ${DEFAULT-VALUE}).")
    String firstChunk;

    @Option(names = "--greedy", description = "Take the top-k at each chunk (and top-b for independent) instead of sampling.")
    boolean greedy;

    @Option(names = "--refine", defaultValue = "0", paramLabel = "PASSES",
            description = "Swap-refinement passes after joint selection, sigmoid loss only (default: ${DEFAULT-VALUE}, the paper's sampler).")
    int refine;

    /** Fault injection for `curate regress`'s own test: a sign error in the score must move the curves. */
    @Option(names = "--negate-scores", hidden = true,
            description = "Testing only: negate the learnability score (swap learner and reference), a deliberate regression.")
    boolean negateScores;
    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Cache of reference embeddings and level references (default: $CURATE_CACHE or ~/.cache/curationlab).")
    Path cacheDir;
}
