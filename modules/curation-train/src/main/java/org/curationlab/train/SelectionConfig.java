package org.curationlab.train;

import org.curationlab.data.CurationException;
import org.curationlab.models.ImageResolution;
import org.curationlab.selection.IndependentSelector;
import org.curationlab.selection.JointSelector;
import org.curationlab.selection.Score;
import org.curationlab.selection.Scores;


/**
 * How JEST picks each sub-batch (docs/selection.md): the score, joint or independent selection, the
 * filtering ratio f (super-batch B = b / (1 − f)), the selectors' options, and the resolution
 * the learner scores at (14 is the Flexi-JEST analogue: about 4.5× fewer FLOPs for the CNN) or, for
 * a patch tower, the patch it scores at ({@code scorePatch}, null without patches: Flexi-JEST's
 * larger patch on the same weights, e.g. 14 against the ViT's 7).
 */
public record SelectionConfig(Score method, boolean joint, double filterRatio, JointSelector.Options jointOptions,
                              IndependentSelector.Options independentOptions, int scoreResolution, boolean negateScores,
                              Integer scorePatch) {
    /** Scoring by resolution: a learner without patches, or one that scores at its base patch. */
    public SelectionConfig(Score method, boolean joint, double filterRatio, JointSelector.Options jointOptions,
                           IndependentSelector.Options independentOptions, int scoreResolution, boolean negateScores) {
        this(method, joint, filterRatio, jointOptions, independentOptions, scoreResolution, negateScores, null);
    }

    public SelectionConfig {
        // Uniform uses no score, so a sweep-wide fault injection (regress --set negate-scores=true)
        // leaves its cells as they are; on the other scores it would mean nothing.
        if (negateScores && method != Scores.LEARNABILITY && method.usesModels()) {
            throw new CurationException("--negate-scores: applies to --method learnability only (it swaps learner and reference)");
        }
        if (!(filterRatio >= 0 && filterRatio < 1)) {
            throw new CurationException("--filter-ratio: " + filterRatio + " must be in [0, 1) (0.8 keeps 1 in 5 of the super-batch)");
        }
        if (scoreResolution != ImageResolution.FULL.side() && scoreResolution != ImageResolution.HALF.side()) {
            throw new CurationException("--score-resolution: " + scoreResolution + " must be 28 or 14");
        }
    }

    public static SelectionConfig uniform() {
        return new SelectionConfig(Scores.UNIFORM, true, 0.0, JointSelector.Options.paper(), IndependentSelector.Options.topB(), ImageResolution.FULL.side(), false);
    }

    /** B = b / (1 − f), rounded to the nearest whole example. */
    public int superBatch(int batch) {
        return (int) Math.round(batch / (1 - filterRatio));
    }

}
