/**
 * What every consumer of results asks of them, written once: the final evaluation row of each
 * cell (or of each group and seed), rows per group ({@link org.curationlab.harness.summary.FinalRows}), each run's
 * row at a point such as equal compute ({@link org.curationlab.harness.summary.RowsAt}),
 * the mean ± sample standard deviation over seeds ({@link org.curationlab.harness.summary.MeanSd},
 * Hipparchus statistics) and the zero-shot accuracy a cell's reference recorded
 * ({@link org.curationlab.harness.summary.ReferenceAccuracy}). Figures, tables, baselines, tunes and the
 * multiplier table all summarise through here, and so do the report tables: final metrics per group
 * ({@link org.curationlab.harness.summary.GroupTable}), paired-by-seed differences with t intervals
 * ({@link org.curationlab.harness.summary.PairedComparison}) and what pruning stages kept
 * ({@link org.curationlab.harness.summary.StageComposition}).
 */
package org.curationlab.harness.summary;
