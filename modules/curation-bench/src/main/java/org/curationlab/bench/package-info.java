/**
 * The toolkit's benchmark, {@code curate bench}: every timing is reported beside the same run's
 * sgemm rate. {@link org.curationlab.bench.Bench} runs it (the CLI's command only parses flags and
 * prints): a training step per model size and engine, the loop rows ({@link
 * org.curationlab.bench.LoopBench}), learner scoring, the joint selector, k-means; {@link
 * org.curationlab.bench.OpLevers}, {@link org.curationlab.bench.StepProfile} and {@link
 * org.curationlab.bench.BenchComparison} are its other modes. The JMH benchmarks of the same
 * workloads are in {@link org.curationlab.bench.jmh}.
 */
package org.curationlab.bench;
