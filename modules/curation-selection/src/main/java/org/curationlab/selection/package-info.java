/**
 * Online batch selection from JEST (DESIGN §3): scores of a sub-batch computed from B×B pair-logit
 * matrices of the learner and the frozen reference, and the joint, independent and brute-force
 * selectors that pick b of B examples. No model classes and no training here: callers hand in
 * logits (rows = images, columns = texts, matched pairs on the diagonal).
 */
package org.curationlab.selection;
