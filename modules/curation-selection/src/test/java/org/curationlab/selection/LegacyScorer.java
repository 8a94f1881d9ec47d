package org.curationlab.selection;

/**
 * The scorer interface as it was before scores became types (issue 17, item 2), kept in the tests
 * only so that {@link ScoreEquivalenceTest} can compare the old path with the new one bit for bit.
 */
interface LegacyScorer {
    LegacyScoreMethod method();

    int size();

    double batchScore(int[] subset);

    double[] exampleScores();

    ConditionalScores start();
}
