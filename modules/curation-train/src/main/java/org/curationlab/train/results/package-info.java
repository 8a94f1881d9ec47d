/**
 * Results tables: a run's {@code eval.csv} and a sweep's {@code results.csv} are one kind of
 * table, read and written here with Jackson's CSV module ({@link org.curationlab.train.results.ResultsCsv}),
 * and read back as typed rows ({@link org.curationlab.train.results.ResultRow}) that know the file
 * and line they came from, so a bad value is reported once, naming both. One reader
 * ({@link org.curationlab.train.results.ResultsTable#read}) serves every command, with one rule for a
 * last line without its newline ({@link org.curationlab.train.results.LastLine}) and for a sweep cell
 * whose rows are incomplete ({@link org.curationlab.train.results.CellBlocks}), each left-out part named
 * in a note ({@link org.curationlab.train.results.ResultsNotes}).
 */
package org.curationlab.train.results;
