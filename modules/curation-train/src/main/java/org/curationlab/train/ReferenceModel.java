package org.curationlab.train;

import org.curationlab.data.CurationException;
import org.curationlab.data.NativeArrays;
import org.curationlab.data.pairs.CaptionTokenizer;
import org.curationlab.data.pairs.ImageTextPairs;
import org.curationlab.data.pairs.OwnPairPool;
import org.curationlab.data.io.Npy;
import org.curationlab.models.FlopCount;
import org.curationlab.models.TwoTowerModel;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * JEST's frozen reference model, pre-scored: its embeddings of every pool pair are computed once
 * (and cached on disk, keyed by the checkpoint's hash and the pool spec), so that a reference
 * pair-logit matrix for a super-batch is a single B×B product (docs/selection.md, "pre-scored data").
 */
public final class ReferenceModel {
    private final TwoTowerModel model;
    private final String checkpointHash;
    private final Path checkpoint;
    // Row-major [N, embedDim] on the heap: a super-batch's rows are copied from here straight into one native array (NativeArrays.rows).
    private float[] imageEmb;
    private float[] textEmb;

    private ReferenceModel(TwoTowerModel model, String checkpointHash, Path checkpoint) {
        this.model = model;
        this.checkpointHash = checkpointHash;
        this.checkpoint = checkpoint;
    }

    public static ReferenceModel load(Path checkpoint) {
        return new ReferenceModel(TwoTowerModel.load(checkpoint), sha256(checkpoint), checkpoint);
    }

    public TwoTowerModel model() {
        return model;
    }

    public String checkpointHash() {
        return checkpointHash;
    }

    /**
     * Embeds every pair of {@code pool} (or loads the cached embeddings) and returns the one-off
     * cost, N × (image + text forward FLOPs), which a run charges to its reference column once
     * (whether or not the cache saved the work: it was spent for this pool).
     */
    public double prescore(ImageTextPairs given, String poolKey, Path cacheDir) {
        ImageTextPairs pool = readable(given);
        // The spec names the pool for people; the content hash guards against a generator change;
        // the engine, because two engines agree only to float rounding and a cache made by one
        // must not stand in for the other.
        String key = checkpointHash.substring(0, 16) + "-"
                + sha256((poolKey + ";content=" + pool.contentHash() + ";engine=" + model.engine())
                        .getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        Path img = cacheDir.resolve("embeddings").resolve(key + "-image.npy");
        Path txt = cacheDir.resolve("embeddings").resolve(key + "-text.npy");
        int n = pool.size();
        int d = model.config().embedDim();
        if (Files.exists(img) && Files.exists(txt)) {
            imageEmb = load(img, n, d);
            textEmb = load(txt, n, d);
        } else {
            imageEmb = heapCopy(Evaluator.inChunks(model::embedImages, pool.images()));
            textEmb = heapCopy(Evaluator.inChunks(model::embedTexts, pool.tokens()));
            try {
                Files.createDirectories(img.getParent());
            } catch (IOException e) {
                throw new CurationException(img.getParent() + ": cannot create the embedding cache (" + e.getMessage() + ")", e);
            }
            Npy.write(img, imageEmb, n, d);
            Npy.write(txt, textEmb, n, d);
        }
        return FlopCount.embedding(model.config(), n);
    }

    /**
     * The pool as the reference reads it. Your own pairs' captions are tokenized by the reference's
     * own tokenizer (saved in its checkpoint, built from the pairs it trained on), not the learner's,
     * and their images must be the shape it takes; a reference of the other world is refused.
     */
    ImageTextPairs readable(ImageTextPairs pool) {
        CaptionTokenizer own = model.tokenizer().orElse(null);
        if (pool instanceof OwnPairPool pairs) {
            if (own == null) {
                throw new CurationException("--reference: " + checkpoint + " was trained on the Fashion-MNIST world (its fixed vocabulary); "
                        + "with --pairs, give a reference trained on your own pairs (curate reference --reference-pairs)");
            }
            model.config().requireFits(pairs.channels(), pairs.side(), pool.name());
            return pairs.withTokenizer(own);
        }
        if (own != null) {
            throw new CurationException("--reference: " + checkpoint + " was trained on your own pairs (it holds a caption tokenizer); "
                    + "the Fashion-MNIST world takes a reference trained on it (curate reference --curation-level, or a level)");
        }
        return pool;
    }

    /** Embeddings of every pool pair by the reference, row-major [N, embedDim] (after {@link #prescore}); read-only. */
    public float[] imageEmbeddings() {
        if (imageEmb == null) {
            throw new IllegalStateException("prescore() the pool first");
        }
        return imageEmb;
    }

    /** As {@link #imageEmbeddings()}, of the captions. */
    public float[] textEmbeddings() {
        if (textEmb == null) {
            throw new IllegalStateException("prescore() the pool first");
        }
        return textEmb;
    }

    /** The reference's B×B pair logits for the given pool pairs (rows images, columns texts). */
    public INDArray logits(int[] ids) {
        if (imageEmb == null) {
            throw new IllegalStateException("prescore() the pool first");
        }
        int d = model.config().embedDim();
        INDArray img = NativeArrays.rows(imageEmb, d, ids);
        INDArray txt = NativeArrays.rows(textEmb, d, ids);
        // Only the logits: the pair losses score() would add are B×B work the selector never reads.
        INDArray logits = model.config().loss().logits(img, txt, model.temperature(), model.bias());
        NativeArrays.release(img, txt);
        return logits;
    }

    /** FLOPs of one reference logit matrix for a super-batch of B. */
    public double logitsFlops(int superBatch) {
        return FlopCount.logits(model.config(), superBatch);
    }

    /** The embeddings as a row-major float[], their native array freed now rather than at a later collection. */
    private static float[] heapCopy(INDArray embeddings) {
        float[] out = NativeArrays.toFloats(embeddings);
        NativeArrays.release(embeddings);
        return out;
    }

    private static float[] load(Path file, int n, int d) {
        Npy.Array a = Npy.read(file);
        float[] values = a.requireFloat32Matrix();
        if (a.rows() != n || a.cols() != d) {
            throw new CurationException(file + ": cached embeddings are " + a.rows() + "x" + a.cols() + ", expected " + n + "x" + d
                    + "; delete the file to recompute it");
        }
        return values;
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) {
                md.update(buf, 0, r);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new CurationException(file + ": cannot be read (" + e.getMessage() + ")", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
