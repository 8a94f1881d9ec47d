package org.curationlab.harness.sweep;

import org.curationlab.train.RunSpec;

/** A sweep cell and the run it trains, built from its settings and checked once ({@link CellRuns}). */
public record CellRun(SweepCell cell, RunSpec run) {
}
