package org.curationlab.harness.fit;

/** A fitted law of one scale variable, which can be inverted to ask "how much x for error y?". */
public interface OneAxisCurve extends FittedCurve {

    double predict(double x);

    /** The x at which the curve reaches error {@code y}; NaN when {@code y <= eInf()} (never reached). */
    double invert(double y);

    /** Irreducible error the curve approaches as x → ∞ (0 for a pure power law). */
    double eInf();
}
