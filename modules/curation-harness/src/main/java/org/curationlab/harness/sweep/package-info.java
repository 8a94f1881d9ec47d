/**
 * Sweeps (docs/harness.md): YAML specs of fixed settings and axes, expanded into cells with Arbiter's
 * grid generator, run as child processes, with results appended per cell so a killed sweep
 * resumes with nothing lost or doubled. The store ({@link org.curationlab.harness.sweep.SweepResults}) writes
 * and reads its {@code results.csv} as a results table ({@link org.curationlab.train.results}).
 */
package org.curationlab.harness.sweep;
