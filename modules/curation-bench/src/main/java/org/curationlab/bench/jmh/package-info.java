/**
 * JMH benchmarks (run with {@code scripts/jmh}): the sgemm reference rate, a training step per
 * model size, learner scoring at 28×28 and 14×14, the joint selector over super-batch sizes B, and
 * spherical k-means over pool sizes N. {@link org.curationlab.bench.jmh.JmhReport} turns JMH's JSON
 * into the toolkit's bench rows (ms, GFLOP/s, ratio to the same run's sgemm). The workloads and FLOP
 * counts are {@code curate bench}'s ({@link org.curationlab.bench.Bench}), so both agree.
 * Every class repeats the same JMH settings (average ms per call, 3 × 2 s warm-up, 5 × 2 s
 * measured, one fork): JMH ignores meta-annotations. The fork's memory limits are not here:
 * {@code scripts/jmh} appends the repository's {@code jvm-memory.options} (the limits every ND4J
 * JVM runs with) to its JVM options.
 */
package org.curationlab.bench.jmh;
