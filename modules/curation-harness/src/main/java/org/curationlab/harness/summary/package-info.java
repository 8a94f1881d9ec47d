/**
 * What every consumer of results asks of them, written once: the final evaluation row of each
 * cell (or of each group and seed), rows per group ({@link org.curationlab.harness.summary.FinalRows}),
 * and the mean ± sample standard deviation over seeds ({@link org.curationlab.harness.summary.MeanSd},
 * Hipparchus statistics). Figures, tables, baselines and tunes all summarise through here.
 */
package org.curationlab.harness.summary;
