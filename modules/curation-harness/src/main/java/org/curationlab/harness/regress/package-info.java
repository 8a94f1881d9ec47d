/**
 * Regression of scaling curves (`curate regress`): a {@link org.curationlab.harness.regress.Baseline}
 * holds, per group of a sweep (e.g. per method), the final metric and the fitted curve's parameters
 * with tolerance bands derived from the seed-to-seed spread, plus the orderings between groups that
 * the baseline shows clearly; {@link org.curationlab.harness.regress.Baseline#check} judges a new
 * run of the same sweep against them.
 */
package org.curationlab.harness.regress;
