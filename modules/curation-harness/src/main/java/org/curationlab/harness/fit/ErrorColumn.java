package org.curationlab.harness.fit;

import java.util.Locale;

/**
 * The error a fit reads when a table has no {@code error} column: 1 − zeroshot_top1, written to six
 * significant digits as results tables write their numbers (a fit of the text it would read from a
 * file is the fit of that file).
 */
public final class ErrorColumn {
    /** The derived column, {@code curate fit}'s default {@code --y}. */
    public static final String NAME = "error";
    /** The accuracy it is derived from. */
    public static final String ACCURACY = "zeroshot_top1";

    private ErrorColumn() {
    }

    /** The error of a zero-shot top-1 accuracy, as the column's text. */
    public static String of(double top1) {
        return String.format(Locale.ROOT, "%.6g", 1 - top1);
    }
}
