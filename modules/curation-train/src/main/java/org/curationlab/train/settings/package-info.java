/**
 * A run's settings: {@link org.curationlab.train.settings.RunSchema} declares each once (key, type,
 * default, help), and the group records here hold their values inside a
 * {@link org.curationlab.train.RunSpec}. Options, run.json, sweep specs, provenance and results.csv
 * columns all spell a setting by its schema key.
 */
package org.curationlab.train.settings;
