/**
 * What every consumer of results asks of them, written once: the final evaluation row of each
 * cell (or of each group and seed), rows per group ({@link org.curationlab.harness.summary.FinalRows}),
 * the mean ± sample standard deviation over seeds ({@link org.curationlab.harness.summary.MeanSd},
 * Hipparchus statistics) and the zero-shot accuracy a cell's reference recorded
 * ({@link org.curationlab.harness.summary.ReferenceAccuracy}). Figures, tables, baselines, tunes and the
 * multiplier table all summarise through here.
 */
package org.curationlab.harness.summary;
