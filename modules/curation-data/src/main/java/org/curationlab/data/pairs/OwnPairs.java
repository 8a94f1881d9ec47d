package org.curationlab.data.pairs;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import java.nio.FloatBuffer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Pairs loaded from a source: decoded images ({@code channels × side × side} unsigned bytes
 * each, channel-major, like {@link org.curationlab.data.ImageSet}'s bytes), captions as text,
 * per-item keys for provenance, optional labels, and the account of what was left out and why.
 * Captions are tokenized later, by a {@link CaptionTokenizer} built from the training pool
 * ({@link OwnPairPool}).
 *
 * @param labels      index into {@code labelNames} per pair, or −1 each when the source has no labels
 * @param sizesSeen   "W x H" of the images as stored, with counts (most frequent first)
 * @param candidates  items considered: loaded plus skipped
 * @param cacheFile   where the decoded images are cached, or null
 * @param fromCache   true when this load read the cache instead of decoding
 */
public record OwnPairs(String source, String kind, int side, int channels, List<String> keys, List<String> captions,
                       int[] labels, List<String> labelNames, byte[] pixels, Map<String, Integer> sizesSeen,
                       List<Skip> skips, int candidates, Path cacheFile, boolean fromCache) {
    public OwnPairs {
        int n = keys.size();
        if (captions.size() != n || labels.length != n || pixels.length != (long) n * channels * side * side) {
            throw new IllegalArgumentException("pairs arrays disagree on the number of pairs (" + n + ")");
        }
    }

    public int size() {
        return keys.size();
    }

    public int pixelsPerImage() {
        return channels * side * side;
    }

    public String key(int i) {
        return keys.get(i);
    }

    public String caption(int i) {
        return captions.get(i);
    }

    /** −1 when unlabelled. */
    public int label(int i) {
        return labels[i];
    }

    public boolean labelled() {
        return !labelNames.isEmpty();
    }

    /** Image {@code i} as floats in [0, 1], channel-major. */
    public float[] image(int i) {
        int n = pixelsPerImage();
        float[] out = new float[n];
        for (int p = 0; p < n; p++) {
            out[p] = (pixels[i * n + p] & 0xff) / 255f;
        }
        return out;
    }

    /** The images of the given pairs, [ids.length, channels·side·side] FLOAT in [0, 1]. */
    public INDArray images(int[] ids) {
        int n = pixelsPerImage();
        // One image at a time through a small buffer into the native array: no batch-sized Java
        // array per step (3 MB at RGB 32×32) for the collector to clear.
        INDArray batch = Nd4j.createUninitialized(DataType.FLOAT, new long[] {ids.length, n}, 'c');
        FloatBuffer into = batch.data().asNioFloat();
        float[] image = new float[n];
        for (int r = 0; r < ids.length; r++) {
            int off = ids[r] * n;
            for (int p = 0; p < n; p++) {
                image[p] = (pixels[off + p] & 0xff) / 255f;
            }
            into.put(r * n, image, 0, n);
        }
        return batch;
    }

    /** The same as {@link #images(int[])}, shaped [ids.length, channels, side, side] for a conv tower. */
    public INDArray imagesNchw(int[] ids) {
        return images(ids).reshape('c', ids.length, channels, side, side);
    }

    public int skipped() {
        return skips.size();
    }

    /**
     * The given pairs, renumbered from 0 (a held-out split, a pruned pool); the source's account
     * (sizes seen, skips, cache) stays that of the whole load.
     */
    public OwnPairs subset(int[] ids) {
        int n = pixelsPerImage();
        List<String> k = new java.util.ArrayList<>(ids.length);
        List<String> c = new java.util.ArrayList<>(ids.length);
        int[] l = new int[ids.length];
        byte[] px = new byte[ids.length * n];
        for (int r = 0; r < ids.length; r++) {
            k.add(keys.get(ids[r]));
            c.add(captions.get(ids[r]));
            l[r] = labels[ids[r]];
            System.arraycopy(pixels, ids[r] * n, px, r * n, n);
        }
        return new OwnPairs(source, kind, side, channels, List.copyOf(k), List.copyOf(c), l, labelNames, px, sizesSeen, skips,
                candidates, cacheFile, fromCache);
    }

    /**
     * SHA-256 over what was loaded — keys, captions, labels and decoded pixels — hex: the content a
     * run trained on, whatever the files' dates (provenance records it, and a resume compares it).
     */
    public String contentHash() {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < size(); i++) {
                md.update((keys.get(i) + "\u0000" + captions.get(i) + "\u0000"
                        + (labels[i] < 0 ? "" : labelNames.get(labels[i])) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            md.update((side + "x" + side + "x" + channels).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update(pixels);
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
