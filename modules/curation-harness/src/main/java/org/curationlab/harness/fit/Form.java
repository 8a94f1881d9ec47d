package org.curationlab.harness.fit;

/** The functional forms a curve can be fitted with; {@link #jsonName()} is the report's "form". */
public enum Form {
    /** {@code E(C) = E∞ + A·C^(−α)}: error saturates at an irreducible E∞. */
    SATURATING("saturating"),
    /** {@code E(C) = A·C^(−α)}: a straight line on log-log axes. */
    POWER("power"),
    /** {@code E(N, D) = E + A/N^α + B/D^β} (Hoffmann et al. 2022) when both N and D vary. */
    CHINCHILLA("chinchilla");

    private final String jsonName;

    Form(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    /** How many distinct x values (points of the axes) a fit of this form needs; fewer is an error. */
    public int minimumDistinctPoints() {
        return switch (this) {
            case SATURATING -> SaturatingPowerLaw.MODEL.minimumDistinctPoints();
            case POWER -> PowerLaw.MODEL.minimumDistinctPoints();
            case CHINCHILLA -> ChinchillaFit.MODEL.minimumDistinctPoints();
        };
    }

    /** Parses "saturating" | "power" | "chinchilla" (case-insensitive), naming the bad value otherwise. */
    public static Form parse(String value) {
        for (Form f : values()) {
            if (f.jsonName.equalsIgnoreCase(value == null ? "" : value.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("form '" + value + "' is not known, expected one of saturating, power, chinchilla");
    }
}
