package org.curationlab.harness.sweep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One run of a sweep: all its settings (fixed, then axes) and a stable id, a readable slug of
 * the axis values plus a short hash of every setting, sorted, so that the same settings always
 * give the same id (resume finds its cells) and a changed fixed setting gives new ones.
 */
public record SweepCell(String id, String slug, Map<String, String> settings, Map<String, String> axisValues) {
    public static SweepCell of(Map<String, String> fixed, Map<String, String> axisValues) {
        Map<String, String> all = new LinkedHashMap<>(fixed);
        all.putAll(axisValues);
        StringBuilder slug = new StringBuilder();
        axisValues.forEach((k, v) -> slug.append(slug.length() == 0 ? "" : ",").append(k).append('=').append(v.replaceAll("[^A-Za-z0-9._=-]", "_")));
        String s = slug.length() == 0 ? "base" : slug.toString();
        return new SweepCell(s + "_" + hash(all), s, java.util.Collections.unmodifiableMap(all),
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(axisValues)));
    }

    static String hash(Map<String, String> settings) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(settings).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
