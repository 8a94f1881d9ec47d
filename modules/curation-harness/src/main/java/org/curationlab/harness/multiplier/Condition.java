package org.curationlab.harness.multiplier;

/**
 * One row of the multiplier table: a method's runs against a baseline's, under one condition.
 *
 * @param section  the table's block (e.g. "model size and budget")
 * @param name     the condition within it (e.g. "L, 2 400 steps")
 * @param baseline the runs whose final accuracy is the bar (uniform)
 * @param other    the runs measured against it
 */
public record Condition(String section, String name, RunSource baseline, RunSource other) {
}
