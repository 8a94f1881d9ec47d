package org.curationlab.data.pairs;

/** Thrown inside loading when one item is unusable; the loader turns it into a {@link Skip}. */
final class BadItem extends Exception {
    final Skip.Reason reason;

    BadItem(Skip.Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    Skip at(String where) {
        return new Skip(where, reason, getMessage());
    }
}
