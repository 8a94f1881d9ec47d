package org.curationlab.pruning;

import java.util.Arrays;
import java.util.Locale;
import org.curationlab.data.CurationException;

/**
 * Which of a pair's embeddings the concept clusters of DBP and SSP are built from. The DBP paper
 * clusters image embeddings (as SemDeDup does); an image embedding cannot see a caption that does
 * not match its image, so a misaligned pair sits in its image's concept. {@code TEXT} clusters the
 * captions instead, and {@code JOINT} concatenates the L2-normalised image and text embeddings
 * (dimension 2d), so two pairs are close only when both their images and their captions are, and
 * cos(joint) = (cos(image) + cos(text)) / 2.
 */
public enum PruneEmbedding {
    IMAGE, TEXT, JOINT;

    public static final String FLAG = "--prune-embedding";

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PruneEmbedding parse(String text) {
        if (text != null) {
            for (PruneEmbedding e : values()) {
                if (e.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return e;
                }
            }
        }
        throw new CurationException(FLAG + ": '" + text + "' is not one of "
                + Arrays.stream(values()).map(PruneEmbedding::label).toList()
                + " (what DBP and SSP cluster: the reference's image embeddings, its text embeddings, or both concatenated)");
    }

    /**
     * The rows to cluster, n × {@link #dim(int)}, from a pool's image and text embeddings (n × d
     * each, row-major). IMAGE and TEXT return their matrix as it is (clustering normalises rows).
     */
    public float[] select(float[] images, float[] texts, int n, int d, String source) {
        return switch (this) {
            case IMAGE -> images;
            case TEXT -> texts;
            case JOINT -> {
                float[] a = Clustering.normalizeRows(images, n, d, source + " (image embeddings)");
                float[] b = Clustering.normalizeRows(texts, n, d, source + " (text embeddings)");
                float[] out = new float[n * 2 * d];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(a, i * d, out, i * 2 * d, d);
                    System.arraycopy(b, i * d, out, i * 2 * d + d, d);
                }
                yield out;
            }
        };
    }

    public int dim(int d) {
        return this == JOINT ? 2 * d : d;
    }
}
