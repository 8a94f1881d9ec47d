/**
 * The training loop with online selection (docs/selection.md): a run as data ({@link org.curationlab.train.RunSpec})
 * and the call that trains one ({@link org.curationlab.train.Runs#train}), the JEST batch policy, evaluation,
 * the compute ledger ({@link org.curationlab.train.ComputeLedger}, whose keys name the FLOP columns; the counts
 * themselves come from {@link org.curationlab.models.FlopCount}), and the evaluation log; its rows are a results
 * table ({@link org.curationlab.train.results}).
 */
package org.curationlab.train;
