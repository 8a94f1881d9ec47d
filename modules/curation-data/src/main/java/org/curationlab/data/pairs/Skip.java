package org.curationlab.data.pairs;

/**
 * An item left out of the pairs, with where it came from (a file, a CSV line, a tar entry) and
 * why: one line a person can act on.
 */
public record Skip(String where, Reason reason, String detail) {
    /** Why an item was left out; {@link #label()} groups them in reports. */
    public enum Reason {
        MISSING_FILE("image file missing"),
        ESCAPES_SOURCE("path escapes the source folder"),
        EMPTY_IMAGE("empty image file"),
        CORRUPT_IMAGE("truncated or corrupt image"),
        UNKNOWN_FORMAT("not an image format ImageIO can read"),
        TOO_LARGE("image too large"),
        EMPTY_CAPTION("empty caption"),
        NOT_UTF8("caption is not UTF-8"),
        NO_CAPTION("image without a caption"),
        NO_IMAGE("caption without an image"),
        DUPLICATE_KEY("duplicate key"),
        BAD_ROW("malformed row");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** {@code where: what was wrong}, tabs and newlines flattened so it stays one line. */
    public String line() {
        return (where + ": " + reason.label + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")"))
                .replaceAll("[\\t\\r\\n]+", " ");
    }
}
