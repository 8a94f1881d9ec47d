package org.curationlab.data;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The noise of a web-style pool: per-pair noise rates (each a fraction of the pool, summing to at
 * most 1) and the class skew {@code longtail}, the exponent s of a Zipf class mix
 * (weight of the r-th most common class ∝ r^−s; 0 = balanced, 1 = classic Zipf).
 *
 * <p>Parsed from {@code --noise} text: a comma-separated list of presets ({@code web},
 * {@code none}) and {@code kind=value} items, read left to right. Kinds a spec does not name are
 * 0, unless a preset before them set them: {@code web,misaligned=0.5} is the default web pool with
 * half its captions misaligned, and {@code misaligned=0.5} is misalignment alone.
 */
public record NoiseSpec(double misaligned, double generic, double corrupted, double duplicate, double longtail) {
    /** The default "web data" pool: half the pairs are noise of some kind, classes are skewed. */
    public static final NoiseSpec WEB = new NoiseSpec(0.2, 0.1, 0.1, 0.1, 0.5);
    public static final NoiseSpec NONE = new NoiseSpec(0, 0, 0, 0, 0);
    public static final String KINDS = "misaligned, generic, corrupted, duplicate, longtail";

    public NoiseSpec {
        check("misaligned", misaligned);
        check("generic", generic);
        check("corrupted", corrupted);
        check("duplicate", duplicate);
        check("longtail", longtail);
        double sum = misaligned + generic + corrupted + duplicate;
        if (sum > 1 + 1e-9) {
            throw new CurationException(String.format(Locale.ROOT,
                    "--noise: the per-pair rates misaligned+generic+corrupted+duplicate sum to %.3f, above 1", sum));
        }
    }

    private static void check(String kind, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new CurationException("--noise: " + kind + "=" + v + " is outside [0, 1]");
        }
    }

    /** The fraction of pairs that are not clean. */
    public double noiseRate() {
        return misaligned + generic + corrupted + duplicate;
    }

    public double rate(PairFlag flag) {
        return switch (flag) {
            case CLEAN -> 1 - noiseRate();
            case MISALIGNED -> misaligned;
            case GENERIC -> generic;
            case CORRUPTED -> corrupted;
            case DUPLICATE -> duplicate;
        };
    }

    /** Every rate multiplied by {@code f} (the half-noise curation level). */
    public NoiseSpec scaled(double f) {
        return new NoiseSpec(misaligned * f, generic * f, corrupted * f, duplicate * f, longtail * f);
    }

    public static NoiseSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new CurationException("--noise: empty; expected e.g. 'web', 'none' or 'misaligned=0.3,generic=0.1' (kinds: " + KINDS + ")");
        }
        Map<String, Double> v = new LinkedHashMap<>();
        for (String kind : KINDS.split(", ")) {
            v.put(kind, 0.0);
        }
        for (String raw : text.split(",")) {
            String item = raw.trim().toLowerCase(Locale.ROOT);
            if (item.equals("web")) {
                v.putAll(WEB.asMap());
                continue;
            }
            if (item.equals("none") || item.equals("clean")) {
                v.putAll(NONE.asMap());
                continue;
            }
            int eq = item.indexOf('=');
            if (eq < 0) {
                throw new CurationException("--noise: '" + raw.trim() + "' is neither a preset (web, none) nor kind=value (kinds: " + KINDS + ")");
            }
            String kind = item.substring(0, eq).trim();
            if (!v.containsKey(kind)) {
                throw new CurationException("--noise: unknown noise kind '" + kind + "'; expected one of " + KINDS);
            }
            String value = item.substring(eq + 1).trim();
            try {
                v.put(kind, Double.parseDouble(value));
            } catch (NumberFormatException e) {
                throw new CurationException("--noise: " + kind + "='" + value + "' is not a number");
            }
        }
        return new NoiseSpec(v.get("misaligned"), v.get("generic"), v.get("corrupted"), v.get("duplicate"), v.get("longtail"));
    }

    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("misaligned", misaligned);
        m.put("generic", generic);
        m.put("corrupted", corrupted);
        m.put("duplicate", duplicate);
        m.put("longtail", longtail);
        return m;
    }

    /** The canonical text form, which {@link #parse} reads back to an equal spec. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        asMap().forEach((k, val) -> sb.append(sb.isEmpty() ? "" : ",").append(k).append('=').append(fmt(val)));
        return sb.toString();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
