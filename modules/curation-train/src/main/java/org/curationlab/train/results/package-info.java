/**
 * Results tables: a run's {@code eval.csv} and a sweep's {@code results.csv} are one kind of
 * table, read and written here with Jackson's CSV module ({@link org.curationlab.train.results.ResultsCsv}),
 * and read back as typed rows ({@link org.curationlab.train.results.ResultRow}) that know the file
 * and line they came from, so a bad value is reported once, naming both.
 */
package org.curationlab.train.results;
