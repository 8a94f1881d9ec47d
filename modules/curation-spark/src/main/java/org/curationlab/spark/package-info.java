/**
 * The Spark cell engine ({@code curate sweep --engine spark}): each sweep cell one Spark task that
 * trains it as a child {@code curate train --run} process on an executor, its rows returned to the
 * driver, where the sweep runner appends them as on the local engine. Task parallelism, not DL4J's
 * data-parallel Spark training: the cells are independent runs.
 */
package org.curationlab.spark;
