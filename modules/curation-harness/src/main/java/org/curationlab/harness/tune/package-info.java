/**
 * Hyperparameter search (`curate tune`, docs/harness.md): a {@link org.curationlab.harness.tune.TuneSpec}
 * adds a {@code search:} section to a sweep spec; {@link org.curationlab.harness.tune.TunePlan}
 * draws the candidates with Arbiter's random or grid generator (seeded, so a rerun draws the same
 * ones and resumes), once per group of the spec's axes, and the cells run through the ordinary
 * sweep runner (child processes, atomic rows, kill-safe resume). The best settings per group land
 * in {@code best.json} ({@link org.curationlab.harness.tune.TunedSettings}), which a sweep spec
 * names with {@code tuned:} so that every method is compared at its own best.
 */
package org.curationlab.harness.tune;
