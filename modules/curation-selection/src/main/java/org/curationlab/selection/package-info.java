/**
 * Online batch selection from JEST (docs/selection.md): the batch scores, one {@link org.curationlab.selection.Score}
 * per file registered in {@link org.curationlab.selection.Scores}, applied to B×B pair-logit matrices of
 * the learner and the frozen reference (sigmoid and softmax scorers), and the joint, independent and brute-force
 * selectors that pick b of B examples. No model classes and no training here: callers hand in
 * logits (rows = images, columns = texts, matched pairs on the diagonal).
 */
package org.curationlab.selection;
