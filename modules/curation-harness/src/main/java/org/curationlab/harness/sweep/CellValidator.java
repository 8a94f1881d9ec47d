package org.curationlab.harness.sweep;

/**
 * Checks one cell's settings the way the command that runs it would (the CLI parses them as
 * {@code curate train} arguments), reporting the offending setting by key.
 */
@FunctionalInterface
public interface CellValidator {
    void check(SweepCell cell) throws InvalidSetting;

    /** A setting a cell cannot run with; {@code key} is null when no single setting is to blame. */
    final class InvalidSetting extends RuntimeException {
        private final String key;

        public InvalidSetting(String key, String message) {
            super(message);
            this.key = key;
        }

        public String key() {
            return key;
        }
    }
}
