/**
 * One table of JEST's compute multipliers across conditions (issue 14, item 5): each condition is a
 * baseline and a method, read from committed records ({@link org.curationlab.harness.multiplier.RunSource}),
 * named in a spec ({@link org.curationlab.harness.multiplier.MultiplierSpec}); each is measured on
 * the observed curves, in iterations and in total FLOPs, at the baseline's final accuracy, with
 * bootstrap intervals over seeds ({@link org.curationlab.harness.multiplier.ConditionResult}); and in training
 * time ({@link org.curationlab.harness.multiplier.WallClock}), marked unless the runs were timed alone
 * ({@link org.curationlab.harness.multiplier.Timing}).
 */
package org.curationlab.harness.multiplier;
