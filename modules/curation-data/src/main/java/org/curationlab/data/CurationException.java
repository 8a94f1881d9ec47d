package org.curationlab.data;

/**
 * An error the user can act on: bad input, a missing dataset, an impossible setting. The CLI
 * prints its message alone (no stack trace) and exits non-zero, so the message must name the
 * file, field or value at fault and say what was expected.
 */
public class CurationException extends RuntimeException {
    public CurationException(String message) {
        super(message);
    }

    public CurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
