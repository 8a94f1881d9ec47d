package org.curationlab.harness.fit;

import java.util.Map;

/** A fitted scaling law: its form, its named parameters (report keys) and how well it fits. */
public interface FittedCurve {

    Form form();

    /** Parameters keyed as in the JSON report: e_inf, a, alpha and, for Chinchilla, b, beta. */
    Map<String, Double> parameters();

    /** Root-mean-square of {@code log y − log ŷ} over the fitted points (≈ relative error). */
    double rmseLog();

    /** Number of points fitted. */
    int n();
}
