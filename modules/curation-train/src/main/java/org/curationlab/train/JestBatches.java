package org.curationlab.train;

import org.curationlab.data.pairs.ImageTextPairs;
import org.curationlab.data.Seeds;
import org.curationlab.data.NativeArrays;
import org.curationlab.models.ContrastiveLoss;
import org.curationlab.models.FlopCount;
import org.curationlab.models.ImageResolution;
import org.curationlab.models.TwoTowerModel;
import org.curationlab.selection.BatchScorer;
import org.curationlab.selection.BatchSelector;
import org.curationlab.selection.IndependentSelector;
import org.curationlab.selection.JointSelector;
import org.curationlab.selection.Score;
import org.curationlab.selection.Scores;
import org.curationlab.selection.Selection;
import org.curationlab.selection.SigmoidScorer;
import org.curationlab.selection.SoftmaxScorer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Online batch selection (JEST, docs/selection.md): each step draws a super-batch of B = b / (1 − f)
 * pairs uniformly, scores it with the learner (at the scoring resolution, or a patch tower at its
 * scoring patch) and the pre-scored reference (its embeddings made once at its base patch), and
 * keeps the sub-batch of b the selector chooses. Deterministic given the learner's
 * state, so a resumed run selects what an uninterrupted one would.
 */
final class JestBatches implements BatchSource {
    private final ImageTextPairs pool;
    private final UniformBatches superBatches;
    private final TwoTowerModel learner;
    private final ReferenceModel reference;
    private final SelectionConfig selection;
    private final BatchSelector selector;
    private final ComputeLedger ledger;
    private final int batch;
    private final int superBatch;
    private final long seed;
    private double learnabilitySum;
    private int learnabilityBatches;

    JestBatches(ImageTextPairs pool, int batch, long seed, TwoTowerModel learner, ReferenceModel reference,
                SelectionConfig selection, ComputeLedger ledger) {
        this.pool = pool;
        this.batch = batch;
        this.superBatch = selection.superBatch(batch);
        this.superBatches = new UniformBatches(pool.size(), superBatch, seed);
        this.learner = learner;
        this.reference = reference;
        this.selection = selection;
        this.selector = selection.joint() ? new JointSelector(selection.jointOptions())
                : new IndependentSelector(selection.independentOptions());
        this.ledger = ledger;
        this.seed = seed;
    }

    @Override
    public int[] batch(long step) {
        int[] candidates = superBatches.batch(step);
        Score score = selection.method();
        INDArray learnerLogits = null;
        INDArray referenceLogits = null;
        if (score.usesLearner() && selection.scorePatch() != null) {
            // Flexi-JEST: a patch tower scores at its scoring patch on the same weights, charged at that patch's FLOPs.
            int patch = selection.scorePatch();
            INDArray images = pool.images(candidates);
            INDArray tokens = pool.tokens(candidates);
            learnerLogits = learner.pairLogits(images, tokens, patch);
            NativeArrays.release(images, tokens);
            ledger.addLearnerScoring(FlopCount.scoringAtPatch(learner.config(), superBatch, patch));
        } else if (score.usesLearner()) {
            INDArray images = pool.images(candidates);
            INDArray tokens = pool.tokens(candidates);
            ImageResolution resolution = ImageResolution.ofSide(selection.scoreResolution());
            INDArray scored = resolution == ImageResolution.HALF ? Trainer.halve(learner.config(), images) : images;
            learnerLogits = learner.pairLogits(scored, tokens);
            // The super-batch (B images, 5× a step's at f = 0.8) freed now, so the next one reuses its memory.
            NativeArrays.release(images, scored, tokens);
            ledger.addLearnerScoring(FlopCount.scoring(learner.config(), superBatch, resolution));
        }
        if (score.usesReference()) {
            referenceLogits = reference.logits(candidates);
            ledger.addReferenceScoring(reference.logitsFlops(superBatch));
        }
        if (selection.negateScores()) {
            // −(L_learner − L_reference) is learnability with the two models' roles swapped.
            INDArray swap = learnerLogits;
            learnerLogits = referenceLogits;
            referenceLogits = swap;
        }
        BatchScorer scorer = learner.config().loss() == ContrastiveLoss.SIGMOID
                ? SigmoidScorer.of(score, learnerLogits, referenceLogits)
                : SoftmaxScorer.of(score, learnerLogits, referenceLogits);
        Selection chosen = selector.select(scorer, batch, Seeds.mix(seed, "select-" + step));
        // Both B × B logit matrices are this step's own and read only by the scorer.
        NativeArrays.release(learnerLogits, referenceLogits);
        if (score == Scores.LEARNABILITY) {
            learnabilitySum += chosen.score() / batch;
            learnabilityBatches++;
        }
        int[] ids = new int[batch];
        for (int k = 0; k < batch; k++) {
            ids[k] = candidates[chosen.indices()[k]];
        }
        return ids;
    }

    @Override
    public double drainMeanLearnability() {
        double mean = learnabilityBatches == 0 ? Double.NaN : learnabilitySum / learnabilityBatches;
        learnabilitySum = 0;
        learnabilityBatches = 0;
        return mean;
    }
}
